#!/bin/sh
# shopaudit on Slurm: one array task per shard, each `shopaudit batch --shard auto/N` (K comes
# from SLURM_ARRAY_TASK_ID), then merge.sh once every task has succeeded:
#
#   N=16 LIST=$PWD/shops.txt OUT=/shared/audit
#   jid=$(sbatch --parsable --array=0-$((N-1)) --export=ALL,N=$N,LIST=$LIST,OUT=$OUT \
#         deploy/slurm/audit-array.sh)
#   sbatch --dependency=afterok:$jid --export=ALL,OUT=$OUT deploy/slurm/merge.sh
#
# --requeue and exit 3 (a transient error remains): `scontrol requeue` of the failed tasks (or
# a second sbatch of this script) redoes only the unfinished sites. OUT must be on a
# filesystem every node sees.
#SBATCH --job-name=shopaudit
#SBATCH --output=shopaudit-%A_%a.log
#SBATCH --cpus-per-task=2
#SBATCH --requeue
set -eu
: "${N:?set N, the number of shards}" "${LIST:?set LIST}" "${OUT:?set OUT}"
exec "${SHOPAUDIT:-shopaudit}" batch "$LIST" --out "$OUT" --shard "auto/$N" --jobs "${SHOPAUDIT_JOBS:-2}" \
    ${SHOPAUDIT_ARGS:-}
