#!/bin/sh
# The follow-up of audit-array.sh, submitted with --dependency=afterok:<array job id> so it
# runs only when every shard exited 0: summary.json, summary.csv and index.html under OUT.
#SBATCH --job-name=shopaudit-merge
#SBATCH --output=shopaudit-merge-%j.log
set -eu
: "${OUT:?set OUT}"
exec "${SHOPAUDIT:-shopaudit}" merge "$OUT"
