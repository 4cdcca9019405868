/* Batch mode: `shopaudit batch` audits one shard of a list of shops, one forked child per site,
 * each site in its own folder with a status.json written last; `shopaudit merge` turns the
 * finished folders into summary.json, summary.csv and index.html. Sharding, retries and
 * placement belong to an existing engine (Kubernetes Indexed Jobs, GNU Parallel, Slurm): these
 * are the pieces it runs. Part of the CLI, not of the library: it prints. */
#ifndef SA_BATCH_H
#define SA_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "shopaudit/gate.h"
#include "shopaudit/report.h"

/* `shopaudit batch ...` and `shopaudit merge ...`; argv[0] is the subcommand name. Return the
 * process exit code (0, 1, 2, 3 or 130). */
int sa__batch_main(int argc, char **argv);
int sa__merge_main(int argc, char **argv);

/* 64-bit FNV-1a with a final avalanche (splitmix64), so that "key mod N" uses all the bits.
 * Shard membership and folder names depend on it: it must never change. */
uint64_t sa__batch_hash(const char *s);

/* The key a site is sharded by: its host, lower-case, without "www." (the crawler's notion of
 * one site), plus ":port" when the URL names a non-default port, so http:// and https:// of one
 * host always land in the same shard. SA_OK, SA_EURL or SA_ETOOBIG. */
int sa__batch_shard_key(const char *url, char *buf, size_t n);

/* The shard (0..n-1) of a start URL. SA_OK or SA_EURL. */
int sa__batch_shard_of(const char *url, unsigned n, unsigned *shard);

/* The folder name of a site under DIR/sites/: "<host>-<8 hex digits of the normalised start
 * URL's hash>", so two start URLs on one host get two folders. SA_OK, SA_EURL or SA_ETOOBIG. */
int sa__batch_site_dir(const char *url, char *buf, size_t n);

/* What --gate judges a site by: the single audit's --fail-under and --fail-on rules. */
struct sa_batch_gate {
    double fail_under;    /* 0..100; 0 never fails */
    struct sa_gate rules; /* --fail-on; none by default */
    char *fail_on;        /* owned: every --fail-on spec, comma-joined, for the config hash */
};

/* 1 when the report fails the gate, else 0. */
int sa__batch_gate(const struct sa_report *r, const struct sa_batch_gate *g);

/* Writes len bytes to path through a temporary file in the same folder, fsync and rename, so a
 * reader (or a rerun after SIGKILL) never sees half a file. SA_OK or SA_EIO with errno set. */
int sa__batch_write_atomic(const char *path, const char *data, size_t len);

#endif
