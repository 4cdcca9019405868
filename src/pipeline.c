/* The page pipeline's queues and workers (see pipeline.h). One mutex guards both queues: a
 * job's work (a parse and the checks, milliseconds) dwarfs the few pointer moves made under
 * it, so finer locking would buy nothing measurable. Workers block every signal, so Ctrl-C
 * lands on the main thread and interrupts its poll at once. */
#include "pipeline.h"

#include <signal.h>
#include <string.h>

#include "html.h"
#include "xml_arena.h"

static _Thread_local unsigned self; /* sa__pipe_self() */

unsigned sa__pipe_self(void)
{
    return self;
}

static void *worker(void *arg)
{
    struct sa__pipe *p = arg;
    /* libxml2 2.9 keeps its error handlers per thread: a new thread would print its errors */
    struct sa__xml_quiet q;
    sa__xml_quiet_begin(&q);
    pthread_mutex_lock(&p->mu);
    self = ++p->nstarted;
    for (;;) {
        while (!p->todo && !p->closing) pthread_cond_wait(&p->has_work, &p->mu);
        if (p->closing) break;
        struct sa__pipe_job *j = p->todo;
        p->todo = j->next;
        if (!p->todo) p->todo_tail = &p->todo;
        p->ntodo--;
        p->nworking++;
        pthread_mutex_unlock(&p->mu);

        j->next = NULL;
        p->work(p->ud, j);

        pthread_mutex_lock(&p->mu);
        *p->done_tail = j;
        p->done_tail = &j->next;
        p->ndone++;
        p->nworking--;
        pthread_mutex_unlock(&p->mu);
        p->wake(p->ud);
        pthread_mutex_lock(&p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    sa__xml_arena_free(); /* every page this thread parsed is freed */
    sa__xml_quiet_end(&q);
    return NULL;
}

unsigned sa__pipe_start(struct sa__pipe *p, unsigned n, void (*work)(void *, struct sa__pipe_job *),
                        void (*wake)(void *), void *ud)
{
    memset(p, 0, sizeof *p);
    p->todo_tail = &p->todo;
    p->done_tail = &p->done;
    p->work = work;
    p->wake = wake;
    p->ud = ud;
    if (n > SA_PIPE_MAX_WORKERS) n = SA_PIPE_MAX_WORKERS;
    if (pthread_mutex_init(&p->mu, NULL) != 0) return 0;
    if (pthread_cond_init(&p->has_work, NULL) != 0) {
        pthread_mutex_destroy(&p->mu);
        return 0;
    }
    p->inited = 1;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old); /* inherited by the workers */
    /* Fewer workers than asked (a thread limit, no memory) still make a working pipe. */
    while (p->nthreads < n && pthread_create(&p->threads[p->nthreads], NULL, worker, p) == 0)
        p->nthreads++;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (p->nthreads == 0) sa__pipe_stop(p);
    return p->nthreads;
}

void sa__pipe_push(struct sa__pipe *p, struct sa__pipe_job *job)
{
    job->next = NULL;
    pthread_mutex_lock(&p->mu);
    *p->todo_tail = job;
    p->todo_tail = &job->next;
    p->ntodo++;
    pthread_cond_signal(&p->has_work);
    pthread_mutex_unlock(&p->mu);
}

/* After sa__pipe_stop no thread is left to race with, and the locks are gone. */
static void lock(struct sa__pipe *p)
{
    if (p->inited) pthread_mutex_lock(&p->mu);
}

static void unlock(struct sa__pipe *p)
{
    if (p->inited) pthread_mutex_unlock(&p->mu);
}

/* Empties one of the pipe's queues and hands back its jobs, in order. */
static struct sa__pipe_job *detach(struct sa__pipe *p, struct sa__pipe_job **head,
                                   struct sa__pipe_job ***tail, size_t *count)
{
    lock(p);
    struct sa__pipe_job *list = *head;
    *head = NULL;
    *tail = head;
    *count = 0;
    unlock(p);
    return list;
}

struct sa__pipe_job *sa__pipe_take_done(struct sa__pipe *p)
{
    return detach(p, &p->done, &p->done_tail, &p->ndone);
}

int sa__pipe_has_done(struct sa__pipe *p)
{
    lock(p);
    int has = p->done != NULL;
    unlock(p);
    return has;
}

size_t sa__pipe_pending(struct sa__pipe *p)
{
    lock(p);
    size_t n = p->ntodo + p->nworking + p->ndone;
    unlock(p);
    return n;
}

struct sa__pipe_job *sa__pipe_cancel(struct sa__pipe *p)
{
    return detach(p, &p->todo, &p->todo_tail, &p->ntodo);
}

void sa__pipe_stop(struct sa__pipe *p)
{
    if (!p->inited) return;
    pthread_mutex_lock(&p->mu);
    p->closing = 1;
    pthread_cond_broadcast(&p->has_work);
    pthread_mutex_unlock(&p->mu);
    for (unsigned i = 0; i < p->nthreads; i++) pthread_join(p->threads[i], NULL);
    p->nthreads = 0;
    pthread_cond_destroy(&p->has_work);
    pthread_mutex_destroy(&p->mu);
    p->inited = 0;
}
