#!/bin/sh
# Installs what shopaudit needs to build and test on Debian 12, and nothing when it is all
# there. As root it runs apt-get; otherwise it prints the exact command and stops. The core
# list is here; each feature that needs more for its tests (a browser, a fuzzer, a schema
# validator) lists its packages in scripts/packages.d/<feature>.txt, one or more a line, with
# # comments, so features never edit the same line.
set -eu
PKGS="gcc make cmake pkg-config libcurl4-openssl-dev libxml2-dev libpcre2-dev libcjson-dev
python3 ca-certificates"
HERE=$(cd "$(dirname "$0")" && pwd)
for f in "$HERE"/packages.d/*.txt; do
    [ -f "$f" ] || continue
    PKGS="$PKGS $(sed 's/#.*//' "$f" | tr '\n' ' ')"
done
[ "$#" -gt 0 ] && PKGS="$PKGS $*"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "shopaudit: missing packages:$missing" >&2
    echo "shopaudit: run as root:  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi
echo "shopaudit: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# Several set-ups may run at once (parallel CI jobs, worktrees): wait for the dpkg lock.
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >/dev/null
