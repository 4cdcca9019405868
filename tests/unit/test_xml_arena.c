/* The DOM arena (src/xml_arena.c): a page's DOM lives in chunks its thread keeps, which are
 * reused once no document made in them is alive, and never while one is. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>
#include <libxml/tree.h>

#include "alloc.h"
#include "buf.h"
#include "html.h"
#include "shopaudit/common.h"
#include "test.h"
#include "xml_arena.h"

/* A shop page of about n bytes: menus, paragraphs in several scripts, a form, a script. */
static char *page_of(size_t n, unsigned seed)
{
    struct sa_buf b;
    sa__buf_init(&b, SIZE_MAX);
    sa__buf_printf(&b,
                   "<!doctype html><html lang=en><head><title>Shop %u</title>"
                   "<script>var x = '<b>%u</b>';</script></head><body><header><nav>",
                   seed, seed);
    for (unsigned i = 0; i < 12; i++)
        sa__buf_printf(&b, "<a href='/c/%u' class='menu item'>Category %u</a>", i, i + seed);
    sa__buf_puts(&b, "</nav></header><main>");
    for (unsigned i = 0; b.len < n; i++)
        sa__buf_printf(&b,
                       "<div class=card><h2>Товар %u</h2><p>Free delivery over $%u. Ελεύθερη "
                       "παράδοση. จัดส่งฟรี %u &amp; returns</p><form action=/cart><input "
                       "name=q value='%u'><button>Add to cart</button></form></div>\n",
                       i + seed, i * 7 % 90, i, seed);
    sa__buf_puts(&b, "</main><footer>Contacts: +1 555 0100</footer></body></html>");
    size_t len;
    return sa__buf_take(&b, &len);
}

static void route(void)
{
    ASSERT((sa__alloc_route_libs(CURL_GLOBAL_DEFAULT)) == (0));
}

static int outline_of(xmlDocPtr doc, struct sa_buf *out)
{
    /* the tree, node by node: names and contents, depth first */
    sa__buf_init(out, SIZE_MAX);
    xmlNodePtr n = xmlDocGetRootElement(doc);
    while (n) {
        if (n->name) sa__buf_puts(out, (const char *)n->name);
        if (n->content) sa__buf_puts(out, (const char *)n->content);
        sa__buf_puts(out, "|");
        if (n->children) {
            n = n->children;
            continue;
        }
        while (n && !n->next) n = n->parent;
        if (n) n = n->next;
    }
    return out->ptr != NULL;
}

TEST(xml_arena_reused_page_after_page)
{
    route();
    char *html = page_of(60000, 1);
    size_t len = strlen(html);
    size_t first = 0;
    for (int i = 0; i < 40; i++) {
        void *doc;
        ASSERT((sa__html_parse(html, len, "https://shop.test/", &doc)) == (SA_OK));
        ASSERT(doc != NULL);
        size_t size = sa__xml_arena_size();
        EXPECT(size > 60000); /* the DOM is in the arena */
        if (i == 0) first = size;
        EXPECT_EQ(size, first); /* the same chunks every time, no growth */
        sa__html_free(doc);
    }
    sa__xml_arena_free();
    EXPECT_EQ(sa__xml_arena_size(), 0);
    sa__free(html);
}

TEST(xml_arena_keeps_a_live_document)
{
    route();
    char *a = page_of(30000, 2), *b = page_of(30000, 3);
    void *da, *db;
    ASSERT((sa__html_parse(a, strlen(a), "https://shop.test/a", &da)) == (SA_OK));
    struct sa_buf before, after;
    ASSERT(outline_of(da, &before));
    /* b parsed and freed while a lives: a's nodes are not reused */
    for (int i = 0; i < 3; i++) {
        ASSERT((sa__html_parse(b, strlen(b), "https://shop.test/b", &db)) == (SA_OK));
        sa__html_free(db);
    }
    ASSERT(outline_of(da, &after));
    EXPECT_EQ(before.len, after.len);
    EXPECT(before.len == after.len && memcmp(before.ptr, after.ptr, before.len) == 0);
    EXPECT(strstr(before.ptr, "Shop 2") != NULL);
    sa__buf_release(&before);
    sa__buf_release(&after);
    /* a live document keeps the chunks, even when asked to give them back */
    size_t held = sa__xml_arena_size();
    sa__xml_arena_free();
    EXPECT_EQ(sa__xml_arena_size(), held);
    sa__html_free(da);
    sa__xml_arena_free();
    EXPECT_EQ(sa__xml_arena_size(), 0);
    sa__free(a);
    sa__free(b);
}

TEST(xml_arena_gives_back_what_a_big_page_took)
{
    route();
    char *big = page_of(4u << 20, 4), *small = page_of(20000, 5);
    void *doc;
    ASSERT((sa__html_parse(big, strlen(big), "https://shop.test/big", &doc)) == (SA_OK));
    EXPECT(sa__xml_arena_size() > ((size_t)8 << 20)); /* its DOM is bigger than what is kept */
    sa__html_free(doc);
    ASSERT((sa__html_parse(small, strlen(small), "https://shop.test/s", &doc)) == (SA_OK));
    EXPECT(sa__xml_arena_size() <= ((size_t)8 << 20));
    sa__html_free(doc);
    sa__xml_arena_free();
    sa__free(big);
    sa__free(small);
}

/* libxml2 may grow a node's content after the parse (the arena is off): the bytes move to the
 * heap, whole. */
TEST(xml_arena_block_grown_after_the_parse)
{
    route();
    const char *html = "<p>first part</p>";
    void *doc;
    ASSERT((sa__html_parse(html, strlen(html), "https://shop.test/", &doc)) == (SA_OK));
    xmlNodePtr body = xmlDocGetRootElement(doc)->children;
    while (body && strcmp((const char *)body->name, "body") != 0) body = body->next;
    ASSERT(body && body->children && body->children->children);
    xmlNodePtr text = body->children->children;
    ASSERT((text->type) == (XML_TEXT_NODE));
    char more[3000];
    memset(more, 'x', sizeof more - 1);
    more[sizeof more - 1] = '\0';
    xmlNodeAddContent(text, (const xmlChar *)more);
    xmlChar *c = xmlNodeGetContent(text);
    ASSERT(c != NULL);
    EXPECT_EQ(strlen((const char *)c), strlen("first part") + sizeof more - 1);
    EXPECT(strncmp((const char *)c, "first part", 10) == 0);
    xmlFree(c);
    sa__html_free(doc);
    sa__xml_arena_free();
}

/* Each thread has its own arena: two threads parsing at once never share a chunk. */
static void *parse_many(void *arg)
{
    const char *html = arg;
    for (int i = 0; i < 30; i++) {
        void *doc;
        if (sa__html_parse(html, strlen(html), "https://shop.test/", &doc) != SA_OK) return arg;
        struct sa_buf o;
        int ok = outline_of(doc, &o) && strstr(o.ptr, "Category") != NULL;
        sa__buf_release(&o);
        sa__html_free(doc);
        if (!ok) return arg;
    }
    sa__xml_arena_free();
    return NULL;
}

TEST(xml_arena_per_thread)
{
    route();
    char *a = page_of(40000, 6), *b = page_of(40000, 7);
    pthread_t ta, tb;
    ASSERT((pthread_create(&ta, NULL, parse_many, a)) == (0));
    ASSERT((pthread_create(&tb, NULL, parse_many, b)) == (0));
    void *ra, *rb;
    pthread_join(ta, &ra);
    pthread_join(tb, &rb);
    EXPECT(ra == NULL);
    EXPECT(rb == NULL);
    EXPECT_EQ(sa__xml_arena_size(), 0); /* this thread parsed nothing */
    sa__free(a);
    sa__free(b);
}

TEST_MAIN()
