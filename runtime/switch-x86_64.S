/* SPDX-License-Identifier: MIT */
/*
 * switch-x86_64.S: the goroutine register switch.
 *
 * rt_switch_regs(void **from_sp, void *to_sp): push the callee-saved
 * registers of the System V ABI on the current stack, store %rsp in
 * *from_sp, load to_sp, pop the other stack's registers and return on it.
 * Caller-saved registers are the compiler's business; the signal mask is
 * per thread and not switched (that would cost two system calls); MXCSR and
 * the x87 control word are shared by all goroutines of a thread (a program
 * that changes rounding modes must restore them before blocking).
 *
 * The split-stack context (the guard at %fs:0x70 and libgcc's segment
 * pointers) is switched by the caller, gogo in sched.c (ss_save and
 * ss_restore, splitstack.h), just before.
 *
 * It returns with ret, not pop + indirect jmp as Go's gogo does.  The
 * ret onto the other stack is mispredicted when the two goroutines were
 * switched out from different call sites (bench/c/costs.c "switch": 9-11
 * ns on the CI VM, against 3.3 for pop + jmp in the same loop), but a
 * jmp leaves the call's entry on the return-stack predictor, so every
 * return after the switch is off by one.  Measured on two coroutines
 * that switch three frames deep and return through them: same code on
 * both sides (a worker pool) 13.8 ns per switch with ret, 28.4 with
 * jmp; different code 36.7 with ret, 28.0 with jmp.  Rejected.
 *
 * rt_gostart: where a new goroutine's first switch returns to.  The frame
 * built by rt_stack_prepare leaves the rt_g in %r12 and the C entry in
 * %r13.  The CFI marks the end of the stack for debuggers and unwinders.
 */
        .text
        .globl  rt_switch_regs
        .hidden rt_switch_regs
        .type   rt_switch_regs, @function
        .p2align 4
rt_switch_regs:
        .cfi_startproc
        pushq   %rbp
        pushq   %rbx
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        movq    %rsp, (%rdi)
        movq    %rsi, %rsp
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbx
        popq    %rbp
        ret
        .cfi_endproc
        .size   rt_switch_regs, .-rt_switch_regs

        .globl  rt_gostart
        .hidden rt_gostart
        .type   rt_gostart, @function
        .p2align 4
rt_gostart:
        .cfi_startproc
        .cfi_undefined rip
        xorl    %ebp, %ebp
        movq    %r12, %rdi
        andq    $-16, %rsp
        call    *%r13
        ud2
        .cfi_endproc
        .size   rt_gostart, .-rt_gostart

/* long rt_raw_syscall6(long n, long a, ..., long f): the system call
   instruction, as the kernel wants its arguments.  Returns -errno. */
        .globl  rt_raw_syscall6
        .hidden rt_raw_syscall6
        .type   rt_raw_syscall6, @function
        .p2align 4
rt_raw_syscall6:
        .cfi_startproc
        movq    %rdi, %rax
        movq    %rsi, %rdi
        movq    %rdx, %rsi
        movq    %rcx, %rdx
        movq    %r8, %r10
        movq    %r9, %r8
        movq    8(%rsp), %r9
        syscall
        ret
        .cfi_endproc
        .size   rt_raw_syscall6, .-rt_raw_syscall6

/* Hand-written code without split-stack prologues: tell gold so, or it
   fails to match the split-stack sequence. */
        .section .note.GNU-stack,"",@progbits
        .section .note.GNU-split-stack,"",@progbits
        .section .note.GNU-no-split-stack,"",@progbits
