/* Control cannot leave a __go_block: its body runs as a goroutine of its
   own.  return, break and continue aimed outside it, goto to a label
   outside it, a computed goto, the address of an outside label and a
   case or default label of a switch outside it are errors at their own
   line (return with a note at the __go_block).  The same statements
   aimed inside the block are fine, and an error in a nested block is
   reported once.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

void f (int);

int
leave (int n)
{
  for (int i = 0; i < n; i++)
    {
      __go_block		/* { dg-message "note: the block runs as a goroutine of its own; 'gochan_exit \\(\\)' ends it early" } */
	{
	  if (i == 1)
	    return 1;		/* { dg-error "'return' cannot leave a '__go_block'" } */
	  if (i == 2)
	    break;		/* { dg-error "'break' cannot leave a '__go_block'" } */
	  if (i == 3)
	    continue;		/* { dg-error "'continue' cannot leave a '__go_block'" } */
	  if (i == 4)
	    goto out;		/* { dg-error "'goto' cannot leave a '__go_block': label 'out' is outside it" } */
	}
    }
out:
  switch (n)
    {
    case 1:
      __go_block
	{
	case 2:			/* { dg-error "'case' label of a 'switch' outside the '__go_block'" } */
	  f (2);
	default:		/* { dg-error "'default' label of a 'switch' outside the '__go_block'" } */
	  f (3);
	}
    }
  __go_block
    {
      static void *p = &&out;	/* { dg-error "'__go_block' cannot take the address of label 'out' outside it" } */
      goto *p;			/* { dg-error "computed 'goto' in a '__go_block'" } */
    }
  return 0;
}

void
inside (__chan (int) c, int n)
{
  __go_block			/* fine: every jump stays inside */
    {
      for (int i = 0; i < n; i++)
	{
	  if (i == 1)
	    continue;
	  if (i == 2)
	    break;
	  switch (i)
	    {
	    case 0:
	      break;
	    default:
	      goto again;
	    }
	}
    again:
      __select
	{
	case __recv (c):
	  break;
	default:
	  goto again;
	}
      for (int m = n; m > 0; m--)
	{
	  __go_block
	    {
	      if (m == 5)
		return;		/* { dg-error "'return' cannot leave a '__go_block'" } */
	    }			/* { dg-message "note: the block runs as a goroutine" "" { target *-*-* } .-4 } */
	}
    }
}

void
front_end_error (void)
{
  __go_block { f (nosuch); }	/* { dg-error "'nosuch' undeclared" } */
  /* { dg-message "note: each undeclared identifier" "" { target *-*-* } .-1 } */
}
