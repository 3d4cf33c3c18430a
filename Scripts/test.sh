#!/usr/bin/env bash
# The whole test suite, from a fresh machine: install what is missing, build, check that the
# vendored Generated/ folder is current, and run every test. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
swift build --build-tests
.build/debug/xen-swiftgen generate --check
swift test --skip-build
