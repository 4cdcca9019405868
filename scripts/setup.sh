#!/bin/sh
# Installs what shopaudit needs to build and test on Debian 12, and nothing when it is all
# there. As root it runs apt-get; otherwise it prints the exact command and stops.
set -eu
PKGS="gcc make cmake pkg-config libcurl4-openssl-dev libxml2-dev libpcre2-dev libcjson-dev
python3 ca-certificates"
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
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
