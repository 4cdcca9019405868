/* Rendering JavaScript shops: one headless Chromium per audit, driven over the DevTools protocol
 * on --remote-debugging-pipe (NUL-terminated JSON on a socket pair: no WebSocket library), and
 * the "auto" heuristic that decides from server HTML whether a page is worth rendering and
 * whether rendering added the shop. render.c owns the browser, render_decide.c the heuristic. */
#ifndef SA_RENDER_H
#define SA_RENDER_H

#include <pthread.h>
#include <signal.h>
#include <stddef.h>

#include "shopaudit/page.h"

/* ---- the browser ---- */

struct sa__browser;

struct sa__browser_opts {
    int no_sandbox;    /* pass --no-sandbox: Chromium refuses to run sandboxed as root */
    unsigned start_ms; /* cap on starting and answering the first command */
    const volatile sig_atomic_t *stop; /* set: every wait ends early */
    /* The crawl's identity, applied to every tab (copied): */
    const char *user_agent;     /* NULL: the browser's own */
    int mobile;                 /* a phone viewport (412x915, mobile) and touch */
    const char *const *headers; /* extra request headers "Name: value"; NULL-terminated */
};

struct sa__render_info {
    unsigned ms;     /* navigate .. HTML read */
    int budget_hit;  /* the page did not settle (load + network quiet) within the budget */
    int blocked;     /* third-party requests failed on purpose */
    size_t requests; /* requests the page made, blocked ones included */
    char error[128]; /* why navigation failed ("net::ERR_CONNECTION_REFUSED"), "" if it did not */
};

/* Starts path (a file, or a name looked up in PATH; NULL: "chromium") headless, in its own
 * process group, with a fresh temporary profile, and waits until it answers. *out is the
 * caller's: sa__browser_free. SA_OK, SA_EIO (missing, not executable, did not start or answer)
 * or SA_ENOMEM, with the reason in err. */
int sa__browser_start(const char *path, const struct sa__browser_opts *o, struct sa__browser **out,
                      char *err, size_t errlen);

/* Loads url in a new tab with requests to other hosts than url's failed (navigation capped at
 * nav_ms, the crawl's own timeout), then waits for the load event and 500 ms without network
 * activity, all within budget_ms from the response, and returns the
 * document's serialised HTML (*html is the caller's: sa__free; NUL-terminated, *len bytes).
 * A page that does not settle in time is read as it stands (info->budget_hit). SA_OK, SA_EFETCH
 * (navigation failed), SA_EIO (the browser stopped answering: it is then killed and every
 * later call fails at once), SA_EINTR or SA_ENOMEM, with the reason in err.
 * Thread-safe: renders from several threads run at once, one tab each, over the one pipe; a
 * browser that dies or hangs fails every render in flight. */
int sa__browser_render(struct sa__browser *b, const char *url, unsigned nav_ms, unsigned budget_ms,
                       char **html, size_t *len, struct sa__render_info *info, char *err,
                       size_t errlen);

/* Memory of the browser's whole process group now (proportional set size, RSS where PSS is
 * unknown), and the peak seen so far (sampled
 * at start and after every render), in KiB; 0 when unknown. */
size_t sa__browser_rss_kb(struct sa__browser *b, size_t *peak_kb);

/* Ends the browser: SIGTERM to its process group, SIGKILL after 2 s, reaps the child, removes
 * the profile. NULL is fine. */
void sa__browser_free(struct sa__browser *b);

/* 1 when host belongs to the site: the same host, www. or not, or one of its subdomains
 * (cdn.shop.test for shop.test). Decides which requests a rendered page may make. */
int sa__render_same_site(const char *site_host, const char *host);

/* ---- the auto decision ---- */

/* The retention elements rendering may reveal. */
#define SA_RENDER_ELEMENT_MAP(X)                                                                   \
    X(CART, "cart")                                                                                \
    X(PRICE, "price") X(BUY, "buy_button") X(CONTACTS, "contacts") X(DELIVERY, "delivery")

enum sa__render_element {
#define SA__RE_ENUM(e, name) SA_RE_##e,
    SA_RENDER_ELEMENT_MAP(SA__RE_ENUM)
#undef SA__RE_ENUM
        SA_RE_LAST
};
const char *sa__render_element_name(enum sa__render_element e);

/* Which retention elements a page shows, each with its first evidence (copied). */
struct sa__render_found {
    unsigned mask; /* bit (1u << enum sa__render_element) */
    char where[SA_RE_LAST][96];
    char snippet[SA_RE_LAST][96];
};
void sa__render_elements(const struct sa_page *p, struct sa__render_found *f);

/* Why a server page looks incomplete. Filled by sa__render_suspect from the page and its DOM
 * (which must still be attached). */
struct sa__render_signals {
    int scripts;          /* same-site or inline scripts: nothing to render without them */
    int little_text;      /* under 200 bytes of visible text */
    int empty_mount;      /* an empty #root, #app, #__next, #___gatsby, #__nuxt */
    int noscript_js;      /* a <noscript> asking for JavaScript */
    int offer_no_price;   /* schema.org Offer/Product, no price in the visible text */
    int product_no_buy;   /* a product-like page without cart link or buy control */
    int framework_marker; /* __NEXT_DATA__, data-server-rendered, __NUXT__: not a reason */
    char reason[160];     /* "empty #root, <noscript> asks for JavaScript" */
};

/* 1 when rendering the page may reveal what its server HTML hides: a shell page (little text
 * with an empty mount node or a JavaScript-only <noscript>) or a retention gap (an Offer
 * without a visible price, a product page with no way to buy), and the page has scripts of
 * its own. Framework markers alone never count: they mean server-side rendering. */
int sa__render_suspect(const struct sa_page *p, struct sa__render_signals *s);

/* ---- the engine's side: one per audit (audit_render.c) ---- */

struct sa_options;
struct sa_render_report;

struct sa__render_ctl {
    const struct sa_options *o; /* borrowed from the audit */
    const struct sa_lexicon *lex;
    const char *site_root;        /* the start URL; borrowed */
    struct sa_render_report *rep; /* filled as pages go; owned by the report */
    /* sa__render_page runs on several threads at once: all below is under mu. */
    pthread_mutex_t mu;
    pthread_cond_t cv;           /* a render ended, the browser started, the site decided */
    struct sa__browser *browser; /* started on the first page worth rendering */
    int starting;                /* a thread is starting the browser; others wait */
    int phase;                   /* enum in audit_render.c: undecided, on, off */
    int unavailable;             /* the browser could not start or died: server HTML only */
    unsigned jobs;               /* renders at once: --render-jobs */
    unsigned inflight;           /* renders running now */
    unsigned probes_inflight;    /* auto: probes running; other pages wait for their verdict */
    unsigned probes_done;
    unsigned limits;   /* bit (1u << enum sa_limit) */
    char suspect[160]; /* why the first probe was made */
    char **early;      /* auto, undecided: URLs left as server HTML (capped) */
    size_t nearly, early_count;
    int finished; /* sa__render_ctl_finish ran */
};

void sa__render_ctl_init(struct sa__render_ctl *c, const struct sa_options *o,
                         const struct sa_lexicon *lex, const char *site_root,
                         struct sa_render_report *rep);
/* The crawl's replace_page hook: returns page itself or its rendered twin (freeing page).
 * Thread-safe: at most o->render_jobs pages render at once; in auto mode, while the probes
 * run, other pages wait (bounded) for the site's decision and then follow it. */
struct sa_page *sa__render_page(void *ctl, struct sa_page *page, int *rendered);
/* Ends the browser and completes the report's render section. */
void sa__render_ctl_finish(struct sa__render_ctl *c);
/* Frees what the render section of a report owns. */
void sa__render_report_release(struct sa_render_report *r);

#endif
