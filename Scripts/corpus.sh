#!/usr/bin/env bash
# Robustness corpus: runs `xen-swiftgen generate` on the header tree of commits of the Xen history
# bundle (xen.git's public headers, ../shared/xen-history/xen-public.bundle) and classifies every run:
#   ok       exit 0
#   located  exit 1 with an error naming file:line (a header the tool rightly refuses)
#   other    exit 1 without a located error (a bug: every error must be located)
#   crash    killed by a signal
#   hang     still running after TIMEOUT seconds
# Prints the counts, the slowest commit, and writes every non-ok run to $OUT/failures.log.
# Exits 1 when any run is "other", "crash" or "hang", and with --releases also when one is "located".
#
# Usage: Scripts/corpus.sh [--all | --releases | --tags GLOB] [--typecheck] [--tool PATH] [-- generate options]
#   --all        every commit of master (about 2,225)
#   --releases   the latest patch release of each RELEASE-4.* series and master (the default)
#   --tags GLOB  every tag matching GLOB (such as 'RELEASE-4.*')
#   --typecheck  also typecheck each ok output with swiftc and run its generated layout check
#                (XenRecordLayout.mismatches(): Swift's MemoryLayout against clang's numbers)
# Env: XEN_HISTORY_BUNDLE (default ../shared/xen-history/xen-public.bundle beside the repository),
#      TIMEOUT (default 120 s), OUT (default a temporary folder), JOBS (parallel runs, default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

MODE=releases
GLOB=""
TYPECHECK=0
TOOL=""
while [ $# -gt 0 ]; do
    case "$1" in
        --all) MODE=all ;;
        --releases) MODE=releases ;;
        --tags) MODE=tags; GLOB=$2; shift ;;
        --typecheck) TYPECHECK=1 ;;
        --tool) TOOL=$2; shift ;;
        --) shift; break ;;
        *) echo "corpus: unknown argument '$1'" >&2; exit 2 ;;
    esac
    shift
done
EXTRA=("$@")

BUNDLE=${XEN_HISTORY_BUNDLE:-$REPO/../shared/xen-history/xen-public.bundle}
if [ ! -f "$BUNDLE" ]; then
    echo "corpus: error: Xen history bundle not found at $BUNDLE (set XEN_HISTORY_BUNDLE)" >&2
    exit 1
fi
TIMEOUT=${TIMEOUT:-120}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/xen-swiftgen-corpus.XXXXXX")}
mkdir -p "$OUT"

if [ -z "$TOOL" ]; then
    swift build -c release --product xen-swiftgen >&2
    TOOL=$REPO/.build/release/xen-swiftgen
fi

GIT=$OUT/xen-public
[ -d "$GIT" ] || git clone -q --no-checkout "$BUNDLE" "$GIT"

case "$MODE" in
    all) git -C "$GIT" rev-list --reverse master | awk '{print $1, $1}' >"$OUT/revisions" ;;
    tags) git -C "$GIT" tag -l "$GLOB" | sort -V | awk '{print $1, $1}' >"$OUT/revisions" ;;
    releases)
        { git -C "$GIT" tag -l 'RELEASE-4.*' | sort -V \
            | awk -F. '{ series = $1 "." $2; if (!(series in last)) order[n++] = series; last[series] = $0 }
                       END { for (i = 0; i < n; i++) print last[order[i]] }'
          echo master; } | awk '{print $1, $1}' >"$OUT/revisions" ;;
esac
TOTAL=$(wc -l <"$OUT/revisions")
echo "corpus: $TOTAL revisions of $BUNDLE with $TOOL ${EXTRA[*]:-}" >&2

# One run: tree, generate (timed), classify; optionally typecheck. Prints "status seconds rev label".
run_one() {
    local rev=$1 label=$2 dir
    dir=$(mktemp -d "$OUT/run.XXXXXX")
    git -C "$GIT" archive "$rev" | tar -x -C "$dir" --one-top-level=tree 2>/dev/null || mkdir -p "$dir/tree"
    local start end rc=0
    start=$(date +%s.%N)
    timeout --kill-after=5 "$TIMEOUT" "$TOOL" generate --xen-headers "$dir/tree" --output "$dir/out" "${EXTRA[@]}" \
        >"$dir/stdout" 2>"$dir/stderr" || rc=$?
    end=$(date +%s.%N)
    local seconds status
    seconds=$(echo "$end - $start" | bc)
    if [ $rc -eq 0 ]; then status=ok
    elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then status=hang
    elif [ $rc -gt 128 ]; then status=crash
    elif grep -Eq '^[^ ]+:[0-9]+:[0-9]+: error: ' "$dir/stderr"; then status=located
    else status=other
    fi
    if [ $status = ok ] && [ $TYPECHECK = 1 ]; then
        printf 'for mismatch in XenRecordLayout.mismatches() { print(mismatch) }\n' >"$dir/out/main.swift"
        if ! (cd "$dir/out" && swiftc -swift-version 6 -Onone -o probe ./*.swift >"$dir/typecheck" 2>&1); then
            status=typecheck
        elif [ -n "$(cd "$dir/out" && ./probe)" ]; then
            status=layout
            (cd "$dir/out" && ./probe) >"$dir/typecheck"
        fi
    fi
    if [ $status != ok ]; then
        { echo "== $label ($rev): $status, exit $rc, ${seconds}s"; head -n 5 "$dir/stderr"; [ -f "$dir/typecheck" ] && head -n 5 "$dir/typecheck"; } \
            >>"$OUT/failures.log"
    fi
    echo "$status $seconds $rev $label" >>"$OUT/results"
    rm -rf "$dir"
}

: >"$OUT/results"
: >"$OUT/failures.log"
START=$(date +%s)
done_count=0
while read -r rev label; do
    run_one "$rev" "$label"
    done_count=$((done_count + 1))
    if [ $((done_count % 100)) -eq 0 ]; then echo "corpus: $done_count/$TOTAL" >&2; fi
done <"$OUT/revisions"
ELAPSED=$(( $(date +%s) - START ))

echo "corpus: $TOTAL revisions in ${ELAPSED}s"
awk '{count[$1]++} END {for (s in count) printf "  %-9s %d\n", s, count[s]}' "$OUT/results" | sort
# One pass, no `sort | head`: under pipefail, head closing the pipe on a long list killed the script
# here (SIGPIPE), before the mean and the exit checks below.
awk 'NR == 1 || $2 > max { max = $2; rev = $3; label = $4 } END { if (NR) printf "  slowest:  %s (%s) %.2fs\n", label, rev, max }' "$OUT/results"
awk '{sum += $2} END {if (NR) printf "  mean:     %.2fs per revision\n", sum / NR}' "$OUT/results"
if [ -s "$OUT/failures.log" ]; then echo "  details:  $OUT/failures.log"; fi
if grep -Eq '^(other|crash|hang|typecheck|layout) ' "$OUT/results"; then exit 1; fi
# Every release must generate: for the release tags even a located error fails the run.
if [ "$MODE" = releases ] && grep -Eq '^located ' "$OUT/results"; then
    echo "corpus: a release tag did not generate (see $OUT/failures.log)" >&2
    exit 1
fi
