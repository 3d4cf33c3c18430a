#!/usr/bin/env bash
# Installs what xen-swiftgen needs and is missing: libclang (libclang-dev), the Xen public
# headers (libxen-dev), and a C compiler for the layout tests. Safe to run again: it installs
# nothing when all are present.
set -euo pipefail

missing=()
dpkg -s libclang-dev >/dev/null 2>&1 || missing+=(libclang-dev)
dpkg -s libxen-dev >/dev/null 2>&1 || missing+=(libxen-dev)
# The layout and byte-image tests build C programs against the headers.
command -v cc >/dev/null 2>&1 || missing+=(gcc)
for extra in "$@"; do dpkg -s "$extra" >/dev/null 2>&1 || missing+=("$extra"); done

if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    # Others may be installing too: wait for the dpkg lock instead of failing.
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
fi
