/*
 * Equivalent binary trees, the Go tour's exercise: many binary search
 * trees hold the same values in different shapes.  To compare two, walk
 * both at once, each in its own goroutine that sends the values in order
 * on a channel, and compare the two streams value by value; the first
 * difference settles it without walking the rest.  When same() gives up
 * early it closes quit: closing is a broadcast that every walker's
 * __select sees, so no walker stays blocked on a send (a leak).
 *
 * new_tree(k, seed) holds k, 2k, ..., 10k, inserted in an order that
 * depends on seed, like the tour's tree.New.
 *
 * Output:
 *   walk(new_tree(1, 1)): 1 2 3 4 5 6 7 8 9 10
 *   roots: 8 and 9
 *   same(new_tree(1, 1), new_tree(1, 2)): true
 *   same(new_tree(1, 1), new_tree(2, 1)): false
 */
#include <gochan.h>
#include <stdio.h>
#include <stdlib.h>

struct tree {
    struct tree *left, *right;
    int value;
};

static struct tree *insert(struct tree *t, int v)
{
    if (t == NULL) {
        t = calloc(1, sizeof *t);
        t->value = v;
    } else if (v < t->value) {
        t->left = insert(t->left, v);
    } else {
        t->right = insert(t->right, v);
    }
    return t;
}

static struct tree *new_tree(int k, unsigned seed)
{
    int v[10];
    for (int i = 0; i < 10; i++)
        v[i] = (i + 1) * k;
    for (int i = 9; i > 0; i--) {      /* shuffle, with a tiny LCG */
        seed = seed * 1103515245 + 12345;
        int j = (seed >> 16) % (i + 1);
        int tmp = v[i];
        v[i] = v[j];
        v[j] = tmp;
    }
    struct tree *t = NULL;
    for (int i = 0; i < 10; i++)
        t = insert(t, v[i]);
    return t;
}

struct empty {};   /* Go's struct{}: quit is only ever closed */

/* Sends t's values in order on ch; false once quit is closed. */
static bool walk(struct tree *t, __chan(int) ch, __chan(struct empty) quit)
{
    if (t == NULL)
        return true;
    if (!walk(t->left, ch, quit))
        return false;
    __select {
    case __send(ch, t->value):
        break;
    case __recv(quit):
        return false;
    }
    return walk(t->right, ch, quit);
}

/* The goroutine: walk, then close ch so the reader sees the end.  It owns
   a reference to each channel, since same() may return first. */
static void walker(struct tree *t, __chan(int) ch, __chan(struct empty) quit)
{
    walk(t, ch, quit);
    chan_close(ch);
    chan_release(ch);
    chan_release(quit);
}

static bool same(struct tree *t1, struct tree *t2)
{
    __chan(int) ch1 = chan_make(int, 0);
    __chan(int) ch2 = chan_make(int, 0);
    __chan(struct empty) quit = chan_make(struct empty, 0);
    __go walker(t1, chan_retain(ch1), chan_retain(quit));
    __go walker(t2, chan_retain(ch2), chan_retain(quit));

    bool ok1, ok2, equal;
    for (;;) {
        int v1 = chan_recv_ok(ch1, &ok1);
        int v2 = chan_recv_ok(ch2, &ok2);
        if (ok1 != ok2 || v1 != v2) {
            equal = false;
            break;
        }
        if (!ok1) {
            equal = true;       /* both ended together */
            break;
        }
    }
    chan_close(quit);
    chan_release(ch1);
    chan_release(ch2);
    chan_release(quit);
    return equal;
}

int main(void)
{
    struct tree *a = new_tree(1, 1), *b = new_tree(1, 2);

    __chan(int) ch = chan_make(int, 0);
    __chan(struct empty) quit = chan_make(struct empty, 0);
    __go walker(a, chan_retain(ch), chan_retain(quit));
    printf("walk(new_tree(1, 1)):");
    bool ok;
    for (int v = chan_recv_ok(ch, &ok); ok; v = chan_recv_ok(ch, &ok))
        printf(" %d", v);
    printf("\n");

    printf("roots: %d and %d\n", a->value, b->value);
    printf("same(new_tree(1, 1), new_tree(1, 2)): %s\n",
           same(a, b) ? "true" : "false");
    printf("same(new_tree(1, 1), new_tree(2, 1)): %s\n",
           same(a, new_tree(2, 1)) ? "true" : "false");
    return 0;
}
