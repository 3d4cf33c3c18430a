#!/usr/bin/env bash
# Regenerates the committed reference outputs (Tests/XenSwiftGenTests/Fixtures/references/) after an
# intended change of the generated Swift. Review the result with `git diff`, then commit it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
XEN_SWIFTGEN_UPDATE_REFERENCES=1 swift test --skip-build --filter ReferenceOutputTests
git status --short Tests/XenSwiftGenTests/Fixtures/references
