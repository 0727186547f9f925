/* SPDX-License-Identifier: MIT */
/* abi-mismatch.h: a <gochan/abi.h> of some other release, for
   abi-mismatch.c (forced in with -include; its include guard keeps the
   real one out).  __gochan_go_alloc has another shape, the select case
   another field name.  */
#ifndef GOCHAN_ABI_H
#define GOCHAN_ABI_H
#include <stddef.h>
#include <stdbool.h>
extern const int __gochan_abi_1;
struct __gochan_site { const char *file; };
void *__gochan_go_alloc (size_t size);
void __gochan_go_start (void *block, void (*thunk) (void *),
			const struct __gochan_site *site);
struct gochan_chan;
struct gochan_select_case { struct gochan_chan *chan; void *elem; int dir;
			   bool okay; };
#define GOCHAN_SELECT_SEND 1
#define GOCHAN_SELECT_RECV 2
typedef struct gochan_select_case __gochan_scase_t;
int __gochan_select (struct gochan_select_case *cases, int n,
		     int has_default);
#endif
