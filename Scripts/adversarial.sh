#!/usr/bin/env bash
# The adversarial matrix: hostile and careless inputs against the built CLI, one case per block of
# Tests/Adversarial/cases.txt (the file's header says how to write a case).
#
#   Scripts/adversarial.sh [--binary PATH] [--cases FILE] [--list] [NAME-GLOB ...]
#
# Each case gets its own folder WORK holding a copy of the installed Xen headers (TREE) and an output
# folder (OUT) pre-filled with a good generation plus a user file, runs its setup, then its command
# (working directory WORK/cwd, TMPDIR=WORK/tmp, HOME=WORK/home, a memory cap and a timeout), and
# checks: the exit status, the first line of standard error, that OUT is byte for byte as before
# (names, types, link targets, sizes, modification times, contents), and that nothing was created
# or changed outside OUT and TMPDIR (in WORK, and at the top of /). Prints one line per case, then
# 'adversarial: N passed, N failed'; exits 1 when any case failed.
set -uo pipefail
cd "$(dirname "$0")/.."
binary=.build/debug/xen-swiftgen
cases=Tests/Adversarial/cases.txt
list=false
patterns=()
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary=$2; shift 2 ;;
        --cases) cases=$2; shift 2 ;;
        --list) list=true; shift ;;
        *) patterns+=("$1"); shift ;;
    esac
done
[ -x "$binary" ] || { echo "adversarial: no binary at $binary (swift build first, or pass --binary)" >&2; exit 1; }
binary=$(realpath "$binary")
headers=${XEN_HEADERS:-/usr/include/xen}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/adversarial.XXXXXX")
cleanup() { chattr -R -i "$scratch" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT
mkdir -p "$scratch/results" "$scratch/cases"
cp -r "$headers" "$scratch/tree"
# The good generation every case starts from, and a file of the user's own.
if ! "$binary" generate --xen-headers "$scratch/tree" --output "$scratch/good" >/dev/null 2>"$scratch/good.err"; then
    echo "adversarial: the good generation failed:" >&2; cat "$scratch/good.err" >&2; exit 1
fi
printf 'my own notes\n' > "$scratch/good/notes.txt"
# The kill hook lives in the tests' own copy of the tool, xen-swiftgen-faults (Tests/FaultInjection), built beside it.
faults=$(dirname "$binary")/xen-swiftgen-faults
kill_hook=false
[ -x "$faults" ] && (XEN_SWIFTGEN_KILL_AT=started "$faults" generate --xen-headers "$scratch/tree" --output "$scratch/probe" >/dev/null; echo $? >"$scratch/probe.status") 2>/dev/null
[ "$(cat "$scratch/probe.status" 2>/dev/null)" = 137 ] && kill_hook=true

# Names, types, link targets, sizes, modification times and contents of everything under $1.
snapshot() {
    (cd "$1" && find . -mindepth 1 -printf '%y %p -> %l %s %T@\n' | LC_ALL=C sort \
        && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
}

passed=0 failed=0 skipped=0
run_case() {
    local name=$1
    # the case's keys are in the global associative array spec
    if [ ${#patterns[@]} -gt 0 ]; then
        local match=false pattern
        for pattern in "${patterns[@]}"; do [[ $name == $pattern ]] && match=true; done
        $match || return 0
    fi
    if $list; then echo "$name"; return 0; fi
    if [ -n "${spec[skip]:-}" ]; then echo "skip $name: ${spec[skip]}"; skipped=$((skipped + 1)); return 0; fi
    if [ "${spec[needs]:-}" = kill-hook ] && ! $kill_hook; then echo "skip $name: needs xen-swiftgen-faults beside the binary (XEN_SWIFTGEN_KILL_AT)"; skipped=$((skipped + 1)); return 0; fi
    local work="$scratch/cases/$name" result="$scratch/results/$name"
    mkdir -p "$work/tmp" "$work/home" "$work/cwd"
    cp -r "$scratch/tree" "$work/tree"
    cp -a "$scratch/good" "$work/out"
    export WORK=$work TREE=$work/tree OUT=$work/out XSG=$binary XSG_FAULTS=$faults
    local problems=()
    if ! (cd "$work/cwd" && eval "${spec[setup]:-true}") >"$result.setup" 2>&1; then
        problems+=("setup failed: $(head -c 300 "$result.setup")")
    fi
    snapshot "$OUT" >"$result.before"
    find "$work" -path "$OUT" -prune -o -path "$work/tmp" -prune -o -print | LC_ALL=C sort >"$result.tree-before"
    ls -A / >"$result.root-before"
    touch "$result.marker"
    # In a command substitution, so that the shell's "Killed" report of a timed-out run goes nowhere.
    local status
    status=$( (cd "$work/cwd" && export TMPDIR=$work/tmp HOME=$work/home && ulimit -v 8000000 \
        && exec timeout -s KILL "${spec[timeout]:-60}" bash -c "${spec[run]}") >"$result.stdout" 2>"$result.stderr"; echo $?) 2>/dev/null
    local expected_status=${spec[exit]:-1}
    [ "$status" = "$expected_status" ] || problems+=("exit status $status, expected $expected_status")
    local first expected
    first=$(head -n 1 "$result.stderr")
    expected=${spec[first]:-}
    expected=${expected//@WORK@/$work}; expected=${expected//@TREE@/$TREE}; expected=${expected//@OUT@/$OUT}
    if [ -n "${spec[match]:-}" ]; then
        local pattern=${spec[match]}
        pattern=${pattern//@WORK@/$work}; pattern=${pattern//@TREE@/$TREE}; pattern=${pattern//@OUT@/$OUT}
        [[ $first == $pattern ]] || problems+=("first line: $first | expected to match: $pattern")
    elif [ "${spec[first]+set}" = set ]; then
        [ "$first" = "$expected" ] || problems+=("first line: $first | expected: $expected")
    fi
    if [ -n "${spec[lines]:-}" ]; then
        local count; count=$(wc -l <"$result.stderr")
        [ "$count" = "${spec[lines]}" ] || problems+=("standard error has $count lines, expected ${spec[lines]}")
    fi
    if [ "${spec[output]:-same}" = same ]; then
        snapshot "$OUT" >"$result.after"
        cmp -s "$result.before" "$result.after" || problems+=("the output folder changed: $(diff "$result.before" "$result.after" | grep '^[<>]' | head -3 | tr '\n' ' ')")
    fi
    # Nothing outside OUT and TMPDIR: no new entry in WORK, no entry newer than the run's start, nothing new in /.
    local created changed
    created=$(find "$work" -path "$OUT" -prune -o -path "$work/tmp" -prune -o -print | LC_ALL=C sort | comm -13 "$result.tree-before" - | head -3 | tr '\n' ' ')
    changed=$(find "$work" -path "$OUT" -prune -o -path "$work/tmp" -prune -o ! -type d -newer "$result.marker" -print | head -3 | tr '\n' ' ')
    [ -z "$created" ] || problems+=("created outside the output folder: $created")
    [ -z "$changed" ] || problems+=("changed outside the output folder: $changed")
    ls -A / | cmp -s "$result.root-before" - || problems+=("changed /: $(ls -A / | comm -13 "$result.root-before" - | tr '\n' ' ')")
    if [ -n "${spec[after]:-}" ] && ! (cd "$work" && eval "${spec[after]}") >"$result.after-check" 2>&1; then
        problems+=("after-check failed: ${spec[after]}")
    fi
    chattr -R -i "$work" 2>/dev/null
    if [ ${#problems[@]} = 0 ]; then
        echo "ok   $name"
        passed=$((passed + 1))
        rm -rf "$work"
    else
        echo "FAIL $name"
        local problem; for problem in "${problems[@]}"; do echo "     $problem"; done
        [ -s "$result.stderr" ] && echo "     stderr: $(head -c 400 "$result.stderr" | head -n 3 | tr '\n' '|')"
        failed=$((failed + 1))
    fi
}

# Reads the case file: a block per case, 'case NAME' then 'key: value' lines; setup and after may repeat.
declare -A spec=()
name=
while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
        '#'*) continue ;;
        'case '*)
            [ -n "$name" ] && run_case "$name"
            name=${line#case }; spec=() ;;
        '') [ -n "$name" ] && run_case "$name"; name=; spec=() ;;
        *:*)
            key=${line%%:*}; value=${line#*:}; value=${value# }
            if [ -n "${spec[$key]:-}" ] && { [ "$key" = setup ] || [ "$key" = after ]; }; then
                spec[$key]+=$'\n'"$value"
            else
                spec[$key]=$value
            fi ;;
        *) echo "adversarial: cannot read line of $cases: $line" >&2; exit 1 ;;
    esac
done <"$cases"
[ -n "$name" ] && run_case "$name"
$list && exit 0
[ "$skipped" = 0 ] || echo "adversarial: $skipped cases skipped"
echo "adversarial: $passed passed, $failed failed"
[ "$failed" = 0 ]
