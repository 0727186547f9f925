#!/bin/sh
# SPDX-License-Identifier: MIT
# fake-dump.sh: a gcc -wrapper for dump.c.  It prints lines in the format
# of the plugin's lowering dump before running cc1, so the harness's dump
# scans can be tested without the plugin.  Other passes run unchanged.
case ${1##*/} in
cc1)
    printf '%s\n' \
        'gochan-dump: harness-fake go main.thunk0 args=1' \
        'gochan-dump: harness-fake go main.thunk1 args=2' \
        'gochan-dump: harness-fake select main cases=3' >&2
    ;;
esac
exec "$@"
