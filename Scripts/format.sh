#!/usr/bin/env bash
# The formatter, on every hand-written Swift file (configuration: .swift-format). Generated Swift is left
# as the generator writes it: Generated/, the vendored device ABI in Sources/XenDeviceABI, and the
# reference outputs under Tests/XenSwiftGenTests/Fixtures/references. Symbolic links (the plugins' shared
# file) are formatted where they point. The configuration turns AlwaysUseLowerCamelCase off: C's names
# (XenErrno.EPERM …) are kept on purpose, and the formatter cannot fix that rule's findings anyway.
#
#   Scripts/format.sh --check   # swift format lint --strict: exit 1 and list each file that is not formatted
#   Scripts/format.sh           # swift format -i: format them in place
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -- '*.swift' ':!:Generated/**' ':!:Sources/XenDeviceABI/**' \
    ':!:Tests/XenSwiftGenTests/Fixtures/references/**' | while read -r file; do [ -L "$file" ] || echo "$file"; done)
if [ "${1:-}" = --check ]; then
    swift format lint --strict --parallel --configuration .swift-format "${files[@]}"
else
    swift format format --in-place --parallel --configuration .swift-format "${files[@]}"
fi
