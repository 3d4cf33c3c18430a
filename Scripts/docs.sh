#!/usr/bin/env bash
# Checks every code block of the README and of the DocC articles (Scripts/doc-examples.py), then
# builds the DocC documentation of every documented target. Fails on any example that does not
# compile or prints something else, and on any DocC warning, an unresolved symbol link included.
# Scripts/test.sh runs it last; it runs offline (swift-docc-plugin is a package dependency).
#   Scripts/docs.sh              # check the examples, then build the catalogs
#   Scripts/docs.sh --examples   # check the examples only
set -euo pipefail
cd "$(dirname "$0")/.."

# The examples compile against the built modules and run the built tool (no-ops after `swift build`).
# They come first: the documentation build compiles the targets with other flags, so a plain build
# after it compiles them again.
swift build --product xen-swiftgen >/dev/null
swift build --target XenPublic >/dev/null
python3 Scripts/doc-examples.py
[ "${1:-}" = "--examples" ] && exit 0

# The targets with a catalog: the generator (XenSwiftGen), the runtime and the vendored bindings.
targets=(XenSwiftGen XenHypercall XenPublic)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
arguments=()
for target in "${targets[@]}"; do arguments+=(--target "$target"); done
# One run for all targets; --warnings-as-errors makes docc fail on a warning, and the count below
# catches any warning printed by the symbol-graph step as well.
if ! swift package generate-documentation "${arguments[@]}" --warnings-as-errors >"$log" 2>&1; then
    grep -E "warning:|error:" -A4 "$log" >&2 || tail -40 "$log" >&2
    echo "docs: generate-documentation failed" >&2
    exit 1
fi
warnings=$(grep -c "warning:" "$log" || true)
if [ "$warnings" -ne 0 ]; then
    grep "warning:" -A4 "$log" >&2
    echo "docs: $warnings warnings" >&2
    exit 1
fi
echo "docs: ${targets[*]}: 0 warnings (.build/plugins/Swift-DocC/outputs/)"
