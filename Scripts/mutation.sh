#!/usr/bin/env bash
# Mutation check: applies deliberate faults to the generator one at a time, rebuilds, runs the tests
# that guard the faulted code, and shows that they fail. Every file is restored afterwards, also on
# Ctrl-C or an error. Slow (one incremental build per fault, about 2-4 minutes each on 2 cores), so
# it is not part of Scripts/test.sh or CI; run it after changing the tests.
#
#   Scripts/mutation.sh            # all faults
#   Scripts/mutation.sh 2 4        # only faults 2 and 4
#   MUTATION_WRAP=buildlock Scripts/mutation.sh   # each build and test run under the machine's build lock
#
# MUTATION_WRAP (a command, may be empty) is put before every build and test command, so on a shared
# machine the lock is held for one build or one test run, not for the whole script.
# Exit status 0 when every fault was caught (its tests failed), 1 otherwise.
set -uo pipefail
wrap=(${MUTATION_WRAP:-})
cd "$(dirname "$0")/.."

# name | file | perl substitution (must change the file, and hold no '|') | test filter (regex for swift test --filter)
faults=(
  "reuse check ignores retired numbers|Sources/XenChecks/NumberClaims.swift|s/for tombstone in headers where tombstone\.kind == \.retired/for tombstone in headers where false \&\& tombstone.kind == .retired/|ReuseCheckTests|ReuseDetectionTests/everyRetiredNumberIsGuarded"
  "off-by-one in struct padding|Sources/XenEmitter/makeRecordContext.swift|s/type: \"InlineArray<\\\\\(offset - end\), UInt8>\"/type: \"InlineArray<\\\\(offset - end - 1), UInt8>\"/|ReferenceOutputTests|generatedLayoutCheck"
  "marker parser treats \"Removed\" as live|Sources/XenReader/MarkerParser.swift|s/\[\"obsolete\", \"removed\", /[\"obsolete\", /|ReaderStageTests|MarkerParserTests"
  "guard enum drops its last entry|Sources/XenEmitter/makeFamilyContext.swift|s/entries\.keys\.sorted\(\)\.compactMap/entries.keys.sorted().dropLast().compactMap/|FamilyEmissionTests"
  "ledger forgets numbers that vanished|Sources/XenChecks/FamilyLedgerUpdate.swift|s/\} else if let old, let recorded, old\.status != \.retired \{/} else if let old, let recorded, false, old.status != .retired {/|LedgerUpdateTests"
  "an acknowledgement covers any number|Sources/XenChecks/Acknowledgement.swift|s/self\.family == family && self\.number == number/self.family == family/|ReuseCheckTests"
  "writer lets '..' reach a later check|Sources/XenSwiftGen/OutputWriter.swift|s/!path\.contains\(\"\/\"\), path != \"\.\.\", /!path.contains(\"\/\"), /|writerRefusesEscapes"
  "the number guard is left to the template|Sources/XenEmitter/RenderJob.swift|s/return job\.written\.map \{/return Optional<String>.none.map {/|NumberGuardTests|FamilyEmissionTests"
  "family exclusions ignored|Sources/XenIR/FamilySpec.swift|s/guard !\(exclude \?\? \[\]\)\.contains/guard !([String]()).contains/|RealHeadersTests/families"
  "union members stored one byte off|Sources/XenHypercall/XenUnionAccess.swift|s/\\\$0\.storeBytes\(of: member, as: Member\.self\)/\\\$0.storeBytes(of: member, toByteOffset: MemoryLayout<Member>.size < MemoryLayout<Union>.size ? 1 : 0, as: Member.self)/|XenBufferTests|RequestBytesTests"
  "ledger rename allowed without acknowledgement|Sources/XenChecks/FamilyLedgerUpdate.swift|s/\} else if let acknowledgement = claims\.acknowledgement\(number: number, from: old\.name, to: op\.name\) \{/} else if let acknowledgement = acknowledgements.first ?? Optional(Acknowledgement(family: \"\", number: 0, from: \"\", to: \"\", reason: \"\")) {/|LedgerUpdateTests"
  "history guard lets any number pass|Sources/XenChecks/NumberClaims.swift|s/guard let holder = history\.last, !past/guard let holder = history.last, false, !past/|NumberClaimsTests|HistoryLedgerTests"
  "claims on a number out of order (ledger after headers)|Sources/XenChecks/NumberClaims.swift|s/case \.ledger: 1/case .ledger: 3/|NumberClaimsTests"
  "reserved numbers never reach the IR|Sources/XenChecks/OwnershipResolution.swift|s/if let numbers = reserved\[family\.name\], !numbers\.isEmpty/if let numbers = reserved[family.name], numbers.isEmpty/|NumberClaimsTests|LedgerSeriesTests"
  "layout check skips one-byte fields|Sources/XenEmitter/emitRecords.swift|s/guard !field\.isBitField, field\.size > 0 else/guard !field.isBitField, field.size > 1 else/|generatedLayoutCheck"
  "buffers mapped without MAP_LOCKED|Sources/XenHypercall/HypercallMemory.swift|s/MAP_ANONYMOUS...MAP_LOCKED, -1/MAP_ANONYMOUS, -1/|LeakTests"
  "targets share a member that differs|Sources/XenMerge/MemberFold.swift|s/fold\(lists, matching: ==, combine:/fold(lists, matching: { _, _ in true }, combine:/|MemberFoldTests|TargetMergeTests"
  "a release takes every op whatever its payload layout|Sources/XenMerge/ReleaseMerge.swift|s/RecordComparison\.isIncompatible\(change\)\s+&& !\(unions/false \&\& !(unions/|ReleaseSetTests"
  "IR decoding drops a family's reserved numbers|Sources/XenIR/ReservedNumber.swift|s/(public struct ReservedNumber: Codable, Sendable, Equatable \{)/\$1\n    enum CodingKeys: String, CodingKey { case name, number }/|IRValueTests"
  "history fold ignores acknowledgements|Sources/XenChecks/HistoryFold.swift|s/NumberClaims\(family, acknowledgements: ledger\.acknowledgements\)/NumberClaims(family, acknowledgements: [])/|HistoryFoldTests"
  "subprocess runner reports a signal as success|Sources/Subprocesses/ToolRunner.swift|s/let code = signal == 0 \? \(status >> 8\) & 0xff : 128 \+ signal/let code = signal == 0 ? (status >> 8) \& 0xff : 0/|ToolRunnerTests"
  "run checkpoints never reach the tests' hooks|Sources/XenSwiftGen/RunCheckpoints.swift|s/guard let hooks = installed\.withLock\(\{ \\\$0 \}\) else \{ return \}/guard false, let hooks = installed.withLock({ \\\$0 }) else { return }/|AtomicWriteTests/killedAtStart"
  "Mustache shows a section over an empty list|Sources/Mustache/TemplateValue.swift|s/case \.list\(let elements\): !elements\.isEmpty/case .list: true/|MustacheTests"
  "acronym list ignored in type names|Sources/XenEmitter/AcronymCasing.swift|s/if let spelling = spellings\[word\.lowercased\(\)\] \{ return spelling \}/if false, let spelling = spellings[word.lowercased()] { return spelling }/|AcronymCasingTests"
)

selected=("$@")
touched=()
restore() {
    for file in "${touched[@]}"; do git checkout --quiet -- "$file"; done
    touched=()
}
trap 'restore; exit 130' INT TERM
trap restore EXIT

if ! git diff --quiet -- Sources Templates; then
    echo "mutation: Sources/ or Templates/ has uncommitted changes; commit or stash them first (the script restores files with git checkout)" >&2
    exit 2
fi

caught=0 total=0 results=()
for index in "${!faults[@]}"; do
    number=$((index + 1))
    if [ ${#selected[@]} -gt 0 ] && [[ ! " ${selected[*]} " =~ " $number " ]]; then continue; fi
    IFS='|' read -r name file substitution filter <<< "${faults[$index]}"
    filter="${faults[$index]#*|*|*|}"
    total=$((total + 1))
    touched=("$file")
    perl -0pi -e "$substitution" "$file"
    if git diff --quiet -- "$file"; then
        echo "mutation $number ($name): the fault did not apply to $file; update the script" >&2
        results+=("$number. $name: NOT APPLIED")
        restore
        continue
    fi
    echo "mutation $number: $name ($file)"
    if ! "${wrap[@]}" swift build --build-tests > .build/mutation-build.log 2>&1; then
        # A fault the compiler rejects is caught too, but say so: it tests the compiler, not the suite.
        echo "  build failed (see .build/mutation-build.log)"
        results+=("$number. $name: caught by the compiler")
        caught=$((caught + 1))
    elif "${wrap[@]}" swift test --skip-build --filter "$filter" > .build/mutation-test.log 2>&1; then
        echo "  NOT CAUGHT: $filter passed"
        results+=("$number. $name: NOT CAUGHT by $filter")
    else
        failing=$(grep -cE "✘ Test .* recorded an issue|✘ Test .*failed" .build/mutation-test.log || true)
        echo "  caught: $filter failed ($failing failing test lines)"
        results+=("$number. $name: caught by $filter")
        caught=$((caught + 1))
    fi
    restore
done
# Leave the build matching the restored sources.
"${wrap[@]}" swift build --build-tests > .build/mutation-build.log 2>&1 || echo "mutation: rebuilding the restored sources failed" >&2
printf '%s\n' "${results[@]}"
echo "mutation: $caught of $total faults caught"
[ "$caught" -eq "$total" ]
