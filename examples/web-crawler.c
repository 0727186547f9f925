/*
 * A concurrent web crawler, the Go tour's last exercise, over a fake
 * fetcher: each page is fetched in its own goroutine, links are followed
 * down to a depth limit, and no page is fetched twice.  The set of pages
 * already claimed is shared by every goroutine, so a mutex guards it; a
 * WaitGroup counts the crawls still running, so main knows when the
 * whole site is done.  Pages finish in any order; main sorts them.
 *
 * With depth 4, /blog/older/ (four links from the root) is not fetched.
 * (A page reached first by a longer path gets less depth left; this small
 * site is laid out so that no page's fate depends on which path wins.)
 *
 * Output:
 *   found: https://example.org/ "Home"
 *   found: https://example.org/blog/ "Blog"
 *   found: https://example.org/blog/hello/ "Hello, world"
 *   found: https://example.org/blog/old/ "Older posts"
 *   found: https://example.org/docs/ "Docs"
 *   found: https://example.org/docs/chan/ "Channels"
 *   found: https://example.org/docs/select/ "Select"
 *   not found: https://example.org/nowhere/
 *   8 urls fetched
 */
#include <gochan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SITE "https://example.org"

/* The fake web. */
static const struct page {
    const char *url, *title;
    const char *links[3];
} web[] = {
    { SITE "/", "Home",
      { SITE "/docs/", SITE "/blog/" } },
    { SITE "/docs/", "Docs",
      { SITE "/", SITE "/docs/chan/", SITE "/docs/select/" } },
    { SITE "/docs/chan/", "Channels",
      { SITE "/docs/", SITE "/docs/select/" } },
    { SITE "/docs/select/", "Select",
      { SITE "/docs/", SITE "/docs/chan/" } },
    { SITE "/blog/", "Blog",
      { SITE "/", SITE "/blog/hello/" } },
    { SITE "/blog/hello/", "Hello, world",
      { SITE "/blog/", SITE "/blog/old/", SITE "/nowhere/" } },
    { SITE "/blog/old/", "Older posts",
      { SITE "/blog/", SITE "/blog/older/" } },
    { SITE "/blog/older/", "Even older posts",
      { SITE "/blog/old/" } },
};

/* Fetches url: its page, or NULL if there is none.  The sleep stands in
   for the network. */
static const struct page *fetch(const char *url)
{
    gochan_sleep(1 * GOCHAN_MS);
    for (size_t i = 0; i < sizeof web / sizeof web[0]; i++)
        if (strcmp(web[i].url, url) == 0)
            return &web[i];
    return NULL;
}

/* What the crawl found at one url. */
struct visit {
    const char *url;
    const char *title;          /* NULL: not found */
};

struct crawler {
    gochan_waitgroup wg;        /* crawls running */
    gochan_mutex mu;            /* guards the fields below */
    int n;                      /* urls claimed */
    struct visit visits[16];    /* the urls claimed, in claim order */
};

/* Claims url for the calling crawl: its visit, or NULL if another crawl
   claimed it first.  The check and the claim are one step under the
   lock, so two crawls of one url cannot both see it unclaimed. */
static struct visit *claim(struct crawler *c, const char *url)
{
    struct visit *v = NULL;
    gochan_mutex_lock(&c->mu);
    int i = 0;
    while (i < c->n && strcmp(c->visits[i].url, url) != 0)
        i++;
    if (i == c->n && c->n < 16) {
        v = &c->visits[c->n++];
        v->url = url;
    }
    gochan_mutex_unlock(&c->mu);
    return v;
}

static void crawl(const char *url, int depth, struct crawler *c)
{
    struct visit *v;
    if (depth > 0 && (v = claim(c, url)) != NULL) {
        const struct page *p = fetch(url);
        gochan_mutex_lock(&c->mu);
        v->title = p ? p->title : NULL;
        gochan_mutex_unlock(&c->mu);
        for (int i = 0; p && i < 3 && p->links[i]; i++) {
            gochan_waitgroup_add(&c->wg, 1);    /* before __go, not in it */
            __go crawl(p->links[i], depth - 1, c);
        }
    }
    gochan_waitgroup_done(&c->wg);
}

static int by_url(const void *a, const void *b)
{
    return strcmp(((const struct visit *)a)->url,
                  ((const struct visit *)b)->url);
}

int main(void)
{
    static struct crawler c;    /* zero: no crawls, unlocked, empty */

    gochan_waitgroup_add(&c.wg, 1);
    __go crawl(SITE "/", 4, &c);
    gochan_waitgroup_wait(&c.wg);

    /* Every crawl is done: no lock needed any more. */
    qsort(c.visits, c.n, sizeof c.visits[0], by_url);
    for (int i = 0; i < c.n; i++) {
        if (c.visits[i].title)
            printf("found: %s \"%s\"\n", c.visits[i].url, c.visits[i].title);
        else
            printf("not found: %s\n", c.visits[i].url);
    }
    printf("%d urls fetched\n", c.n);
    return 0;
}
