/* The headless browser: starts Chromium in its own process group with a throw-away profile and
 * talks the DevTools protocol to it over --remote-debugging-pipe (fd 3 in, fd 4 out, one
 * NUL-terminated JSON message each). Both fds are one end of a socket pair so a dead browser
 * gives EPIPE from send(MSG_NOSIGNAL) instead of a SIGPIPE that would kill the audit. Every
 * wait is a poll() with a deadline; a browser that stops answering is killed with its whole
 * process group, reaped, and its profile removed. Shop JavaScript is untrusted: Chromium keeps
 * its sandbox unless we run as root, where it refuses to start without --no-sandbox. */
/* nftw() is X/Open */
#define _XOPEN_SOURCE 700
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "render.h"
#include "url.h"

/* The page counts as settled after this long without a request in flight: long enough for a
 * script's follow-up fetch (cart count, prices) to start, short enough to keep ~1 page/s. */
#define QUIET_MS 500
/* A command about a tab (not the page's own loading) answers in milliseconds; this long
 * without an answer means the browser is hung. */
#define COMMAND_MS 10000
/* Reading the DOM may wait for a busy page script, but not forever. */
#define EVALUATE_MS 5000
/* One protocol message: a serialised page is capped by the crawl's own 5 MiB default many
 * times over; anything larger is a runaway page. */
#define MAX_MESSAGE ((size_t)64 << 20)
/* --mobile: the CSS viewport of the Pixel 8 the crawl's mobile User-Agent names. */
#define MOBILE_WIDTH  412
#define MOBILE_HEIGHT 915

/* Messages for one waiter: a render's tab (its command answers and its session's events) or a
 * browser-level call. Whoever holds the reader role files every message it reads into the
 * box it belongs to; the others sleep on the browser's condition variable. */
struct qmsg {
    cJSON *m;
    struct qmsg *next;
};
struct mailbox {
    struct mailbox *next; /* in the browser's list */
    const char *session;  /* events of this session come here; NULL: none yet */
    const char *target;   /* Target.* events about this target come here */
    int want_id;          /* the command answer awaited; 0: none */
    struct qmsg *head, *tail;
};

struct sa__browser {
    pid_t pid; /* the browser, also its process group id; 0 once reaped */
    int fd;    /* our end of the socket pair; -1 when closed */
    char profile[PATH_MAX];
    char *in; /* bytes received and not yet split into messages; the reader's only */
    size_t in_len, in_cap;
    const volatile sig_atomic_t *stop;
    char exe_dir[PATH_MAX]; /* folder of the browser's binary, to recognise its helpers */
    /* the crawl's identity, applied to every tab */
    char *user_agent;
    int mobile;
    cJSON *headers; /* {"Name": "value"}; NULL: none */
    /* Shared by concurrent renders, under mu: */
    pthread_mutex_t mu;
    pthread_cond_t cv;   /* a message was filed, the reader role is free, or the browser died */
    pthread_mutex_t wmu; /* one message at a time on the pipe */
    int dead;            /* stopped answering: every call fails at once */
    int killed;          /* kill_browser ran (or runs): once */
    int reading;         /* a thread holds the reader role */
    pthread_t keeper;    /* forked the browser; waits for killed (keeper_main) */
    int has_keeper;
    int next_id;
    struct mailbox *boxes;
    size_t peak_kb;
};

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int stopped(const struct sa__browser *b)
{
    return b->stop && *b->stop;
}

/* ---- messages ---- */

static int is_dead(struct sa__browser *b)
{
    pthread_mutex_lock(&b->mu);
    int d = b->dead;
    pthread_mutex_unlock(&b->mu);
    return d;
}

static void mark_dead(struct sa__browser *b)
{
    pthread_mutex_lock(&b->mu);
    b->dead = 1;
    pthread_cond_broadcast(&b->cv);
    pthread_mutex_unlock(&b->mu);
}

static int send_all(struct sa__browser *b, const char *s, size_t n, long long deadline)
{
    while (n) {
        ssize_t k = send(b->fd, s, n, MSG_NOSIGNAL);
        if (k > 0) {
            s += k;
            n -= (size_t)k;
            continue;
        }
        if (k < 0 && errno == EINTR) continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            long long left = deadline - now_ms();
            if (left <= 0) return SA_EIO;
            struct pollfd pfd = {.fd = b->fd, .events = POLLOUT};
            if (poll(&pfd, 1, (int)(left > 100 ? 100 : left)) < 0 && errno != EINTR) return SA_EIO;
            continue;
        }
        return SA_EIO;
    }
    return SA_OK;
}

/* Sends {"id", "method", "params", "sessionId"}; params is consumed. The id is taken, and
 * box->want_id set to it (box may be NULL: nobody waits for the answer), before the message
 * leaves, so a fast answer finds its box. Returns the id, or a negative SA_E code. */
static int send_cmd(struct sa__browser *b, struct mailbox *box, const char *method, cJSON *params,
                    const char *session, long long deadline)
{
    pthread_mutex_lock(&b->mu);
    int dead = b->dead, id = ++b->next_id;
    if (box) box->want_id = id;
    pthread_mutex_unlock(&b->mu);
    if (dead) {
        cJSON_Delete(params);
        return SA_EIO;
    }
    cJSON *m = cJSON_CreateObject();
    if (!m || !cJSON_AddNumberToObject(m, "id", id) ||
        !cJSON_AddStringToObject(m, "method", method) ||
        (session && !cJSON_AddStringToObject(m, "sessionId", session))) {
        cJSON_Delete(m);
        cJSON_Delete(params);
        return SA_ENOMEM;
    }
    if (!params) params = cJSON_CreateObject();
    if (!params || !cJSON_AddItemToObject(m, "params", params)) {
        cJSON_Delete(params);
        cJSON_Delete(m);
        return SA_ENOMEM;
    }
    char *s = cJSON_PrintUnformatted(m);
    cJSON_Delete(m);
    if (!s) return SA_ENOMEM;
    /* the protocol's separator is the NUL that ends the C string */
    pthread_mutex_lock(&b->wmu);
    int rc = send_all(b, s, strlen(s) + 1, deadline);
    pthread_mutex_unlock(&b->wmu);
    free(s); /* cJSON allocates with malloc; lint:allow */
    if (rc != SA_OK) mark_dead(b);
    return rc == SA_OK ? id : rc;
}

/* Next message off the pipe, for the reader role only: 1 and *out (caller's: cJSON_Delete), 0
 * at the deadline, or a negative SA_E code (SA_EIO: the browser closed the pipe; SA_ETOOBIG:
 * a runaway message; SA_EINTR: stopped). */
static int read_raw(struct sa__browser *b, long long deadline, cJSON **out)
{
    *out = NULL;
    for (;;) {
        char *nul = b->in_len ? memchr(b->in, '\0', b->in_len) : NULL;
        if (nul) {
            size_t n = (size_t)(nul - b->in) + 1;
            *out = cJSON_ParseWithLength(b->in, n - 1);
            memmove(b->in, b->in + n, b->in_len - n);
            b->in_len -= n;
            if (*out) return 1;
            continue; /* not JSON: skip it, as a browser never sends that */
        }
        if (stopped(b)) return SA_EINTR;
        long long left = deadline - now_ms();
        if (left <= 0) return 0;
        struct pollfd pfd = {.fd = b->fd, .events = POLLIN};
        /* short slices so a stop request (SIGINT) is seen within 100 ms */
        int r = poll(&pfd, 1, (int)(left > 100 ? 100 : left));
        if (r < 0 && errno != EINTR) return SA_EIO;
        if (r <= 0) continue;
        if (b->in_cap - b->in_len < 65536) {
            size_t cap = b->in_cap ? b->in_cap * 2 : 262144;
            /* a message past the cap: the stream cannot be resynchronised */
            if (cap > MAX_MESSAGE + 65536) return SA_ETOOBIG;
            char *p = sa__realloc(b->in, cap);
            if (!p) return SA_ENOMEM;
            b->in = p;
            b->in_cap = cap;
        }
        ssize_t k = recv(b->fd, b->in + b->in_len, b->in_cap - b->in_len, 0);
        if (k < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
        if (k <= 0) return SA_EIO;
        b->in_len += (size_t)k;
    }
}

static const char *str_at(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Files m into the box it belongs to (under mu): an answer by its id, an event by its session,
 * a browser-level Target event by the session or target it names; m is freed when nobody
 * waits for it (the answer to a fire-and-forget command, an event of a closed tab). */
static void route(struct sa__browser *b, cJSON *m)
{
    struct mailbox *to = NULL;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(m, "id");
    if (cJSON_IsNumber(id)) {
        for (struct mailbox *x = b->boxes; x && !to; x = x->next)
            if (x->want_id && x->want_id == id->valueint) to = x;
    } else {
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(m, "params");
        const char *s = str_at(m, "sessionId"), *ps = str_at(p, "sessionId");
        const char *t = str_at(p, "targetId");
        for (struct mailbox *x = b->boxes; x && !to; x = x->next) {
            if (s ? x->session && strcmp(s, x->session) == 0
                  : (ps && x->session && strcmp(ps, x->session) == 0) ||
                        (t && x->target && strcmp(t, x->target) == 0))
                to = x;
        }
    }
    struct qmsg *q = to ? sa__malloc(sizeof *q) : NULL;
    if (!q) {
        cJSON_Delete(m);
        return;
    }
    q->m = m;
    q->next = NULL;
    if (to->tail)
        to->tail->next = q;
    else
        to->head = q;
    to->tail = q;
}

static void box_open(struct sa__browser *b, struct mailbox *box)
{
    memset(box, 0, sizeof *box);
    pthread_mutex_lock(&b->mu);
    box->next = b->boxes;
    b->boxes = box;
    pthread_mutex_unlock(&b->mu);
}

static void box_close(struct sa__browser *b, struct mailbox *box)
{
    pthread_mutex_lock(&b->mu);
    for (struct mailbox **pp = &b->boxes; *pp; pp = &(*pp)->next)
        if (*pp == box) {
            *pp = box->next;
            break;
        }
    pthread_mutex_unlock(&b->mu);
    while (box->head) {
        struct qmsg *q = box->head;
        box->head = q->next;
        cJSON_Delete(q->m);
        sa__free(q);
    }
    box->tail = NULL;
}

/* Sets what the router matches box by (the strings must outlive the box's registration). */
static void box_name(struct sa__browser *b, struct mailbox *box, const char *session,
                     const char *target)
{
    pthread_mutex_lock(&b->mu);
    if (session) box->session = session;
    if (target) box->target = target;
    pthread_mutex_unlock(&b->mu);
}

/* The next message for box: 1 and *out (caller's: cJSON_Delete), 0 at the deadline, or a
 * negative SA_E code (SA_EIO: the browser is dead or closed the pipe; SA_EINTR: stopped).
 * Leader/follower: the waiter that finds the reader role free reads the pipe for a short slice
 * and files what it reads; the others sleep until something is filed or the role is free. */
static int read_msg(struct sa__browser *b, struct mailbox *box, long long deadline, cJSON **out)
{
    *out = NULL;
    pthread_mutex_lock(&b->mu);
    for (;;) {
        if (box->head) {
            struct qmsg *q = box->head;
            box->head = q->next;
            if (!box->head) box->tail = NULL;
            pthread_mutex_unlock(&b->mu);
            *out = q->m;
            sa__free(q);
            return 1;
        }
        int rc = b->dead ? SA_EIO : stopped(b) ? SA_EINTR : 1;
        long long t = now_ms();
        if (rc == 1 && t >= deadline) rc = 0;
        if (rc != 1) {
            pthread_mutex_unlock(&b->mu);
            return rc;
        }
        long long until = deadline < t + 100 ? deadline : t + 100;
        if (!b->reading) {
            b->reading = 1;
            pthread_mutex_unlock(&b->mu);
            cJSON *m;
            int r = read_raw(b, until, &m);
            pthread_mutex_lock(&b->mu);
            b->reading = 0;
            if (r == 1)
                route(b, m);
            else if (r < 0 && r != SA_EINTR)
                b->dead = 1;
            pthread_cond_broadcast(&b->cv);
        } else {
            struct timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            long long ns = ts.tv_nsec + (until - t) * 1000000LL;
            ts.tv_sec += (time_t)(ns / 1000000000LL);
            ts.tv_nsec = (long)(ns % 1000000000LL);
            pthread_cond_timedwait(&b->cv, &b->mu, &ts);
        }
    }
}

/* ---- one tab's loading, followed from events ---- */

struct nav {
    const char *session;
    char host[256];   /* the site's host: requests elsewhere are failed */
    int site_is_file; /* a static export: only file:, data: and blob: load */
    int loaded;       /* Page.loadEventFired */
    int crashed;      /* the renderer died or the tab went away */
    char **inflight;  /* requestIds of requests not finished */
    size_t ninflight, cap;
    long long last_activity;
    size_t requests, blocked;
};

static void nav_release(struct nav *n)
{
    for (size_t i = 0; i < n->ninflight; i++) sa__free(n->inflight[i]);
    sa__free(n->inflight);
    n->inflight = NULL;
    n->ninflight = n->cap = 0;
}

static void inflight_add(struct nav *n, const char *id)
{
    for (size_t i = 0; i < n->ninflight; i++)
        if (strcmp(n->inflight[i], id) == 0) return; /* a redirect keeps its requestId */
    if (n->ninflight == n->cap) {
        size_t cap = n->cap ? n->cap * 2 : 32;
        char **p = sa__realloc(n->inflight, cap * sizeof *p);
        if (!p) return; /* untracked: the page may look quiet a little early */
        n->inflight = p;
        n->cap = cap;
    }
    char *d = sa__strdup(id);
    if (d) n->inflight[n->ninflight++] = d;
}

static void inflight_del(struct nav *n, const char *id)
{
    for (size_t i = 0; i < n->ninflight; i++)
        if (strcmp(n->inflight[i], id) == 0) {
            sa__free(n->inflight[i]);
            n->inflight[i] = n->inflight[--n->ninflight];
            return;
        }
}

/* Blocking third-party hosts keeps verdicts reproducible: a chat widget or an A/B test loaded
 * from elsewhere must not decide whether the cart is visible. The site's own subdomains
 * (static., cdn.) pass: shops serve their bundle from there. */
static int allowed(const struct nav *n, const char *url)
{
    if (strncmp(url, "data:", 5) == 0 || strncmp(url, "blob:", 5) == 0) return 1;
    if (n->site_is_file) return strncmp(url, "file:", 5) == 0;
    if (strncasecmp(url, "http:", 5) != 0 && strncasecmp(url, "https:", 6) != 0) return 0;
    char host[256];
    return sa__url_host(url, host, sizeof host) == SA_OK && sa__render_same_site(n->host, host);
}

static void on_event(struct sa__browser *b, struct nav *n, const cJSON *m)
{
    const char *method = str_at(m, "method");
    const char *session = str_at(m, "sessionId");
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(m, "params");
    if (!method || !n) return;
    if (strcmp(method, "Target.detachedFromTarget") == 0 ||
        strcmp(method, "Target.targetCrashed") == 0) {
        const char *s = str_at(p, "sessionId");
        if (!s || strcmp(s, n->session) == 0) n->crashed = 1;
        return;
    }
    if (!session || strcmp(session, n->session) != 0) return;
    const char *rid = str_at(p, "requestId");
    if (strcmp(method, "Fetch.requestPaused") == 0 && rid) {
        const char *url = str_at(cJSON_GetObjectItemCaseSensitive(p, "request"), "url");
        cJSON *q = cJSON_CreateObject();
        if (!q || !cJSON_AddStringToObject(q, "requestId", rid)) {
            cJSON_Delete(q);
            return;
        }
        int ok = url && allowed(n, url);
        if (!ok) {
            n->blocked++;
            cJSON_AddStringToObject(q, "errorReason", "BlockedByClient");
        }
        /* fire and forget: the answer carries nothing we need */
        send_cmd(b, NULL, ok ? "Fetch.continueRequest" : "Fetch.failRequest", q, session,
                 now_ms() + COMMAND_MS);
    } else if (strcmp(method, "Network.requestWillBeSent") == 0 && rid) {
        n->requests++;
        inflight_add(n, rid);
        n->last_activity = now_ms();
    } else if ((strcmp(method, "Network.loadingFinished") == 0 ||
                strcmp(method, "Network.loadingFailed") == 0) &&
               rid) {
        inflight_del(n, rid);
        n->last_activity = now_ms();
    } else if (strcmp(method, "Page.loadEventFired") == 0) {
        n->loaded = 1;
        n->last_activity = now_ms();
    } else if (strcmp(method, "Inspector.detached") == 0) {
        n->crashed = 1;
    }
}

/* Sends a command and waits for its answer in box until deadline, feeding the box's events to
 * n meanwhile. SA_OK with *result (caller's; may be NULL when not wanted); no answer in time
 * is SA_EIO with *timed_out set; SA_EFETCH when the browser answered with an error. */
static int call(struct sa__browser *b, struct mailbox *box, const char *method, cJSON *params,
                const char *session, long long deadline, struct nav *n, cJSON **result,
                int *timed_out, char *err, size_t errlen)
{
    if (result) *result = NULL;
    if (timed_out) *timed_out = 0;
    int id = send_cmd(b, box, method, params, session, deadline);
    if (id < 0) {
        snprintf(err, errlen, "browser: %s: cannot send (the browser is gone)", method);
        return id;
    }
    for (;;) {
        cJSON *m;
        int r = read_msg(b, box, deadline, &m);
        if (r == 0) {
            if (timed_out) *timed_out = 1;
            snprintf(err, errlen, "browser: %s: no answer in time", method);
            return SA_EIO;
        }
        if (r < 0) {
            snprintf(err, errlen, "browser: %s: %s", method,
                     r == SA_EINTR ? "interrupted" : "the browser closed its pipe");
            return r;
        }
        const cJSON *mid = cJSON_GetObjectItemCaseSensitive(m, "id");
        if (!cJSON_IsNumber(mid)) {
            on_event(b, n, m);
            cJSON_Delete(m);
            continue;
        }
        if (mid->valueint != id) { /* a late answer to an earlier command of this box */
            cJSON_Delete(m);
            continue;
        }
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(m, "error");
        if (e) {
            const char *msg = str_at(e, "message");
            snprintf(err, errlen, "browser: %s: %.200s", method, msg ? msg : "error");
            cJSON_Delete(m);
            return SA_EFETCH;
        }
        if (result) *result = cJSON_DetachItemFromObjectCaseSensitive(m, "result");
        cJSON_Delete(m);
        return SA_OK;
    }
}

/* ---- process ---- */

/* The last non-empty line of the browser's own log (its fd 2), for a failure message. */
static void last_stderr_line(const struct sa__browser *b, char *buf, size_t n)
{
    buf[0] = '\0';
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/browser.log", b->profile);
    FILE *f = fopen(path, "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        size_t k = strcspn(line, "\r\n");
        line[k] = '\0';
        if (k) snprintf(buf, n, "%.200s", line);
    }
    fclose(f);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

/* Reaps what is left of the group: with PR_SET_CHILD_SUBREAPER the browser's orphaned helpers
 * become our children, so they are ours to wait for. */
static void reap_group(pid_t pgid, long long deadline)
{
    for (;;) {
        int st;
        pid_t r = waitpid(-pgid, &st, WNOHANG);
        if (r > 0) continue;
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return; /* ECHILD: nothing of the group is left to reap */
        if (now_ms() >= deadline) return;
        struct timespec ts = {0, 20 * 1000000L};
        nanosleep(&ts, NULL);
    }
}

/* Helpers that left the browser's process group (the crash handler starts its own session)
 * were adopted by us as subreaper: our children running the browser's binary. */
static void kill_adopted(const struct sa__browser *b)
{
    if (!b->exe_dir[0]) return;
    DIR *d = opendir("/proc");
    if (!d) return;
    pid_t self = getpid();
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9') continue;
        char path[64], buf[512], exe[PATH_MAX];
        snprintf(path, sizeof path, "/proc/%.20s/stat", e->d_name);
        FILE *f = fopen(path, "r");
        if (!f) continue;
        size_t k = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[k] = '\0';
        const char *s = strrchr(buf, ')');
        char state;
        long ppid;
        if (!s || sscanf(s + 1, " %c %ld", &state, &ppid) != 2 || ppid != (long)self) continue;
        pid_t pid = (pid_t)strtol(e->d_name, NULL, 10);
        if (pid == b->pid) continue;
        snprintf(path, sizeof path, "/proc/%.20s/exe", e->d_name);
        ssize_t n = readlink(path, exe, sizeof exe - 1);
        size_t dl = strlen(b->exe_dir);
        if (n <= 0) continue;
        exe[n] = '\0';
        if (strncmp(exe, b->exe_dir, dl) != 0 || exe[dl] != '/') continue;
        kill(pid, SIGKILL);
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
        }
    }
    closedir(d);
}

/* Once, whichever render finds the browser hung or dead first: the pipe is shut (not closed:
 * a reader may still poll it; it sees EOF), the group is killed and reaped. Every render in
 * flight then fails with SA_EIO at its next wait. */
static void kill_browser(struct sa__browser *b)
{
    pthread_mutex_lock(&b->mu);
    int first = !b->killed;
    b->killed = b->dead = 1;
    pid_t pid = b->pid;
    pthread_cond_broadcast(&b->cv);
    pthread_mutex_unlock(&b->mu);
    if (!first) return;
    /* a browser on --remote-debugging-pipe exits on EOF too */
    if (b->fd >= 0) shutdown(b->fd, SHUT_RDWR);
    if (pid <= 0) return;
    kill(-pid, SIGTERM);
    long long deadline = now_ms() + 2000;
    int st;
    for (;;) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid || (r < 0 && errno == ECHILD)) break;
        if (now_ms() >= deadline) {
            kill(-pid, SIGKILL);
            while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
            }
            break;
        }
        struct timespec ts = {0, 20 * 1000000L};
        nanosleep(&ts, NULL);
    }
    /* helpers that outlived the main process: the group id stays valid while any is alive */
    kill(-pid, SIGKILL);
    reap_group(pid, now_ms() + 2000);
    kill_adopted(b);
    pthread_mutex_lock(&b->mu);
    b->pid = 0;
    pthread_mutex_unlock(&b->mu);
}

/* Not while a render runs: the audit ends its renders first. */
void sa__browser_free(struct sa__browser *b)
{
    if (!b) return;
    kill_browser(b);
    if (b->has_keeper) pthread_join(b->keeper, NULL);
    if (b->fd >= 0) close(b->fd);
    b->fd = -1;
    if (b->profile[0]) nftw(b->profile, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    sa__free(b->in);
    sa__free(b->user_agent);
    cJSON_Delete(b->headers);
    pthread_mutex_destroy(&b->mu);
    pthread_mutex_destroy(&b->wmu);
    pthread_cond_destroy(&b->cv);
    sa__free(b);
}

/* path as given when it holds a '/', else the first executable of that name in PATH. */
static int find_program(const char *name, char *out, size_t n)
{
    if (strchr(name, '/')) {
        snprintf(out, n, "%s", name);
        return access(name, X_OK) == 0 ? SA_OK : SA_EIO;
    }
    const char *path = getenv("PATH");
    if (!path || !*path) path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        size_t k = strcspn(path, ":");
        if (snprintf(out, n, "%.*s/%s", (int)k, path, name) < (int)n && access(out, X_OK) == 0)
            return SA_OK;
        path += k + (path[k] == ':');
    }
    snprintf(out, n, "%s", name);
    return SA_EIO;
}

/* Proportional set size: Chromium's processes share most of their pages, and summing their
 * RSS would count the shared libraries once per process. Falls back to RSS (statm). */
static size_t process_kb(const char *pid, long page_kb)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%.20s/smaps_rollup", pid);
    FILE *f = fopen(path, "r");
    size_t kb = 0;
    int found = 0;
    while (f && !found && fgets(line, sizeof line, f)) {
        unsigned long v;
        if (sscanf(line, "Pss: %lu kB", &v) == 1) {
            kb = v;
            found = 1;
        }
    }
    if (f) fclose(f);
    if (found) return kb;
    snprintf(path, sizeof path, "/proc/%.20s/statm", pid);
    f = fopen(path, "r");
    unsigned long size, resident;
    if (f && fscanf(f, "%lu %lu", &size, &resident) == 2) kb = resident * (size_t)page_kb;
    if (f) fclose(f);
    return kb;
}

static size_t group_rss_kb(pid_t pgid)
{
    DIR *d = opendir("/proc");
    if (!d) return 0;
    long page_kb = sysconf(_SC_PAGESIZE) / 1024;
    size_t total = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9') continue;
        char path[64], buf[512];
        snprintf(path, sizeof path, "/proc/%.20s/stat", e->d_name);
        FILE *f = fopen(path, "r");
        if (!f) continue;
        size_t k = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[k] = '\0';
        /* fields after the command name, which may hold spaces and parentheses */
        const char *s = strrchr(buf, ')');
        char state;
        long ppid, pgrp;
        if (!s || sscanf(s + 1, " %c %ld %ld", &state, &ppid, &pgrp) != 3 || pgrp != pgid) continue;
        total += process_kb(e->d_name, page_kb);
    }
    closedir(d);
    return total;
}

size_t sa__browser_rss_kb(struct sa__browser *b, size_t *peak_kb)
{
    if (!b) {
        if (peak_kb) *peak_kb = 0;
        return 0;
    }
    pthread_mutex_lock(&b->mu);
    pid_t pid = b->pid;
    pthread_mutex_unlock(&b->mu);
    size_t kb = pid > 0 ? group_rss_kb(pid) : 0;
    pthread_mutex_lock(&b->mu);
    if (kb > b->peak_kb) b->peak_kb = kb;
    if (peak_kb) *peak_kb = b->peak_kb;
    pthread_mutex_unlock(&b->mu);
    return kb;
}

/* What the keeper thread needs to start the browser. */
struct spawn {
    const char *prog;
    const char *const *argv;
    char **envp;
    int fd; /* the browser's end of the socket pair */
    const char *log_path;
    pid_t parent;
    struct sa__browser *b;
    pid_t pid; /* out: the child, or -1 with err */
    int err, done;
};

/* The browser is forked from a thread of its own that lives until the browser is killed:
 * PR_SET_PDEATHSIG fires when the forking *thread* ends, and renders start the browser from
 * whichever worker thread gets there first, which may end long before the audit does. */
static void *keeper_main(void *arg)
{
    struct spawn *sp = arg;
    struct sa__browser *b = sp->b;
    pid_t pid = fork();
    if (pid == 0) {
        /* Child: only async-signal-safe calls until exec. */
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGKILL); /* the audit died: so does the browser */
        if (getppid() != sp->parent) _exit(127);
        signal(SIGPIPE, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        /* via a high fd: dup2(3, 3) would keep close-on-exec */
        int hi = fcntl(sp->fd, F_DUPFD, 10);
        int nul = open("/dev/null", O_RDWR);
        int log = open(sp->log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (hi < 0 || nul < 0 || dup2(hi, 3) < 0 || dup2(hi, 4) < 0 || dup2(nul, 0) < 0 ||
            dup2(nul, 1) < 0 || dup2(log >= 0 ? log : nul, 2) < 0)
            _exit(127);
        for (int fd = 5; fd < 1024; fd++) close(fd);
        execve(sp->prog, (char *const *)sp->argv, sp->envp);
        _exit(127);
    }
    int e = errno;
    pthread_mutex_lock(&b->mu);
    sp->pid = pid;
    sp->err = e;
    sp->done = 1; /* sp lives on the starter's stack: not touched after this */
    pthread_cond_broadcast(&b->cv);
    while (pid > 0 && !b->killed) pthread_cond_wait(&b->cv, &b->mu);
    pthread_mutex_unlock(&b->mu);
    return NULL;
}

int sa__browser_start(const char *path, const struct sa__browser_opts *o, struct sa__browser **out,
                      char *err, size_t errlen)
{
    *out = NULL;
    char prog[PATH_MAX];
    /* Debian's /usr/bin/chromium is a shell wrapper that adds extensions; the binary itself
     * starts faster and takes only our flags. */
    if (!path && access("/usr/lib/chromium/chromium", X_OK) == 0)
        path = "/usr/lib/chromium/chromium";
    if (find_program(path ? path : "chromium", prog, sizeof prog) != SA_OK) {
        snprintf(err, errlen, "chromium not found or not executable: '%.200s'", prog);
        return SA_EIO;
    }
    struct sa__browser *b = sa__calloc(1, sizeof *b);
    if (!b) {
        snprintf(err, errlen, "out of memory");
        return SA_ENOMEM;
    }
    b->fd = -1;
    b->stop = o->stop;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC); /* waits are measured with now_ms() */
    pthread_cond_init(&b->cv, &ca);
    pthread_condattr_destroy(&ca);
    pthread_mutex_init(&b->mu, NULL);
    pthread_mutex_init(&b->wmu, NULL);
    b->mobile = o->mobile;
    if (o->user_agent && !(b->user_agent = sa__strdup(o->user_agent))) {
        snprintf(err, errlen, "out of memory");
        sa__browser_free(b);
        return SA_ENOMEM;
    }
    if (o->headers && o->headers[0]) {
        b->headers = cJSON_CreateObject();
        for (const char *const *h = o->headers; b->headers && *h; h++) {
            /* "Name: value" as the crawl sends it; a line without a colon is not a header */
            const char *colon = strchr(*h, ':');
            if (!colon || colon == *h) continue;
            char name[256];
            snprintf(name, sizeof name, "%.*s", (int)(colon - *h), *h);
            const char *v = colon + 1;
            while (*v == ' ' || *v == '\t') v++;
            if (!cJSON_AddStringToObject(b->headers, name, v)) {
                cJSON_Delete(b->headers);
                b->headers = NULL;
            }
        }
        if (!b->headers) {
            snprintf(err, errlen, "out of memory");
            sa__browser_free(b);
            return SA_ENOMEM;
        }
    }
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp) tmp = "/tmp";
    snprintf(b->profile, sizeof b->profile, "%s/shopaudit-render-%ld-XXXXXX", tmp, (long)getpid());
    if (!mkdtemp(b->profile)) {
        snprintf(err, errlen, "cannot create a browser profile in %s: %s", tmp, strerror(errno));
        b->profile[0] = '\0';
        sa__browser_free(b);
        return SA_EIO;
    }
    char *profile_arg = sa__asprintf("--user-data-dir=%s", b->profile);
    char *log_path = sa__asprintf("%s/browser.log", b->profile);
    char *crash_arg = sa__asprintf("--crash-dumps-dir=%s/crash", b->profile);
    int sv[2] = {-1, -1};
    int frc = SA_EIO;
    char **envp = NULL, *xdg = NULL;
    if (!profile_arg || !log_path || !crash_arg) {
        snprintf(err, errlen, "out of memory");
        frc = SA_ENOMEM;
        goto fail;
    }
    /* Headless "new" mode is the only one left in Debian 12's Chromium (>= 132). */
    const char *argv[32];
    int ac = 0;
    argv[ac++] = prog;
    argv[ac++] = "--headless";
    argv[ac++] = "--remote-debugging-pipe";
    argv[ac++] = profile_arg;
    argv[ac++] = "--no-first-run";
    argv[ac++] = "--no-default-browser-check";
    argv[ac++] = "--disable-gpu";
    argv[ac++] = "--disable-extensions";
    argv[ac++] = "--disable-background-networking";
    argv[ac++] = "--disable-component-update";
    argv[ac++] = "--disable-sync";
    argv[ac++] = "--disable-breakpad";
    /* The crash handler cannot be turned off (--disable-crashpad-for-testing stalls the
     * network service); it runs in a session of its own, so kill_browser finds it by its
     * parent, us (the subreaper); XDG_CONFIG_HOME keeps its database in the profile. */
    argv[ac++] = crash_arg;
    argv[ac++] = "--disable-dev-shm-usage";
    argv[ac++] = "--mute-audio";
    argv[ac++] = "--hide-scrollbars";
    argv[ac++] = "--window-size=1280,900";
    if (o->no_sandbox) argv[ac++] = "--no-sandbox";
    argv[ac++] = "about:blank";
    argv[ac] = NULL;

    /* the environment is built before fork: libcurl's resolver threads make the child
     * async-signal-safe territory */
    extern char **environ;
    size_t nenv = 0;
    while (environ[nenv]) nenv++;
    envp = sa__calloc(nenv + 2, sizeof *envp);
    xdg = sa__asprintf("XDG_CONFIG_HOME=%s", b->profile);
    if (!envp || !xdg) {
        snprintf(err, errlen, "out of memory");
        frc = SA_ENOMEM;
        goto fail;
    }
    size_t ne = 0;
    for (size_t i = 0; i < nenv; i++)
        if (strncmp(environ[i], "XDG_CONFIG_HOME=", 16) != 0) envp[ne++] = environ[i];
    envp[ne++] = xdg;

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        snprintf(err, errlen, "cannot create the browser pipe: %s", strerror(errno));
        goto fail;
    }
    /* Orphaned browser helpers come back to us to be reaped, not to a PID 1 that may not. */
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    struct spawn sp = {.prog = prog,
                       .argv = argv,
                       .envp = envp,
                       .fd = sv[1],
                       .log_path = log_path,
                       .parent = getpid(),
                       .b = b};
    if (pthread_create(&b->keeper, NULL, keeper_main, &sp) != 0) {
        snprintf(err, errlen, "cannot start the browser: no thread");
        goto fail;
    }
    b->has_keeper = 1;
    pthread_mutex_lock(&b->mu);
    while (!sp.done) pthread_cond_wait(&b->cv, &b->mu);
    pthread_mutex_unlock(&b->mu);
    pid_t pid = sp.pid;
    if (pid < 0) {
        snprintf(err, errlen, "cannot start the browser: %s", strerror(sp.err));
        goto fail;
    }
    setpgid(pid, pid); /* also from here: whichever runs first, the group exists */
    b->pid = pid;
    close(sv[1]);
    sv[1] = -1;
    b->fd = sv[0];
    sv[0] = -1;
    fcntl(b->fd, F_SETFL, fcntl(b->fd, F_GETFL) | O_NONBLOCK);
    sa__free(profile_arg);
    sa__free(log_path);
    sa__free(crash_arg);
    sa__free(envp);
    sa__free(xdg);
    profile_arg = log_path = crash_arg = xdg = NULL;
    envp = NULL;

    int timed_out = 0;
    char why[256];
    struct mailbox box;
    box_open(b, &box);
    int rc = call(b, &box, "Browser.getVersion", NULL, NULL,
                  now_ms() + (o->start_ms ? o->start_ms : 20000), NULL, NULL, &timed_out, why,
                  sizeof why);
    box_close(b, &box);
    if (rc != SA_OK) {
        char line[256];
        kill_browser(b); /* first, so its log is complete */
        last_stderr_line(b, line, sizeof line);
        if (rc == SA_EINTR)
            snprintf(err, errlen, "browser start interrupted");
        else
            snprintf(err, errlen, "%.200s %s%s%.200s", prog,
                     timed_out ? "did not answer on its DevTools pipe in time" : "exited at start",
                     line[0] ? ": " : "", line);
        sa__browser_free(b);
        return rc == SA_EINTR ? SA_EINTR : SA_EIO;
    }
    char link[64], exe[PATH_MAX];
    snprintf(link, sizeof link, "/proc/%ld/exe", (long)b->pid);
    ssize_t n = readlink(link, exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash && slash != exe) {
            *slash = '\0';
            snprintf(b->exe_dir, sizeof b->exe_dir, "%s", exe);
        }
    }
    sa__browser_rss_kb(b, NULL);
    *out = b;
    return SA_OK;
fail:
    if (sv[0] >= 0) close(sv[0]);
    if (sv[1] >= 0) close(sv[1]);
    sa__free(profile_arg);
    sa__free(log_path);
    sa__free(crash_arg);
    sa__free(envp);
    sa__free(xdg);
    sa__browser_free(b);
    return frc;
}

/* ---- rendering one page ---- */

static cJSON *obj1(const char *k, const char *v)
{
    cJSON *o = cJSON_CreateObject();
    if (o && !cJSON_AddStringToObject(o, k, v)) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

int sa__browser_render(struct sa__browser *b, const char *url, unsigned nav_ms, unsigned budget_ms,
                       char **html, size_t *len, struct sa__render_info *info, char *err,
                       size_t errlen)
{
    *html = NULL;
    *len = 0;
    memset(info, 0, sizeof *info);
    if (!b || is_dead(b)) {
        snprintf(err, errlen, "browser: not running");
        return SA_EIO;
    }
    long long t0 = now_ms();
    long long hard = t0 + nav_ms;
    struct nav n = {0};
    n.site_is_file = strncasecmp(url, "file:", 5) == 0;
    if (!n.site_is_file) sa__url_host(url, n.host, sizeof n.host);
    char target[128] = "", session[128] = "";
    cJSON *res = NULL;
    int timed_out = 0;
    struct mailbox box;
    box_open(b, &box);
    int rc = call(b, &box, "Target.createTarget", obj1("url", "about:blank"), NULL,
                  now_ms() + COMMAND_MS, NULL, &res, &timed_out, err, errlen);
    if (rc == SA_OK) {
        const char *t = str_at(res, "targetId");
        snprintf(target, sizeof target, "%s", t ? t : "");
        cJSON_Delete(res);
        box_name(b, &box, NULL, target); /* a crash of this tab is ours to see */
        cJSON *p = obj1("targetId", target);
        if (p) cJSON_AddBoolToObject(p, "flatten", 1);
        rc = call(b, &box, "Target.attachToTarget", p, NULL, now_ms() + COMMAND_MS, NULL, &res,
                  &timed_out, err, errlen);
    }
    if (rc == SA_OK) {
        const char *s = str_at(res, "sessionId");
        snprintf(session, sizeof session, "%s", s ? s : "");
        cJSON_Delete(res);
        n.session = session;
        box_name(b, &box, session, NULL);
        /* every request pauses so the host filter sees it before it leaves */
        cJSON *p = cJSON_CreateObject();
        cJSON *pats = p ? cJSON_AddArrayToObject(p, "patterns") : NULL;
        cJSON *pat = pats ? obj1("urlPattern", "*") : NULL;
        if (pat) cJSON_AddItemToArray(pats, pat);
        rc = call(b, &box, "Fetch.enable", p, session, now_ms() + COMMAND_MS, &n, NULL, &timed_out,
                  err, errlen);
    }
    if (rc == SA_OK)
        rc = call(b, &box, "Network.enable", NULL, session, now_ms() + COMMAND_MS, &n, NULL,
                  &timed_out, err, errlen);
    if (rc == SA_OK)
        rc = call(b, &box, "Page.enable", NULL, session, now_ms() + COMMAND_MS, &n, NULL,
                  &timed_out, err, errlen);
    /* The crawl's identity: a shop that varies on User-Agent, a phone viewport or a header the
     * audit was told to send must show the browser what it showed the crawler. */
    if (rc == SA_OK && b->user_agent)
        rc = call(b, &box, "Network.setUserAgentOverride", obj1("userAgent", b->user_agent),
                  session, now_ms() + COMMAND_MS, &n, NULL, &timed_out, err, errlen);
    if (rc == SA_OK && b->headers) {
        cJSON *p = cJSON_CreateObject(), *h = cJSON_Duplicate(b->headers, 1);
        if (p && h)
            cJSON_AddItemToObject(p, "headers", h);
        else
            cJSON_Delete(h);
        rc = call(b, &box, "Network.setExtraHTTPHeaders", p, session, now_ms() + COMMAND_MS, &n,
                  NULL, &timed_out, err, errlen);
    }
    if (rc == SA_OK && b->mobile) {
        cJSON *p = cJSON_CreateObject();
        if (p) {
            /* the crawl's mobile User-Agent names a Pixel 8: its CSS viewport */
            cJSON_AddNumberToObject(p, "width", MOBILE_WIDTH);
            cJSON_AddNumberToObject(p, "height", MOBILE_HEIGHT);
            cJSON_AddNumberToObject(p, "deviceScaleFactor", 2.625);
            cJSON_AddBoolToObject(p, "mobile", 1);
        }
        rc = call(b, &box, "Emulation.setDeviceMetricsOverride", p, session, now_ms() + COMMAND_MS,
                  &n, NULL, &timed_out, err, errlen);
        if (rc == SA_OK) {
            p = cJSON_CreateObject();
            if (p) {
                cJSON_AddBoolToObject(p, "enabled", 1);
                cJSON_AddNumberToObject(p, "maxTouchPoints", 5);
            }
            rc = call(b, &box, "Emulation.setTouchEmulationEnabled", p, session,
                      now_ms() + COMMAND_MS, &n, NULL, &timed_out, err, errlen);
        }
    }
    if (rc == SA_OK) {
        n.last_activity = now_ms();
        rc = call(b, &box, "Page.navigate", obj1("url", url), session, hard, &n, &res, &timed_out,
                  err, errlen);
        /* the server had its time (the crawl's --timeout); the page's scripts get the budget */
        hard = now_ms() + budget_ms;
        if (rc == SA_OK) {
            const char *e = str_at(res, "errorText");
            if (e && *e) {
                snprintf(info->error, sizeof info->error, "%s", e);
                snprintf(err, errlen, "browser: %.200s: %s", url, e);
                rc = SA_EFETCH;
            }
            cJSON_Delete(res);
        } else if (timed_out) {
            snprintf(err, errlen, "browser: %.200s: no response within %u ms", url, nav_ms);
            rc = SA_EFETCH; /* the browser is fine; the page is slow */
        }
    }
    /* load event, then QUIET_MS with nothing in flight, under the hard budget */
    int settled = 0;
    while (rc == SA_OK && !n.crashed) {
        long long t = now_ms();
        if (n.loaded && n.ninflight == 0 && t - n.last_activity >= QUIET_MS) {
            settled = 1;
            break;
        }
        if (t >= hard) break;
        cJSON *m;
        long long until = n.loaded && n.ninflight == 0 ? n.last_activity + QUIET_MS : hard;
        int r = read_msg(b, &box, until < hard ? until : hard, &m);
        if (r < 0) {
            snprintf(err, errlen, "browser: %s",
                     r == SA_EINTR ? "interrupted" : "the browser closed its pipe");
            rc = r;
            break;
        }
        if (r == 1) {
            if (!cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(m, "id"))) on_event(b, &n, m);
            cJSON_Delete(m);
        }
    }
    if (rc == SA_OK && n.crashed) {
        snprintf(err, errlen, "browser: %.200s: the tab crashed", url);
        rc = SA_EFETCH;
    }
    info->budget_hit |= rc == SA_OK && !settled;
    if (rc == SA_OK) {
        cJSON *p = cJSON_CreateObject();
        if (p) {
            cJSON_AddStringToObject(p, "expression",
                                    "document.documentElement ? "
                                    "document.documentElement.outerHTML : ''");
            cJSON_AddBoolToObject(p, "returnByValue", 1);
        }
        rc = call(b, &box, "Runtime.evaluate", p, session, now_ms() + EVALUATE_MS, &n, &res,
                  &timed_out, err, errlen);
        if (rc == SA_OK) {
            const char *v = str_at(cJSON_GetObjectItemCaseSensitive(res, "result"), "value");
            *html = v ? sa__strdup(v) : NULL;
            cJSON_Delete(res);
            if (!*html) {
                snprintf(err, errlen, v ? "out of memory" : "browser: %.200s: no document", url);
                rc = v ? SA_ENOMEM : SA_EFETCH;
            } else {
                *len = strlen(*html);
            }
        } else if (timed_out && !is_dead(b)) {
            /* the page's script holds the renderer; the browser itself may still be fine */
            snprintf(err, errlen, "browser: %.200s: the page did not let its HTML be read", url);
            rc = SA_EFETCH;
        }
    }
    info->requests = n.requests;
    info->blocked = n.blocked > 0;
    /* sampled while the tab still holds the page: after closing it, its renderer is gone */
    if (rc == SA_OK) sa__browser_rss_kb(b, NULL);
    if (target[0] && !is_dead(b)) {
        char why[128];
        int to = 0;
        if (call(b, &box, "Target.closeTarget", obj1("targetId", target), NULL,
                 now_ms() + COMMAND_MS, NULL, NULL, &to, why, sizeof why) != SA_OK &&
            to)
            mark_dead(b);
    }
    box_close(b, &box);
    nav_release(&n);
    if (is_dead(b)) {
        kill_browser(b); /* hung or gone: the group goes now, not at the end of the audit */
        if (rc == SA_OK) {
            sa__free(*html);
            *html = NULL;
            *len = 0;
            snprintf(err, errlen, "browser: stopped answering");
        }
        rc = rc == SA_EINTR ? rc : SA_EIO;
    }
    info->ms = (unsigned)(now_ms() - t0);
    return rc;
}
