#!/bin/sh
# shopaudit with GNU Parallel: N shards spread over the hosts given with -S, then one merge.
# Each host needs shopaudit on its PATH and OUT on a shared filesystem (NFS) at the same path.
#
#   deploy/parallel/run.sh LIST OUT N [HOSTS]      e.g. run.sh shops.txt /nfs/audit 16 ':,8/w1,8/w2'
#
# --joblog records each shard's exit code; running the same command again with
# --resume-failed reruns only the shards that did not exit 0 (3: a transient error remains,
# and that rerun redoes only the unfinished sites). Exit 2 (bad list or option) is not worth a
# retry: fix the input first. For a queue shared by several machines, GNU Parallel's
# --sqlmaster/--sqlworker do the same with a database instead of -S.
set -eu
[ $# -ge 3 ] || { echo "usage: $0 LIST OUT N [HOSTS]" >&2; exit 2; }
LIST=$1 OUT=$2 N=$3 HOSTS=${4:-:}
JOBS=${SHOPAUDIT_JOBS:-2}        # sites audited at once inside each shard
RETRIES=${SHOPAUDIT_RETRIES:-3}  # passes over the failed shards
SA=${SHOPAUDIT:-shopaudit}       # the binary, at this path on every host
mkdir -p "$OUT"
i=0
while :; do
    # --resume-failed: shards already at exit 0 in the joblog are not run again
    if seq 0 $((N - 1)) | parallel --will-cite -S "$HOSTS" --joblog "$OUT/joblog" \
        --resume-failed --halt never --line-buffer \
        "$SA" batch "$LIST" --out "$OUT" --shard "{}/$N" --jobs "$JOBS"; then
        break
    fi
    # exit 2 in any shard: a config error that no retry fixes
    if awk -F'\t' 'NR > 1 && $7 == 2 { bad = 1 } END { exit !bad }' "$OUT/joblog"; then
        echo "shopaudit: a shard exited 2 (bad list or option): see $OUT/joblog" >&2
        exit 2
    fi
    i=$((i + 1))
    [ "$i" -lt "$RETRIES" ] || break
done
"$SA" merge "$OUT"
