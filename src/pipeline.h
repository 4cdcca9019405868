/* The page pipeline (#9): worker threads that build and check pages while the crawl's main
 * thread keeps fetching. A job goes main -> todo queue -> a worker -> done queue -> main; the
 * queues are intrusive lists, so handing a job over never allocates and never fails. The main
 * thread owns every crawl structure; a worker sees only its job and what the work function
 * reaches through ud, and wakes the main thread (curl_multi_wakeup) when a job is done. */
#ifndef SA_PIPELINE_H
#define SA_PIPELINE_H

#include <pthread.h>
#include <stddef.h>

#define SA_PIPE_MAX_WORKERS 16

/* Embed as the first member of the caller's job. */
struct sa__pipe_job {
    struct sa__pipe_job *next;
};

struct sa__pipe {
    pthread_mutex_t mu;      /* the queues and counters below */
    pthread_cond_t has_work; /* todo not empty, or closing */
    struct sa__pipe_job *todo, **todo_tail;
    struct sa__pipe_job *done, **done_tail;
    size_t ntodo, nworking, ndone;
    int closing;
    pthread_t threads[SA_PIPE_MAX_WORKERS];
    unsigned nthreads;
    unsigned nstarted; /* workers that took their number (sa__pipe_self) */
    void (*work)(void *ud, struct sa__pipe_job *job); /* runs on a worker, without mu */
    void (*wake)(void *ud);                           /* after a job lands in done */
    void *ud;
    int inited; /* the mutexes and condition exist */
};

/* Starts up to n workers (1..SA_PIPE_MAX_WORKERS). Returns the number started, 0 when none
 * could be (then the caller works inline and sa__pipe_stop still must be called). */
unsigned sa__pipe_start(struct sa__pipe *p, unsigned n, void (*work)(void *, struct sa__pipe_job *),
                        void (*wake)(void *), void *ud);
/* Queues a job for the workers; ownership moves to the pipe until it comes back done. */
void sa__pipe_push(struct sa__pipe *p, struct sa__pipe_job *job);
/* Takes every finished job, oldest first, as a list (NULL when none); the caller owns them. */
struct sa__pipe_job *sa__pipe_take_done(struct sa__pipe *p);
/* 1 when a finished job waits to be taken. */
int sa__pipe_has_done(struct sa__pipe *p);
/* Jobs queued, being worked on, or done and not taken yet. */
size_t sa__pipe_pending(struct sa__pipe *p);
/* Takes back the jobs no worker has started, oldest first (the caller owns them); jobs in work
 * still finish and come back through sa__pipe_take_done. */
struct sa__pipe_job *sa__pipe_cancel(struct sa__pipe *p);
/* The calling thread's number among its pipe's workers, 1..SA_PIPE_MAX_WORKERS; 0 on a thread
 * that is no pipe's worker. Two threads at work on one audit never share a number. */
unsigned sa__pipe_self(void);
/* Waits for the jobs in work, joins every worker and destroys the locks. Jobs still queued
 * stay queued: take them with sa__pipe_cancel, and the finished ones with sa__pipe_take_done,
 * which both still work after the stop. Safe on a zeroed pipe that never started, and twice. */
void sa__pipe_stop(struct sa__pipe *p);

#endif
