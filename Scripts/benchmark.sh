#!/usr/bin/env bash
# The four figures of the performance goals (issues 15 and 26), each with its goal beside it. Timings of
# one hyperfine run side by side (machines are noisy; only the ratios of one run mean anything):
#   (a) the floor: clang -fsyntax-only on one translation unit per release tree of the default output
#       (the repository's xen-swiftgen-config.json: every release of its set, read from the history
#       bundle) that includes every header the generator reads from it, once per target of the
#       default target set, one after the other (7 releases x 2 targets = 14 parses);
#   (b) xen-swiftgen generate (release build) of that default output (the vendored XenPublic), into a
#       fresh folder per run;
#   (b1) the generator on one header tree (XEN_HEADERS) for the first target alone: bindgen's peer;
#   (b') (b) with an output folder that is already current (the no-change run of a build);
#   (c) Debian's bindgen on one translation unit of that one tree (first target), with and without
#       layout tests.
# Then: 1. b/a <= 3   2. c/b1 >= 4   (wall medians and CPU time, plus callgrind instruction counts,
#   which other jobs on the machine do not change)   3. a clean debug build of the vendored XenPublic
#   <= 5 s and its release build <= 10 s (swift build, wall and CPU)   4. peak RSS of generate <= 1.5x
#   clang's. Also: swiftc -typecheck of the generated module, lines emitted, the build-plugin
#   consumer's clean and no-op build, and the size of a minimal static dom0 tool.
#
# Usage: Scripts/benchmark.sh            (RUNS=N and WARMUP=N override the hyperfine counts;
#                                          CONFIG=file the default output's config (its releases);
#                                          XEN_HISTORY_BUNDLE=file the history bundle it reads;
#                                          XEN_HEADERS=DIR the one tree of b1 and c; CLANG=path the floor's clang;
#                                          TARGETS="triple ..." the target set (default: the generator's
#                                          own default set, read from its summary line; the floor
#                                          parses once per target);
#                                          BUILD_RUNS=N the XenPublic builds; CALLGRIND=0 skips the
#                                          instruction counts; TYPECHECK_RUNS=N and SWIFTC=path for the
#                                          typecheck timing; PLUGIN_BENCH=0 skips the plugin consumer;
#                                          STATIC_BENCH=0 the static tool; HISTORY_BENCH=0 the history)
set -euo pipefail
cd "$(dirname "$0")/.."

Scripts/setup.sh hyperfine bindgen time jq

RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}
XEN_HEADERS=${XEN_HEADERS:-/usr/include/xen}
CONFIG=${CONFIG:-$PWD/xen-swiftgen-config.json}
export XEN_HISTORY_BUNDLE=${XEN_HISTORY_BUNDLE:-$PWD/../shared/xen-history/xen-public.bundle}
[ -f "$XEN_HISTORY_BUNDLE" ] || { echo "benchmark: no history bundle at $XEN_HISTORY_BUNDLE (set XEN_HISTORY_BUNDLE)" >&2; exit 1; }

swift build -c release --product xen-swiftgen >&2
BIN=$PWD/.build/release/xen-swiftgen

WORK=$(mktemp -d "${TMPDIR:-/tmp}/xen-swiftgen-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# The default output's releases, each tree read once from a bare clone of the bundle (the generator
# gets that clone too, so neither side pays for cloning the bundle).
git clone -q --bare "$XEN_HISTORY_BUNDLE" "$WORK/xen.git"
mapfile -t RELEASES < <(jq -r '.releases[]' "$CONFIG")
[ ${#RELEASES[@]} -gt 0 ] || { echo "benchmark: $CONFIG names no releases" >&2; exit 1; }
for release in "${RELEASES[@]}"; do
    mkdir -p "$WORK/trees/$release"
    git -C "$WORK/xen.git" archive "$release" | tar -x -C "$WORK/trees/$release"
done
SET="--config $CONFIG --xen-git $WORK/xen.git"

# One probe run: the libclang it loads (below) and its default target set (`generate` without
# --target), which its summary line names: "... from DIR (x86_64-linux-gnu, aarch64-linux-gnu) -> ...".
PROBE=$("$BIN" generate --xen-headers "$XEN_HEADERS" --output "$WORK/probe" --verbose 2>&1)
DEFAULT_TARGETS=$(sed -n 's/^xen-swiftgen: .* from .* (\([^)]*\)) -> .*/\1/p' <<<"$PROBE" | tr -d ',')
[ -n "${TARGETS:-$DEFAULT_TARGETS}" ] || { echo "benchmark: cannot read the generator's default targets from its summary line" >&2; exit 1; }
read -r -a TARGET_LIST <<<"${TARGETS:-$DEFAULT_TARGETS}"
FIRST_TARGET=${TARGET_LIST[0]}
# With TARGETS set, (b) generates for exactly those targets too (else it is the plain default run).
GEN_TARGETS=""
if [ -n "${TARGETS:-}" ]; then for target in "${TARGET_LIST[@]}"; do GEN_TARGETS+=" --target $target"; done; fi

# All three tools use one LLVM: the libclang the generator loads (its documented search order), the
# clang driver of the same version for the floor (installed when missing), and bindgen pointed at
# both. bindgen otherwise takes its builtin headers from whichever clang is first on PATH (the Swift
# toolchain's, a newer LLVM), which does not even parse with -ffreestanding.
LIBCLANG_LINE=$(sed -n 's/^libclang: //p' <<<"$PROBE")
LIBCLANG=${LIBCLANG_LINE%% *}
LLVM_MAJOR=$(sed -n 's/.*clang version \([0-9]*\)\..*/\1/p' <<<"$LIBCLANG_LINE")
if [ -z "${CLANG:-}" ]; then
    if [ -n "$LLVM_MAJOR" ] && ! command -v "clang-$LLVM_MAJOR" >/dev/null 2>&1; then
        Scripts/setup.sh "clang-$LLVM_MAJOR" || echo "benchmark: clang-$LLVM_MAJOR not installable; using PATH's clang" >&2
    fi
    for candidate in ${LLVM_MAJOR:+clang-$LLVM_MAJOR} clang; do
        if command -v "$candidate" >/dev/null 2>&1; then CLANG=$(command -v "$candidate"); break; fi
    done
fi
# Only bindgen gets these: the generator is timed with its own search (including llvm-config).
BINDGEN="env LIBCLANG_PATH=$LIBCLANG CLANG_PATH=$CLANG bindgen"

# The headers come from the tool itself: each family's header, in family-table order, exactly the
# list its own virtual main file includes (per tree: a release may lack a header another has).
translation_unit() { # tree, output file
    local header
    "$BIN" dump-ir --xen-headers "$1" | jq -r '.families[].file' | awk '!seen[$0]++' | while read -r header; do
        echo "#include \"$1/$header\""
    done >"$2"
}
TU=$WORK/xen-all.h
translation_unit "$XEN_HEADERS" "$TU"
mapfile -t HEADERS < <(sed 's/^#include ".*\/\([^/]*\)"$/\1/' "$TU")
# The generator's own parse arguments (HeaderReader), with stdint.h and stddef.h (the ring macros
# of io/ use size_t unincluded; 4.16.7's pvcalls.h needs it) first and the tools define;
# CFLAGS (for bindgen and the one-target figures) has the first target.
BASEFLAGS="-x c -std=gnu11 -ffreestanding -Wno-everything -include stdint.h -include stddef.h -D__XEN_TOOLS__"
CFLAGS="$BASEFLAGS -target $FIRST_TARGET"
# The floor: one parse per release tree and target of the default output, one after the other.
FLOOR="" FLOOR_UNITS=()
for release in "${RELEASES[@]}"; do
    translation_unit "$WORK/trees/$release" "$WORK/trees/$release.h"
    for target in "${TARGET_LIST[@]}"; do
        FLOOR+="${FLOOR:+ && }$CLANG $BASEFLAGS -target $target -fsyntax-only $WORK/trees/$release.h"
        FLOOR_UNITS+=("$target $WORK/trees/$release.h")
    done
done
FLOOR_NAME="a: clang -fsyntax-only (${#RELEASES[@]} releases x ${#TARGET_LIST[@]} targets)"

echo "releases:    ${RELEASES[*]} (from $CONFIG; b generates them all, the floor parses each tree once per target)"
echo "headers of $XEN_HEADERS (b1, c; ${#HEADERS[@]}): ${HEADERS[*]}"
echo "targets:     ${TARGET_LIST[*]}"
echo "libclang:    $LIBCLANG_LINE (generator and bindgen)"
echo "floor clang: $CLANG ($("$CLANG" --version | head -n 1))"
echo "generator:   $BIN"
echo "bindgen:     $(bindgen --version)"
echo "machine:     $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo

# Sanity: every command must succeed once before it is timed.
bash -c "$FLOOR"
$BINDGEN "$TU" -o "$WORK/check.rs" -- $CFLAGS
"$BIN" generate $SET $GEN_TARGETS --output "$WORK/current" # (b') starts current

# `generate` writes only changed files, so (b) gets an empty output folder before every run; the
# --prepare list is positional, one per command. (b1) times the generator on one tree for the first
# target alone, for c/b1.
hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$WORK/results.json" \
    --prepare true -n "$FLOOR_NAME" "$FLOOR" \
    --prepare "rm -rf $WORK/cold" -n "b: xen-swiftgen generate (empty output)" \
    "$BIN generate $SET$GEN_TARGETS --output $WORK/cold" \
    --prepare "rm -rf $WORK/one" -n "b1: xen-swiftgen generate (one tree, first target)" \
    "$BIN generate --xen-headers $XEN_HEADERS --target $FIRST_TARGET --output $WORK/one" \
    --prepare true -n "b': xen-swiftgen generate (output current)" \
    "$BIN generate $SET$GEN_TARGETS --output $WORK/current" \
    --prepare true -n "c: bindgen (layout tests)" "$BINDGEN $TU -o $WORK/layout.rs -- $CFLAGS" \
    --prepare true -n "c': bindgen --no-layout-tests" "$BINDGEN --no-layout-tests $TU -o $WORK/plain.rs -- $CFLAGS"

median() { jq -r --arg name "$1" '.results[] | select(.command == $name) | .median * 1000' "$WORK/results.json"; }
# CPU time (user + system, mean): less sensitive than wall time to other jobs on the machine.
cpu() { jq -r --arg name "$1" '.results[] | select(.command == $name) | (.user + .system) * 1000' "$WORK/results.json"; }
NAMES=("$FLOOR_NAME" "b: xen-swiftgen generate (empty output)" "b': xen-swiftgen generate (output current)"
    "c: bindgen (layout tests)" "c': bindgen --no-layout-tests")
A=$(median "${NAMES[0]}") B=$(median "${NAMES[1]}") B2=$(median "${NAMES[2]}") C=$(median "${NAMES[3]}") C2=$(median "${NAMES[4]}")
CPU_A=$(cpu "${NAMES[0]}") CPU_B=$(cpu "${NAMES[1]}") CPU_C=$(cpu "${NAMES[3]}")
B1=$(median "b1: xen-swiftgen generate (one tree, first target)") CPU_B1=$(cpu "b1: xen-swiftgen generate (one tree, first target)") B1_NAME="b1"

# Instructions (callgrind), one run each: the figure other jobs on a shared machine do not change.
# The generator's threads are serialised under valgrind; their instructions all count.
instructions() {
    local count
    count=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : //p' | tail -n 1)
    [ -n "$count" ] || { echo "benchmark: callgrind gave no count for: $*" >&2; exit 1; }
    echo "$count"
}
if [ "${CALLGRIND:-1}" != "0" ]; then
    Scripts/setup.sh valgrind
    # valgrind cannot read the debug info swiftc writes ("Possibly corrupted debuginfo file"): count a
    # copy without it, with the template resources beside it where Bundle.module looks.
    mkdir -p "$WORK/grind-bin"
    strip --strip-debug -o "$WORK/grind-bin/xen-swiftgen" "$BIN"
    cp -R "$(dirname "$BIN")/xen-swiftgen_XenTemplates.resources" "$WORK/grind-bin/"
    INS_A=0
    for unit in "${FLOOR_UNITS[@]}"; do
        read -r target file <<<"$unit"
        INS_A=$((INS_A + $(instructions "$CLANG" $BASEFLAGS -target "$target" -fsyntax-only "$file")))
    done
    rm -rf "$WORK/grind"
    INS_B=$(instructions "$WORK/grind-bin/xen-swiftgen" generate $SET $GEN_TARGETS --output "$WORK/grind")
    # Through `env` callgrind would count `env`: the variables are set for the function instead.
    INS_C=$(LIBCLANG_PATH=$LIBCLANG CLANG_PATH=$CLANG instructions bindgen "$TU" -o "$WORK/grind.rs" -- $CFLAGS)
    rm -rf "$WORK/grind1"
    INS_B1=$(instructions "$WORK/grind-bin/xen-swiftgen" generate --xen-headers "$XEN_HEADERS" --target "$FIRST_TARGET" --output "$WORK/grind1")
fi

# Peak memory, one run each (kB, as GNU time reports it).
peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'; }
MEM_A=$(peak bash -c "$FLOOR")
rm -rf "$WORK/mem"
MEM_B=$(peak "$BIN" generate $SET $GEN_TARGETS --output "$WORK/mem")
MEM_C=$(peak $BINDGEN "$TU" -o "$WORK/mem.rs" -- $CFLAGS)

# Goal 3: what a consumer pays for XenPublic (the repository's Generated/, the default output). A
# clean build of XenPublic alone, its dependency XenHypercall already built: `swift build --target
# XenPublic` in its own scratch folder after removing only XenPublic's build folder and module (the
# manifest compiled and the dependency built beforehand, so SwiftPM's planning is included), debug
# and release; then, after `swift package clean`, the debug build with the dependency and the opt-in
# layout check (package trait LayoutCheck) for its cost.
BUILD_RUNS=${BUILD_RUNS:-3}
XP=(swift build --target XenPublic --scratch-path "$WORK/xenpublic")
"${XP[@]}" >/dev/null 2>&1
"${XP[@]}" -c release >/dev/null 2>&1
forget_xenpublic() { echo "rm -rf $WORK/xenpublic/$1/XenPublic.build $WORK/xenpublic/$1/Modules/XenPublic.*"; }

# The generated module as a consumer's build sees it: it imports XenHypercall, whose module the
# untimed build above left in the scratch folder (kept aside, as the timed builds clean it).
mkdir -p "$WORK/modules"
cp -R "$WORK/xenpublic/debug/Modules/XenHypercall.swiftmodule" "$WORK/modules/"
SWIFTC=${SWIFTC:-swiftc}
hyperfine --style basic --warmup 1 --runs "${TYPECHECK_RUNS:-3}" --export-json "$WORK/typecheck.json" \
    -n "swiftc -typecheck (generated module, $("$SWIFTC" --version 2>&1 | head -n 1))" \
    "$SWIFTC -typecheck -swift-version 6 -module-name XenPublic -I $WORK/modules $WORK/cold/*.swift"
TYPECHECK=$(jq -r '.results[0].median' "$WORK/typecheck.json")
FILES=$(ls "$WORK/cold"/*.swift | wc -l)
LINES=$(cat "$WORK/cold"/*.swift | wc -l)
BRANCHES=$(cat "$WORK/cold"/*.swift | grep -c -E '^ *#(else)?if arch\(')

hyperfine --style basic --warmup 0 --runs "$BUILD_RUNS" --export-json "$WORK/xenpublic.json" \
    --prepare "$(forget_xenpublic debug)" -n "XenPublic debug" "${XP[*]}" \
    --prepare "$(forget_xenpublic release)" -n "XenPublic release" "${XP[*]} -c release" \
    --prepare "swift package --scratch-path $WORK/xenpublic clean" -n "XenPublic debug, trait LayoutCheck" "${XP[*]} --traits LayoutCheck"
xp() { jq -r --arg name "$1" '.results[] | select(.command == $name) | "\(.median) \(.user + .system)"' "$WORK/xenpublic.json"; }
read -r XP_DEBUG XP_DEBUG_CPU <<<"$(xp "XenPublic debug")"
read -r XP_RELEASE XP_RELEASE_CPU <<<"$(xp "XenPublic release")"
read -r XP_LAYOUT XP_LAYOUT_CPU <<<"$(xp "XenPublic debug, trait LayoutCheck")"

# --- Build-plugin no-op rebuild (issue 6, scope 2) ---------------------------------------------------
# In a copy of Examples/PluginConsumer outside the repository: a clean build, the one documented
# re-run right after it (SwiftPM relinks the tool, so the plugin's command runs once more), then a
# timed no-op build. Whether the generator ran is read from the build log, where the plugin's command
# announces itself ("xen-swiftgen: generating XenBindings.swift for PluginConsumer"). Set
# PLUGIN_BENCH=0 to skip (the clean build compiles this package and its dependencies: 1-3 minutes).
plugin_noop_rebuild() {
    if [ "${PLUGIN_BENCH:-1}" = "0" ]; then echo "plugin no-op rebuild:   skipped (PLUGIN_BENCH=0)"; return; fi
    local consumer=$WORK/plugin-consumer repo=$PWD
    cp -R Examples/PluginConsumer "$consumer"
    sed -i "s|path: \"../..\"|path: \"$repo\"|" "$consumer/Package.swift"
    local build=(swift build --package-path "$consumer" --scratch-path "$consumer/.build-bench")
    local start end clean noop ran
    start=$(date +%s.%N); "${build[@]}" >"$WORK/plugin-clean.log" 2>&1; end=$(date +%s.%N)
    clean=$(jq -n "$end - $start | . * 10 | round / 10")
    "${build[@]}" >"$WORK/plugin-second.log" 2>&1
    start=$(date +%s.%N); "${build[@]}" >"$WORK/plugin-noop.log" 2>&1; end=$(date +%s.%N)
    noop=$(jq -n "($end - $start) * 1000 | round")
    if grep -q "generating XenBindings.swift" "$WORK/plugin-noop.log"; then ran="RAN (should not)"; else ran="did not run"; fi
    local second="did not run"
    grep -q "generating XenBindings.swift" "$WORK/plugin-second.log" && second="ran (the documented relink re-run)"
    echo "plugin consumer: clean build ${clean} s (goal <= 30 s: $(verdict "$clean <= 30")); second build: generator ${second};" \
        "no-op build ${noop} ms (goal <= 500 ms: $(verdict "$noop <= 500")), generator ${ran}"
}
# ----------------------------------------------------------------------------------------------------

ratio() { jq -n --argjson x "$1" --argjson y "$2" '$x / $y * 100 | round / 100'; }
verdict() { if jq -e -n "$1" >/dev/null; then echo "meets target"; else echo "MISSES target"; fi; }

echo
echo "== wall-time medians (ms), CPU time (user+sys, mean, ms), peak RSS =="
row() { printf '  %-44s %8.1f %8.1f   %s\n' "$1" "$2" "$3" "${4:+peak RSS $4 kB}"; }
row "a:  clang -fsyntax-only (${#RELEASES[@]} releases x ${#TARGET_LIST[@]} targets)" "$A" "$CPU_A" "$MEM_A"
row "b:  xen-swiftgen generate (empty output)" "$B" "$CPU_B" "$MEM_B"
[ "$B1_NAME" = "b1" ] && row "b1: xen-swiftgen generate (one tree, first target)" "$B1" "$CPU_B1" ""
row "b': xen-swiftgen generate (output current)" "$B2" "$(cpu "${NAMES[2]}")" ""
row "c:  bindgen (layout tests)" "$C" "$CPU_C" "$MEM_C"
row "c': bindgen --no-layout-tests" "$C2" "$(cpu "${NAMES[4]}")" ""
if [ -n "${INS_A:-}" ]; then
    echo "== instructions (callgrind, one run each) =="
    printf '  a: %s   b: %s   %s: %s   c: %s\n' "$INS_A" "$INS_B" "$B1_NAME" "$INS_B1" "$INS_C"
fi
echo "== the four goals =="
echo "  1. b/a    = $(ratio "$B" "$A") wall, $(ratio "$CPU_B" "$CPU_A") CPU${INS_A:+, $(ratio "$INS_B" "$INS_A") instructions}" \
    "   goal <= 3: $(verdict "$B <= 3 * $A") (wall), $(verdict "$CPU_B <= 3 * $CPU_A") (CPU)${INS_A:+, $(verdict "$INS_B <= 3 * $INS_A") (instructions)}"
echo "  2. c/$B1_NAME   = $(ratio "$C" "$B1") wall, $(ratio "$CPU_C" "$CPU_B1") CPU${INS_A:+, $(ratio "$INS_C" "$INS_B1") instructions}" \
    "   goal >= 4: $(verdict "$C >= 4 * $B1") (wall), $(verdict "$CPU_C >= 4 * $CPU_B1") (CPU)${INS_A:+, $(verdict "$INS_C >= 4 * $INS_B1") (instructions)}"
printf '  3. XenPublic clean build, alone (XenHypercall built): debug %.1f s (CPU %.1f s), goal <= 5 s: %s; release %.1f s (CPU %.1f s), goal <= 10 s: %s\n' \
    "$XP_DEBUG" "$XP_DEBUG_CPU" "$(verdict "$XP_DEBUG <= 5")" "$XP_RELEASE" "$XP_RELEASE_CPU" "$(verdict "$XP_RELEASE <= 10")"
printf '     (after swift package clean, with XenHypercall, debug with the opt-in layout check, trait LayoutCheck: %.1f s, CPU %.1f s)\n' "$XP_LAYOUT" "$XP_LAYOUT_CPU"
echo "  4. peak RSS b/a = $(ratio "$MEM_B" "$MEM_A") ($MEM_B kB / $MEM_A kB)   goal <= 1.5: $(verdict "$MEM_B <= 1.5 * $MEM_A")"
echo "== more =="
echo "  c'/$B1_NAME  = $(ratio "$C2" "$B1");  b'/a = $(ratio "$B2" "$A")"
if [ "$B1_NAME" = "b1" ]; then
    echo "  b/b1  = $(ratio "$B" "$B1")   [$(ratio "$CPU_B" "$CPU_B1") CPU]   ${#RELEASES[@]} releases x ${#TARGET_LIST[@]} targets against one tree and target"
fi
printf '  lines emitted (b, the default output): %d files, %d lines, %d #if arch branches\n' "$FILES" "$LINES" "$BRANCHES"
printf '  swiftc -typecheck, %d files, %d lines: %.2f s\n' "$FILES" "$LINES" "$TYPECHECK"
echo "  $(plugin_noop_rebuild)"

# The size of a minimal static dom0 tool (issue 28): Examples/VendoredConsumer (it prints one op of
# XenPublic), release, the Swift runtime linked in (--static-swift-stdlib), as built and stripped.
# Not measured here, what could shrink it: the static Linux SDK (musl, no shared library at all) and
# Embedded Swift, neither installed on the test machine.
static_tool_size() {
    if [ "${STATIC_BENCH:-1}" = "0" ]; then echo "static tool: skipped (STATIC_BENCH=0)"; return; fi
    local scratch="$WORK/static-tool"
    (cd Examples/VendoredConsumer && swift build -c release --static-swift-stdlib --scratch-path "$scratch" >/dev/null 2>&1) \
        || { echo "static tool: build failed"; return; }
    local binary="$scratch/release/VendoredConsumer"
    cp "$binary" "$WORK/static-tool.stripped" && strip "$WORK/static-tool.stripped"
    printf 'static tool (VendoredConsumer, release, --static-swift-stdlib): %.1f MB, stripped %.1f MB; needs %s\n' \
        "$(jq -n "$(stat -c %s "$binary") / 1000000")" "$(jq -n "$(stat -c %s "$WORK/static-tool.stripped") / 1000000")" \
        "$(ldd "$binary" | awk '$1 !~ /vdso|ld-linux/ {print $1}' | tr '\n' ' ')"
}
echo "  $(static_tool_size)"

# --- History (issue 13): the history ledger of every release tag, and the diff of two releases ------
# From the history bundle (../shared/xen-history/xen-public.bundle or XEN_HISTORY_BUNDLE), with the
# release build. Per release: the ledger time over the number of tags (equal trees are read once).
# References side by side: one `generate` (b above) per release read. HISTORY_BENCH=0 skips.
history_bench() {
    if [ "${HISTORY_BENCH:-1}" = "0" ]; then echo "  history: skipped (HISTORY_BENCH=0)"; return; fi
    local bundle=${XEN_HISTORY_BUNDLE:-$PWD/../shared/xen-history/xen-public.bundle}
    if [ ! -f "$bundle" ]; then echo "  history: bundle missing at $bundle (set XEN_HISTORY_BUNDLE)"; return 1; fi
    git clone -q --no-checkout "$bundle" "$WORK/xen-public"
    local tags acks=Sources/XenSwiftGen/History/acknowledgements.json
    tags=$(git -C "$WORK/xen-public" tag -l 'RELEASE-4.*' | wc -l)
    hyperfine --style basic --runs "${HISTORY_RUNS:-1}" --export-json "$WORK/history.json" \
        -n "history (RELEASE-4.*, $tags tags)" \
        "$BIN history --xen-git $WORK/xen-public --acknowledgements $acks --output $WORK/history-ledger.json" >&2
    hyperfine --style basic --warmup 1 --runs "${DIFF_RUNS:-5}" --export-json "$WORK/diff.json" \
        -n "diff RELEASE-4.10.4 RELEASE-4.11.0" \
        "$BIN diff RELEASE-4.10.4 RELEASE-4.11.0 --xen-git $WORK/xen-public" >&2
    local history diff
    history=$(jq -r '.results[0].median' "$WORK/history.json")
    diff=$(jq -r '.results[0].median * 1000' "$WORK/diff.json")
    printf '  history ledger, %d release tags: %.1f s, %.0f ms per release (generate b: %.0f ms)\n' \
        "$tags" "$history" "$(jq -n "$history * 1000 / $tags")" "$B"
    printf '  diff of two releases (git archive + read, twice): %.0f ms = %.2f x generate b\n' "$diff" "$(jq -n "$diff / $B")"
}
echo "== history (issue 13) =="
history_bench
