/* The HTML report (issue #6): what a consultant hands to a shop owner. One self-contained file:
 * inline CSS and SVG, no script, no external request, a Content-Security-Policy that forbids
 * both, readable offline, on a phone and on A4 paper. Every byte that came from the crawled
 * site goes through one of three escapers (text, attribute, URL); only http, https and file
 * URLs become links, so a shop page can never run script in the consultant's browser. The
 * interface is translated through the message catalogue of the report language (l10n.h):
 * every label below is a T("...") msgid, which the translation tests extract from this file. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "atomic.h"
#include "buf.h"
#include "l10n.h"
#include "score.h"
#include "shopaudit/gate.h"
#include "shopaudit/report.h"

/* A report of 20 000 pages with full evidence stays far below this; the cap is only there so
 * that nothing grows without bound. */
#define HTML_MAX ((size_t)256 << 20)
/* Evidence shown before the rest folds into a <details>. */
#define EVIDENCE_OPEN 3
/* Pages listed before the table folds into a <details>. */
#define PAGES_OPEN 40

struct w {
    struct sa_buf b;
    int rc;
    const struct sa_report *r;
    const struct sa_html_options *o;
    struct sa_catalog *cat; /* NULL for English */
    int own_texts;          /* the verdicts' _l10n fields are in this language */
};

/* T() translates a label; N_() marks a msgid in a table for the extractors (gettext's habit)
 * and is translated where it is printed. */
#define T(s) sa__tr(w->cat, s)

static void put(struct w *w, const char *s)
{
    if (w->rc == SA_OK) w->rc = sa__buf_puts(&w->b, s);
}

static void putn(struct w *w, const char *s, size_t n)
{
    if (w->rc == SA_OK && n) w->rc = sa__buf_append(&w->b, s, n);
}

static void putf(struct w *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void putf(struct w *w, const char *fmt, ...)
{
    if (w->rc != SA_OK) return;
    va_list ap;
    va_start(ap, fmt);
    char *s = sa__vasprintf(fmt, ap);
    va_end(ap);
    if (!s) {
        w->rc = SA_ENOMEM;
        return;
    }
    put(w, s);
    sa__free(s);
}

/* Text and attribute values (always double-quoted here) share one escaper: the five
 * characters that can end a text run or an attribute value become entities. */
static void esc_n(struct w *w, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *e = NULL;
        switch (s[i]) {
        case '&':
            e = "&amp;";
            break;
        case '<':
            e = "&lt;";
            break;
        case '>':
            e = "&gt;";
            break;
        case '"':
            e = "&quot;";
            break;
        case '\'':
            e = "&#39;";
            break;
        default:
            continue;
        }
        putn(w, s + run, i - run);
        put(w, e);
        run = i + 1;
    }
    putn(w, s + run, n - run);
}

static void esc(struct w *w, const char *s)
{
    if (s) esc_n(w, s, strlen(s));
}

/* A translated format, escaped after formatting: catalogues are ours, but a translation may
 * well hold a quote or an angle bracket. */
static void escf(struct w *w, const char *fmt, ...)
{
    if (w->rc != SA_OK) return;
    va_list ap;
    va_start(ap, fmt);
    char *s = sa__vasprintf(fmt, ap);
    va_end(ap);
    if (!s) {
        w->rc = SA_ENOMEM;
        return;
    }
    esc(w, s);
    sa__free(s);
}

/* Only these schemes become links: anything else (javascript:, data:, vbscript:, a relative
 * or scheme-less string) is shown as text. The scheme must open the string: browsers strip
 * tabs and newlines inside a URL, so "java\tscript:" is tested as written, not as read. */
static int safe_url(const char *u)
{
    return u && (strncasecmp(u, "http://", 7) == 0 || strncasecmp(u, "https://", 8) == 0 ||
                 strncasecmp(u, "file:", 5) == 0);
}

/* Length of the scheme://host[:port] that opens url, 0 when it has none. */
static size_t origin_len(const char *url)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p) return 0;
    p += 3;
    while (*p && *p != '/' && *p != '?' && *p != '#') p++;
    return (size_t)(p - url);
}

/* A site URL: a link when safe, else plain text. A URL on the audited site shows as its path
 * (the header names the site once); the link keeps the whole URL. */
static void link(struct w *w, const char *url, int full)
{
    const char *shown = url ? url : "";
    size_t o = origin_len(w->r->start_url);
    if (!full && o && url && strncmp(url, w->r->start_url, o) == 0 && url[o] == '/')
        shown = url + o;
    if (safe_url(url)) {
        put(w, "<a rel=\"noopener noreferrer nofollow\" href=\"");
        esc(w, url);
        put(w, "\">");
        esc(w, shown);
        put(w, "</a>");
    } else {
        put(w, "<span class=\"url\">");
        esc(w, shown);
        put(w, "</span>");
    }
}

/* Score colour bands: the same thresholds everywhere, so a colour means one thing. */
static const char *band(double score01)
{
    return score01 >= 0.75 ? "good" : score01 >= 0.5 ? "fair" : "poor";
}

static const char *status_label(struct w *w, enum sa_status s)
{
    switch (s) {
    case SA_STATUS_PASS:
        return T("Passed");
    case SA_STATUS_PARTIAL:
        return T("Partial");
    case SA_STATUS_FAIL:
        return T("Failed");
    default:
        return T("Not applicable");
    }
}

static const char *limit_label(struct w *w, enum sa_limit l)
{
    switch (l) {
    case SA_LIMIT_MAX_PAGES:
        return T("The page budget (--max-pages) ran out before the site did.");
    case SA_LIMIT_MAX_DEPTH:
        return T("Some pages lay deeper than --max-depth links.");
    case SA_LIMIT_MAX_BYTES:
        return T("Some pages were larger than --max-bytes and were cut.");
    case SA_LIMIT_TIMEOUT:
        return T("Some requests timed out.");
    case SA_LIMIT_MAX_REDIRECTS:
        return T("Some redirect chains were too long.");
    case SA_LIMIT_URL_TRAP:
        return T("Endless URL patterns (a calendar, filters) were cut short.");
    case SA_LIMIT_ROBOTS:
        return T("robots.txt kept some pages out of the audit.");
    case SA_LIMIT_INTERRUPTED:
        return T("The audit was interrupted: the report is partial.");
    default:
        return sa_limit_name(l);
    }
}

/* The survey figure behind each check, from RETENTION_CRITERIA.md ("industry figures"). They
 * are printf formats without arguments ("%%" for "%"), like the checks' recommendations, so
 * that one conversion rule covers every catalogue entry. */
static const char *figure_for(struct w *w, const char *id)
{
    static const struct {
        const char *id, *figure;
    } figures[] = {
        {"contacts", N_("86%% of users would pay 25%% more for better service.")},
        {"about_company", N_("Company information one click away is the first thing a first-time "
                             "visitor checks before trusting a shop.")},
        {"live_help", N_("86%% of users would pay 25%% more for better service.")},
        {"cart_visible", N_("About 17%% of online shops show no sign of shopping at all.")},
        {"cta_buttons", N_("24%% of shoppers choose a competitor that is easier to order from.")},
        {"delivery_info",
         N_("54%% of shoppers choose a competitor over delivery speed, 49%% over free "
            "delivery, 45%% over pickup points in their city.")},
        {"payment_info", N_("24%% of shoppers choose a competitor that is easier to order from.")},
        {"guest_checkout",
         N_("24%% of shoppers choose a competitor that is easier to order from.")},
        {"prices_visible", N_("80%% of shoppers choose a competitor over a high price.")},
        {"promo_fine_print", N_("80%% of shoppers choose a competitor over a high price; hidden "
                                "conditions turn a discount into a disappointment.")},
        {"returns_policy",
         N_("35%% of shoppers choose a competitor over the possibility of returns.")},
        {"newsletter_signup", N_("About 40%% of e-commerce revenue comes from repeat customers.")},
        {"account_benefits",
         N_("Selling to an existing customer succeeds 60-70%% of the time, to a "
            "new one 20%%.")},
        {"loyalty_program",
         N_("Only 24%% of members are satisfied with loyalty programmes; 13 of 30 "
            "programmes stop within a year.")},
        {"reviews", N_("33%% of shoppers choose a competitor over reviews from real customers.")},
        {"social_links",
         N_("A returning buyer is 27%%, then 45%%, then 54%% more likely to buy than "
            "on a first visit.")},
        {"support_content", N_("86%% of users would pay 25%% more for better service.")},
        {"https", N_("Raising retention by 5%% raises profit by 25-95%%.")},
        {"mobile_viewport",
         N_("Ordering without friction matters most on a phone: 24%% of shoppers "
            "leave for an easier shop.")},
        {"broken_links", N_("Keeping a customer costs 5-10 times less than winning a new one.")},
        {"readable_text", N_("Small or unreadable fonts make even useful text go unread.")},
    };
    for (size_t i = 0; i < sizeof figures / sizeof *figures; i++)
        if (strcmp(figures[i].id, id) == 0) return T(figures[i].figure);
    return NULL;
}

/* The funnel of RETENTION_CRITERIA.md, each stage scored from the checks that serve it. */
static const struct {
    const char *title;
    const char *checks[7];
} stages[] = {
    {N_("First visit"), {"contacts", "about_company", "live_help"}},
    {N_("Guest"),
     {"cart_visible", "cta_buttons", "delivery_info", "payment_info", "guest_checkout",
      "prices_visible"}},
    {N_("One-time buyer"), {"returns_policy", "newsletter_signup", "account_benefits"}},
    {N_("Returning"), {"loyalty_program", "support_content"}},
    {N_("Loyal"), {"reviews", "social_links"}},
};
#define NSTAGES (sizeof stages / sizeof *stages)

/* Weighted mean of the stage's applicable checks; -1 when none applies. */
static double stage_score(const struct sa_report *r, size_t s)
{
    double sum = 0, wsum = 0;
    for (size_t k = 0; stages[s].checks[k]; k++)
        for (size_t i = 0; i < r->nchecks; i++) {
            const struct sa_check_result *cr = &r->checks[i];
            if (strcmp(cr->check->id, stages[s].checks[k]) != 0 ||
                cr->verdict.status == SA_STATUS_NOT_APPLICABLE)
                continue;
            sum += cr->check->weight * cr->verdict.score;
            wsum += cr->check->weight;
        }
    return wsum > 0 ? sum / wsum : -1;
}

/* Site-score points a check would add if it passed: its category's share of the site score
 * times its share of the category times the score it lost. This is the order of the work. */
static double points_lost(const struct sa_report *r, const struct sa_check_result *x)
{
    double site_w = 0, cat_w = 0, share = 0;
    for (size_t c = 0; c < r->ncategories; c++) {
        const struct sa_category_result *cat = &r->categories[c];
        int k = sa__category_index(cat->id);
        if (!cat->applicable || k < 0) continue;
        site_w += sa__categories[k].weight;
        if (strcmp(cat->id, x->check->category) != 0) continue;
        share = sa__categories[k].weight;
        for (size_t i = cat->first; i < cat->first + cat->n; i++)
            if (r->checks[i].verdict.status != SA_STATUS_NOT_APPLICABLE)
                cat_w += r->checks[i].check->weight;
    }
    if (site_w <= 0 || cat_w <= 0) return 0;
    return 100.0 * share / site_w * x->check->weight / cat_w * (1.0 - x->verdict.score);
}

static const char *summary_of(struct w *w, const struct sa_verdict *v)
{
    return w->own_texts && v->summary_l10n ? v->summary_l10n : v->summary ? v->summary : "";
}

static const char *advice_of(struct w *w, const struct sa_verdict *v)
{
    return w->own_texts && v->recommendation_l10n ? v->recommendation_l10n
           : v->recommendation                    ? v->recommendation
                                                  : "";
}

static const char *const css =
    ":root{--ink:#1d2433;--muted:#5b6475;--line:#e3e6ec;--bg:#f5f6f8;--card:#fff;"
    "--good:#1f8a4c;--fair:#c77700;--poor:#c8362d;--na:#8b93a3;--accent:#2f5bd3}"
    "*{box-sizing:border-box}"
    "html{-webkit-text-size-adjust:100%}"
    "body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.55 system-ui,-apple-system,"
    "'Segoe UI','Noto Sans','Noto Sans Thai','Noto Sans Armenian','DejaVu Sans',sans-serif}"
    "header.top{background:#17213a;color:#fff;padding:28px 24px 24px}"
    "header.top .in,main{max-width:1080px;margin:0 auto}header.top .in{padding:0 16px}"
    "header.top h1{margin:0 0 6px;font-size:26px;line-height:1.2}"
    "header.top .site{font-size:17px;word-break:break-all;color:#cfd8ff}"
    "header.top .site a{color:#cfd8ff}"
    "header.top .meta{margin-top:10px;color:#aab3c8;font-size:13px;display:flex;"
    "flex-wrap:wrap;gap:2px 18px}"
    "main{padding:8px 16px 32px}"
    "section{margin-top:28px}"
    "h2{font-size:20px;margin:0 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}"
    "h3{font-size:16px;margin:18px 0 10px;color:var(--muted);text-transform:uppercase;"
    "letter-spacing:.04em}"
    ".overview{display:grid;grid-template-columns:260px 1fr;gap:20px}"
    ".panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px}"
    ".gauge{text-align:center}.gauge svg{width:100%;max-width:240px;height:auto}"
    ".gauge .cap{color:var(--muted);font-size:13px}"
    ".bars{list-style:none;margin:0;padding:0}"
    ".bars li{display:grid;grid-template-columns:minmax(120px,1fr) 2fr 44px;gap:10px;"
    "align-items:center;margin:8px 0}"
    ".bar{height:12px;background:var(--line);border-radius:6px;overflow:hidden}"
    ".bar i{display:block;height:100%;border-radius:6px}"
    ".bars b{text-align:right;font-variant-numeric:tabular-nums}"
    ".good{--c:var(--good)}.fair{--c:var(--fair)}.poor{--c:var(--poor)}.na{--c:var(--na)}"
    ".bar i,.dot{background:var(--c)}"
    ".funnel{margin-top:20px}.funnel svg{width:100%;max-width:620px;height:auto;display:block;"
    "margin:0 auto}"
    ".funnel .note{color:var(--muted);font-size:13px;margin:6px 0 0}"
    "ol.actions{margin:0;padding:0;list-style:none;counter-reset:a}"
    "ol.actions li{counter-increment:a;background:var(--card);border:1px solid var(--line);"
    "border-left:5px solid var(--c);border-radius:8px;padding:12px 14px 12px 52px;"
    "margin:0 0 10px;position:relative;break-inside:avoid}"
    "ol.actions li::before{content:counter(a);position:absolute;left:14px;top:12px;width:26px;"
    "height:26px;border-radius:50%;background:var(--c);color:#fff;font-weight:700;"
    "text-align:center;line-height:26px}"
    ".actions .head{display:flex;flex-wrap:wrap;gap:6px 12px;align-items:baseline}"
    ".actions .gain{margin-left:auto;font-weight:700;color:var(--c);white-space:nowrap}"
    ".actions p{margin:6px 0 0}.fig{color:var(--muted);font-size:13px}"
    ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:14px;"
    "align-items:start}"
    ".card{background:var(--card);border:1px solid var(--line);border-top:4px solid var(--c);"
    "border-radius:10px;padding:14px 16px;break-inside:avoid;min-width:0}"
    ".card h4{margin:0;font-size:16px}.card .id{color:var(--muted);font:12px ui-monospace,"
    "'DejaVu Sans Mono',monospace}"
    ".card .row{display:flex;justify-content:space-between;align-items:center;gap:8px;"
    "margin-bottom:6px}"
    ".badge{display:inline-block;padding:2px 9px;border-radius:12px;font-size:12px;"
    "font-weight:700;color:#fff;background:var(--c);white-space:nowrap}"
    ".card p{margin:8px 0}.rec{background:#f3f6ff;border-radius:6px;padding:8px 10px}"
    ".rec b{color:var(--accent)}"
    "ul.ev{list-style:none;margin:8px 0 0;padding:0;font-size:13px}"
    "ul.ev li{border-top:1px dashed var(--line);padding:6px 0;overflow-wrap:anywhere}"
    ".ev a,.ev .url{color:var(--accent);word-break:break-all}"
    ".ev code{display:block;color:var(--muted);font:12px ui-monospace,'DejaVu Sans Mono',"
    "monospace}"
    ".ev q{display:block;quotes:none;font-style:italic}"
    "mark{background:#ffe58a;color:inherit;padding:0 2px;border-radius:2px}"
    "details summary{cursor:pointer;color:var(--accent);font-size:13px;padding:4px 0}"
    ".more{color:var(--muted);font-size:12px}"
    ".tablewrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);"
    "border-radius:10px}"
    "table{border-collapse:collapse;width:100%;font-size:13px}"
    "th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);"
    "vertical-align:top}"
    "th{background:#eef0f4;position:sticky;top:0}"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "td.u{word-break:break-all;min-width:220px}"
    ".st4{color:var(--poor);font-weight:700}"
    "ul.plain{margin:0;padding-left:20px}"
    ".delta{font-weight:700;white-space:nowrap}.up{color:var(--good)}.down{color:var(--poor)}"
    "footer{max-width:1080px;margin:0 auto;padding:16px;color:var(--muted);font-size:12px}"
    "@media (max-width:720px){body{font-size:14px}.overview{grid-template-columns:1fr}"
    "header.top{padding:20px 0}header.top h1{font-size:22px}main{padding:4px 10px 24px}"
    ".cards{grid-template-columns:1fr}.bars li{grid-template-columns:1fr 1.2fr 36px}"
    "ol.actions li{padding-left:46px}.actions .gain{margin-left:0}}"
    "@media print{@page{size:A4;margin:14mm}body{background:#fff;font-size:11pt}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "header.top{padding:12px 0;background:#17213a}"
    "section.brk{break-before:page}.card,.panel{break-inside:avoid}"
    "details::details-content{content-visibility:visible;display:contents}"
    "details summary{display:none}th{position:static}a{color:inherit;text-decoration:none}}";

static void head(struct w *w)
{
    const struct sa_report *r = w->r;
    put(w, "<!DOCTYPE html>\n<html lang=\"");
    esc(w, sa__catalog_lang(w->cat));
    put(w, "\">\n<head>\n<meta charset=\"utf-8\">\n"
           /* No script may run, nothing may load: styles are inline, images are inline SVG. */
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "script-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
           "form-action 'none'\">\n"
           "<meta name=\"referrer\" content=\"no-referrer\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc(w, T("Retention audit"));
    put(w, ": ");
    esc(w, r->start_url);
    put(w, "</title>\n<style>");
    put(w, css);
    put(w, "</style>\n</head>\n<body>\n<header class=\"top\"><div class=\"in\"><h1>");
    esc(w, T("How well does this shop keep its buyers?"));
    put(w, "</h1><div class=\"site\">");
    link(w, r->start_url, 1);
    put(w, "</div><div class=\"meta\"><span>");
    esc(w, T("Audited"));
    put(w, ": ");
    esc(w, r->started_at);
    put(w, "</span><span>");
    escf(w, T("%zu pages in %.1f s"), r->pages_crawled, (double)r->duration_ms / 1000.0);
    put(w, "</span>");
    if (r->nlanguages) {
        put(w, "<span>");
        esc(w, T("Languages"));
        put(w, ": ");
        for (size_t i = 0; i < r->nlanguages; i++) {
            if (i) put(w, ", ");
            esc(w, r->languages[i]);
        }
        put(w, "</span>");
    }
    put(w, "</div></div></header>\n<main>\n");
}

/* A half-circle gauge: the arc's dash length is the score. */
static void gauge(struct w *w)
{
    double s = w->r->score;
    if (!(s >= 0)) s = 0;
    if (s > 100) s = 100;
    const double len = M_PI * 90.0; /* the arc's length for r = 90 */
    putf(w,
         "<div class=\"panel gauge %s\"><svg viewBox=\"0 0 220 130\" role=\"img\" "
         "aria-label=\"%.0f/100\">"
         "<path d=\"M20 115 A90 90 0 0 1 200 115\" fill=\"none\" stroke=\"#e3e6ec\" "
         "stroke-width=\"18\" stroke-linecap=\"round\"/>"
         "<path d=\"M20 115 A90 90 0 0 1 200 115\" fill=\"none\" stroke=\"var(--c)\" "
         "stroke-width=\"18\" stroke-linecap=\"round\" stroke-dasharray=\"%.1f %.1f\"/>"
         "<text x=\"110\" y=\"100\" text-anchor=\"middle\" font-size=\"44\" font-weight=\"700\" "
         "fill=\"#1d2433\">%.0f</text>"
         "<text x=\"110\" y=\"124\" text-anchor=\"middle\" font-size=\"13\" fill=\"#5b6475\">"
         "/ 100</text></svg><div class=\"cap\">",
         band(s / 100.0), s, len * s / 100.0, len, s);
    esc(w, T("Site score"));
    put(w, "</div></div>\n");
}

static void category_bars(struct w *w)
{
    const struct sa_report *r = w->r;
    put(w, "<div class=\"panel\"><ul class=\"bars\">");
    for (size_t c = 0; c < r->ncategories; c++) {
        const struct sa_category_result *cat = &r->categories[c];
        put(w, "<li><span>");
        esc(w, T(cat->title));
        if (cat->applicable)
            putf(w,
                 "</span><span class=\"bar %s\"><i style=\"width:%.0f%%\"></i></span><b>%.0f</b>",
                 band(cat->score), cat->score * 100.0, cat->score * 100.0);
        else
            put(w, "</span><span class=\"bar na\"><i style=\"width:0\"></i></span><b>–</b>");
        put(w, "</li>");
    }
    put(w, "</ul></div>\n");
}

/* Five bands narrowing down the page, one per stage, so the owner sees where buyers leak. */
static void funnel(struct w *w)
{
    const struct sa_report *r = w->r;
    /* narrow enough that the labels stay readable when a phone scales the drawing down */
    const double top = 430, bottom = 170, h = 40, gap = 5, cx = 220;
    double worst = 2;
    size_t worst_i = NSTAGES;
    for (size_t s = 0; s < NSTAGES; s++) {
        double v = stage_score(r, s);
        if (v >= 0 && v < worst) {
            worst = v;
            worst_i = s;
        }
    }
    put(w, "<div class=\"panel funnel\"><h3 style=\"margin-top:0\">");
    esc(w, T("Retention funnel"));
    putf(w, "</h3><svg viewBox=\"0 0 440 %.0f\" role=\"img\">", NSTAGES * (h + gap));
    for (size_t s = 0; s < NSTAGES; s++) {
        double w0 = top - (top - bottom) * (double)s / NSTAGES;
        double w1 = top - (top - bottom) * (double)(s + 1) / NSTAGES;
        double y = (double)s * (h + gap), v = stage_score(r, s);
        const char *col = v < 0       ? "#8b93a3"
                          : v >= 0.75 ? "#1f8a4c"
                          : v >= 0.5  ? "#c77700"
                                      : "#c8362d";
        putf(w, "<polygon points=\"%.0f,%.0f %.0f,%.0f %.0f,%.0f %.0f,%.0f\" fill=\"%s\"%s/>",
             cx - w0 / 2, y, cx + w0 / 2, y, cx + w1 / 2, y + h, cx - w1 / 2, y + h, col,
             s == worst_i ? " stroke=\"#1d2433\" stroke-width=\"3\"" : "");
        putf(w,
             "<text x=\"%.0f\" y=\"%.0f\" fill=\"#fff\" font-size=\"16\" font-weight=\"700\" "
             "text-anchor=\"middle\">",
             cx, y + h / 2 + 6);
        esc(w, T(stages[s].title));
        if (v >= 0)
            putf(w, " · %.0f", v * 100.0);
        else
            put(w, " · –");
        put(w, "</text>");
    }
    put(w, "</svg>");
    if (worst_i < NSTAGES && worst < 0.75) {
        put(w, "<p class=\"note\">");
        escf(w, T("Most buyers leak at the stage \"%s\" (score %.0f)."), T(stages[worst_i].title),
             worst * 100.0);
        put(w, "</p>");
    }
    put(w, "</div>\n");
}

static void overview(struct w *w)
{
    put(w, "<section id=\"overview\"><h2>");
    esc(w, T("Overview"));
    put(w, "</h2><div class=\"overview\">");
    gauge(w);
    category_bars(w);
    put(w, "</div>");
    funnel(w);
    put(w, "</section>\n");
}

static void actions(struct w *w)
{
    const struct sa_report *r = w->r;
    const struct sa_check_result **todo = sa__calloc(r->nchecks + 1, sizeof *todo);
    if (!todo) {
        w->rc = SA_ENOMEM;
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < r->nchecks; i++)
        if (r->checks[i].verdict.status == SA_STATUS_FAIL ||
            r->checks[i].verdict.status == SA_STATUS_PARTIAL)
            todo[n++] = &r->checks[i];
    for (size_t i = 1; i < n; i++) /* insertion sort: 20 checks, stable */
        for (size_t j = i; j > 0 && points_lost(r, todo[j]) > points_lost(r, todo[j - 1]); j--) {
            const struct sa_check_result *t = todo[j];
            todo[j] = todo[j - 1];
            todo[j - 1] = t;
        }
    put(w, "<section id=\"actions\" class=\"brk\"><h2>");
    esc(w, T("What to fix first"));
    put(w, "</h2>");
    if (!n) {
        put(w, "<p>");
        esc(w, T("Every applicable check passes. Keep it that way."));
        put(w, "</p>");
    }
    put(w, "<ol class=\"actions\">");
    for (size_t i = 0; i < n; i++) {
        const struct sa_check_result *cr = todo[i];
        const char *fig = figure_for(w, cr->check->id);
        putf(w, "<li class=\"%s\"><div class=\"head\"><b>",
             cr->verdict.status == SA_STATUS_FAIL ? "poor" : "fair");
        esc(w, T(cr->check->title));
        putf(w, "</b><span class=\"badge\">%s</span><span class=\"gain\">",
             status_label(w, cr->verdict.status));
        escf(w, T("up to +%.1f points"), points_lost(r, cr));
        put(w, "</span></div><p>");
        esc(w, advice_of(w, &cr->verdict));
        put(w, "</p>");
        if (fig) {
            put(w, "<p class=\"fig\">");
            esc(w, T("Industry figure"));
            put(w, ": ");
            escf(w, fig);
            put(w, "</p>");
        }
        put(w, "</li>");
    }
    put(w, "</ol></section>\n");
    sa__free(todo);
}

static void evidence_item(struct w *w, const struct sa_evidence *e)
{
    put(w, "<li>");
    link(w, e->url, 0);
    if (e->where && *e->where) {
        put(w, "<code>");
        esc(w, e->where);
        put(w, "</code>");
    }
    if (e->snippet && *e->snippet) {
        size_t n = strlen(e->snippet), mo = e->mark_off, ml = e->mark_len;
        put(w, "<q>");
        if (ml && mo < n && ml <= n - mo) {
            esc_n(w, e->snippet, mo);
            put(w, "<mark>");
            esc_n(w, e->snippet + mo, ml);
            put(w, "</mark>");
            esc_n(w, e->snippet + mo + ml, n - mo - ml);
        } else {
            esc(w, e->snippet);
        }
        put(w, "</q>");
    }
    put(w, "</li>");
}

static void card(struct w *w, const struct sa_check_result *cr)
{
    const struct sa_verdict *v = &cr->verdict;
    /* the colour follows the status, as in the action list: a partial is never green */
    const char *cls = v->status == SA_STATUS_NOT_APPLICABLE ? "na"
                      : v->status == SA_STATUS_PASS         ? "good"
                      : v->status == SA_STATUS_PARTIAL      ? "fair"
                                                            : "poor";
    put(w, "<article class=\"card ");
    put(w, cls);
    put(w, "\" id=\"check-");
    esc(w, cr->check->id);
    put(w, "\"><div class=\"row\"><div><h4>");
    esc(w, T(cr->check->title));
    put(w, "</h4><span class=\"id\">");
    esc(w, cr->check->id);
    put(w, "</span></div><span class=\"badge\">");
    esc(w, status_label(w, v->status));
    if (v->status == SA_STATUS_PARTIAL) putf(w, " %.0f", v->score * 100.0);
    put(w, "</span></div><p>");
    esc(w, summary_of(w, v));
    put(w, "</p>");
    const char *rec = advice_of(w, v);
    if (*rec) {
        put(w, "<p class=\"rec\"><b>");
        esc(w, T("Recommendation"));
        put(w, ":</b> ");
        esc(w, rec);
        put(w, "</p>");
    }
    const struct sa_evidence_list *ev = &v->evidence;
    if (ev->n) {
        put(w, "<ul class=\"ev\">");
        for (size_t i = 0; i < ev->n && i < EVIDENCE_OPEN; i++) evidence_item(w, &ev->items[i]);
        put(w, "</ul>");
        if (ev->n > EVIDENCE_OPEN) {
            put(w, "<details><summary>");
            escf(w, T("%zu more pieces of evidence"), ev->n - EVIDENCE_OPEN);
            put(w, "</summary><ul class=\"ev\">");
            for (size_t i = EVIDENCE_OPEN; i < ev->n; i++) evidence_item(w, &ev->items[i]);
            put(w, "</ul></details>");
        }
        if (ev->total > ev->n) {
            put(w, "<p class=\"more\">");
            escf(w, T("%zu findings in all; the report keeps the first %zu."), ev->total, ev->n);
            put(w, "</p>");
        }
    }
    put(w, "</article>");
}

static void checks(struct w *w)
{
    const struct sa_report *r = w->r;
    put(w, "<section id=\"checks\" class=\"brk\"><h2>");
    esc(w, T("Every check"));
    put(w, "</h2>");
    for (size_t c = 0; c < r->ncategories; c++) {
        const struct sa_category_result *cat = &r->categories[c];
        put(w, "<h3>");
        esc(w, T(cat->title));
        put(w, "</h3><div class=\"cards\">");
        for (size_t i = cat->first; i < cat->first + cat->n && i < r->nchecks; i++)
            card(w, &r->checks[i]);
        put(w, "</div>");
    }
    put(w, "</section>\n");
}

static void pages_table(struct w *w)
{
    const struct sa_report *r = w->r;
    put(w, "<section id=\"pages\" class=\"brk\"><h2>");
    esc(w, T("Pages crawled"));
    put(w, "</h2>");
    if (r->npages > PAGES_OPEN) {
        put(w, "<details><summary>");
        escf(w, T("Show all %zu pages"), r->npages);
        put(w, "</summary>");
    }
    put(w, "<div class=\"tablewrap\"><table><thead><tr><th>");
    esc(w, T("URL"));
    put(w, "</th><th>");
    esc(w, T("Kind"));
    put(w, "</th><th>");
    esc(w, T("Language"));
    put(w, "</th><th class=\"num\">");
    esc(w, T("Status"));
    put(w, "</th><th class=\"num\">");
    esc(w, T("Size"));
    put(w, "</th><th class=\"num\">");
    esc(w, T("Time"));
    put(w, "</th></tr></thead><tbody>");
    for (size_t i = 0; i < r->npages; i++) {
        const struct sa_page_record *p = &r->pages[i];
        put(w, "<tr><td class=\"u\">");
        link(w, p->url, 0);
        if (p->title && *p->title) {
            put(w, "<br><span class=\"more\">");
            esc(w, p->title);
            put(w, "</span>");
        }
        put(w, "</td><td>");
        esc(w, p->html ? sa_kind_name(p->kind) : "other");
        put(w, "</td><td>");
        esc(w, p->lang);
        putf(w,
             "</td><td class=\"num%s\">%d</td><td class=\"num\">%.1f kB</td>"
             "<td class=\"num\">%u ms</td></tr>",
             p->status >= 400 || p->status <= 0 ? " st4" : "", p->status, (double)p->bytes / 1024.0,
             p->ms);
    }
    put(w, "</tbody></table></div>");
    if (r->npages > PAGES_OPEN) put(w, "</details>");

    put(w, "<h3>");
    esc(w, T("Errors"));
    put(w, "</h3>");
    if (!r->nerrors) {
        put(w, "<p>");
        esc(w, T("No fetch errors."));
        put(w, "</p>");
    } else {
        put(w, "<ul class=\"plain ev\">");
        for (size_t i = 0; i < r->nerrors; i++) {
            put(w, "<li>");
            link(w, r->errors[i].url, 0);
            put(w, " — ");
            esc(w, r->errors[i].error);
            put(w, "</li>");
        }
        put(w, "</ul>");
    }
    put(w, "<h3>");
    esc(w, T("Limits hit"));
    put(w, "</h3>");
    if (!r->limits_hit) {
        put(w, "<p>");
        esc(w, T("None: the whole site within reach was audited."));
        put(w, "</p>");
    } else {
        put(w, "<ul class=\"plain\">");
        for (int l = 0; l < SA_LIMIT_LAST; l++)
            if (r->limits_hit & (1u << l)) {
                put(w, "<li>");
                esc(w, limit_label(w, (enum sa_limit)l));
                put(w, " <code>");
                esc(w, sa_limit_name((enum sa_limit)l));
                put(w, "</code></li>");
            }
        put(w, "</ul>");
    }
    put(w, "</section>\n");
}

static void arrow(struct w *w, double now, double before)
{
    double d = now - before;
    if (fabs(d) < 0.5)
        put(w, "<span class=\"delta\">= 0</span>");
    else
        putf(w, "<span class=\"delta %s\">%s %+.0f</span>", d > 0 ? "up" : "down",
             d > 0 ? "▲" : "▼", d);
}

/* With --baseline: the site score and every check that changed, with arrows. The comparison
 * is the engine's (src/compare.c), so the HTML, JSON and text reports agree. */
static void comparison(struct w *w)
{
    const struct sa_comparison *c = w->r->comparison;
    if (!c) return;
    put(w, "<section id=\"comparison\"><h2>");
    esc(w, T("Compared with the previous run"));
    put(w, "</h2><div class=\"tablewrap\"><table><tbody><tr><th>");
    esc(w, T("Site score"));
    putf(w, "</th><td class=\"num\">%.0f → %.0f</td><td class=\"num\">", c->score_before,
         c->score_after);
    arrow(w, c->score_after, c->score_before);
    put(w, "</td></tr>");
    for (size_t i = 0; i < c->n; i++) {
        const struct sa_change *ch = &c->changes[i];
        const struct sa_check *k = sa_check_find(ch->id);
        put(w, "<tr><th>");
        esc(w, k ? T(k->title) : ch->id);
        put(w, "</th><td class=\"num\">");
        if (ch->before < SA_STATUS_LAST) esc(w, T(sa_status_name(ch->before)));
        put(w, " → ");
        if (ch->after < SA_STATUS_LAST) esc(w, T(sa_status_name(ch->after)));
        put(w, "</td><td class=\"num\">");
        if (ch->score_before >= 0 && ch->score_after >= 0)
            arrow(w, ch->score_after * 100.0, ch->score_before * 100.0);
        else
            esc(w, T(sa_change_name(ch->kind)));
        put(w, "</td></tr>");
    }
    put(w, "</tbody></table></div></section>\n");
}

static void foot(struct w *w)
{
    put(w, "</main>\n<footer>");
    escf(w,
         T("Written by shopaudit %s. Figures cited are industry figures from the retention "
           "articles behind the audit; many are company claims, not surveys."),
         SA_VERSION);
    put(w, "</footer>\n</body>\n</html>\n");
}

int sa_report_lang_available(const char *lang)
{
    return sa__l10n_has(lang);
}

char *sa_report_html(const struct sa_report *r, const struct sa_html_options *o)
{
    struct w w = {.r = r, .o = o};
    const char *lang = o && o->lang ? o->lang : r->lang[0] ? r->lang : "en";
    if (!sa__l10n_has(lang)) return NULL;
    if (strcmp(lang, "en") != 0 && sa__catalog_new(lang, &w.cat, NULL) != SA_OK) return NULL;
    w.own_texts = strcmp(lang, r->lang[0] ? r->lang : "en") == 0;
    sa__buf_init(&w.b, HTML_MAX);
    head(&w);
    overview(&w);
    comparison(&w);
    actions(&w);
    checks(&w);
    pages_table(&w);
    foot(&w);
    sa__catalog_free(w.cat);
    if (w.rc != SA_OK) {
        sa__buf_release(&w.b);
        return NULL;
    }
    return sa__buf_take(&w.b, NULL);
}

void sa_report_html_free(char *html)
{
    sa__free(html);
}

int sa_report_write_html(const struct sa_report *r, const char *path,
                         const struct sa_html_options *o, char *err, size_t errlen)
{
    const char *lang = o && o->lang ? o->lang : "en";
    if (o && o->lang && !sa__l10n_has(lang)) {
        snprintf(err, errlen, "unknown report language '%s'", lang);
        return SA_EINVAL;
    }
    char *html = sa_report_html(r, o);
    if (!html) {
        snprintf(err, errlen, "out of memory while building the HTML report");
        return SA_ENOMEM;
    }
    int rc = sa__write_atomic(path, html, strlen(html), err, errlen);
    sa__free(html);
    return rc;
}
