#!/usr/bin/env bash
# Bounded libFuzzer runs of the marker-comment parser, the config decoder, the ledger decoder and the
# escaping of header text (SwiftText).
#
#   Scripts/fuzz.sh [SECONDS_PER_TARGET]     (default 60)
#
# Each harness in Fuzz/ is compiled with `swiftc -sanitize=fuzzer,address` together with the sources
# it tests (no SwiftPM, so the package itself keeps no unsafe flags), then run from the seed corpus in
# Fuzz/corpus/<target> for the given time. Inputs that crash are written to .build/fuzz/<target>/crash-*;
# turn each into a regression test (Tests/XenReaderTests/FuzzRegressionTests.swift,
# Tests/XenSwiftGenTests/ConfigFuzzRegressionTests.swift) before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
work=.build/fuzz
mkdir -p "$work"
# SwiftPM embeds BuiltinFamilies.json as `PackageResources.BuiltinFamilies_json`; outside SwiftPM, write that enum here.
{ printf 'enum PackageResources {\n    static let BuiltinFamilies_json: [UInt8] = ['
  od -An -v -tu1 Sources/XenSwiftGen/BuiltinFamilies.json | tr -s ' \n' ',' | sed 's/^,//; s/,$//'
  printf ']\n}\n'; } > "$work/PackageResources.swift"

build() {  # target, harness, sources...
    local target=$1 harness=$2; shift 2
    local module="$work/$target/src"
    rm -rf "$module"; mkdir -p "$module"
    # One module: drop imports of the package's own modules.
    for source in "$harness" "$@"; do
        sed -E '/^import (XenIR|XenEmitter|XenReader|XenChecks|LibClang)$/d' "$source" > "$module/$(basename "$source")"
    done
    swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name "Fuzz${target//-/}" \
        "$module"/*.swift -o "$work/$target/fuzzer" 2> "$work/$target/build.log" \
        || { cat "$work/$target/build.log" >&2; exit 1; }
}

run() {  # target
    local target=$1 corpus="$work/$1/corpus"
    mkdir -p "$corpus"
    cp Fuzz/corpus/"$target"/* "$corpus"/
    local log="$work/$target/run.log" status=0
    SWIFT_BACKTRACE=enable=no "$work/$target/fuzzer" "$corpus" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
        -artifact_prefix="$work/$target/" > "$log" 2>&1 || status=$?
    local runs
    runs=$(sed -nE 's/^Done ([0-9]+) runs in ([0-9]+) second.*/\1 inputs in \2 s/p' "$log" | tail -1)
    if [ "$status" -ne 0 ]; then
        echo "fuzz $target: FAILED (exit $status); input saved as $(ls "$work/$target"/crash-* "$work/$target"/timeout-* 2>/dev/null | head -1)" >&2
        grep -m3 -E "Fatal error|Precondition|ERROR" "$log" >&2 || true
        return 1
    fi
    echo "fuzz $target: ${runs:-? inputs} without a crash; corpus $(ls "$corpus" | wc -l) inputs, $(grep -oE 'cov: [0-9]+' "$log" | tail -1)"
}

build marker Fuzz/MarkerParserFuzz.swift Sources/XenReader/MarkerParser.swift
build config Fuzz/ConfigLoaderFuzz.swift Sources/XenIR/*.swift Sources/XenChecks/Acknowledgement.swift Sources/XenSwiftGen/Config.swift \
    Sources/XenSwiftGen/ConfigLoader.swift Sources/XenSwiftGen/BuiltinFamilies.swift "$work/PackageResources.swift" \
    Sources/XenSwiftGen/SwiftIdentifier.swift Sources/XenSwiftGen/MacroDefinition.swift Sources/XenSwiftGen/SystemErrorText.swift
build ledger Fuzz/LedgerFileFuzz.swift Sources/XenIR/*.swift Sources/XenChecks/Acknowledgement.swift Sources/XenChecks/Ledger.swift \
    Sources/XenSwiftGen/LedgerFile.swift Sources/XenSwiftGen/ConfigLoader.swift Sources/XenSwiftGen/Config.swift \
    Sources/XenSwiftGen/BuiltinFamilies.swift "$work/PackageResources.swift" Sources/XenSwiftGen/SwiftIdentifier.swift \
    Sources/XenSwiftGen/SystemErrorText.swift Sources/XenSwiftGen/MacroDefinition.swift Sources/XenChecks/LedgerName.swift
build swift-text Fuzz/SwiftTextFuzz.swift Sources/XenEmitter/SwiftText.swift Sources/XenIR/CIdentifier.swift Sources/XenIR/UnsafeScalar.swift
failed=0
run marker || failed=1
run config || failed=1
run ledger || failed=1
run swift-text || failed=1
exit $failed
