#!/usr/bin/env bash
# The main job, from a fresh machine: install what is missing, build, and generate Swift bindings
# for the installed Xen headers (/usr/include/xen, one header tree) into ./Generated. Extra arguments go to
# `xen-swiftgen generate` (for example --output DIR or --verbose).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
swift build -c release --product xen-swiftgen
.build/release/xen-swiftgen generate --xen-headers /usr/include/xen "$@"
