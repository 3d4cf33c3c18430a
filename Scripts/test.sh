#!/usr/bin/env bash
# The whole test suite, from a fresh machine: install what is missing, build, check that the
# vendored Generated/ folder is current, and run every test. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step says how long it took (CI's budget is 20 minutes; the slow steps are the ones to look at).
step() { local start=$SECONDS; "$@"; echo "test.sh: $((SECONDS - start)) s: $*" >&2; }
# python3 runs Scripts/doc-examples.py (called by Scripts/docs.sh).
Scripts/setup.sh locales python3
# DeterminismTests run the generator under these locales; Debian images ship only C and POSIX.
for spec in tr_TR:UTF-8 de_DE:ISO-8859-1; do
    name="${spec%%:*}.${spec#*:}"
    normal=$(echo "$name" | tr 'A-Z' 'a-z' | tr -d '-')
    locale -a | tr 'A-Z' 'a-z' | grep -qx "$normal" || localedef -i "${spec%%:*}" -f "${spec#*:}" "$name"
done
# Every hand-written Swift file is as swift format writes it (.swift-format; Scripts/format.sh formats them).
step Scripts/format.sh --check
step swift build --build-tests
# The tool the checks, the scripts and the tests run (XEN_SWIFTGEN_CLI, read by the tests' Paths.cli): the
# release build, as users install it. The suite runs it about 500 times, 3 times faster than the debug build
# (measured: generate of /usr/include/xen 0.95 s against 3.0 s), which repays its 2-minute build.
step swift build -c release --product xen-swiftgen
tool=.build/release/xen-swiftgen
export XEN_SWIFTGEN_CLI="$PWD/$tool"
# Generated/ is the release set of ./xen-swiftgen-config.json (Xen 4.16 … 4.22), read from the history bundle
# (../shared/xen-history/xen-public.bundle or $XEN_HISTORY_BUNDLE; missing, this fails).
step "$tool" generate --check
# The device ABI (xen/sys/*.h, io/xs_wire.h) that XenDevices uses, vendored from its own config.
step "$tool" generate --config Sources/XenDeviceABI/xen-swiftgen-config.json --check
# Every Xen release generates: the latest patch of each RELEASE-4.* series and master, from the history
# bundle (../shared/xen-history/xen-public.bundle or $XEN_HISTORY_BUNDLE; missing, this fails).
step Scripts/corpus.sh --releases --tool "$tool"
step swift test --skip-build
# Hostile and careless inputs against the built CLI: each case's exit status, first error line, an
# untouched output folder and nothing written outside it (Tests/Adversarial/cases.txt). The debug build, whose
# folder holds the xen-swiftgen-faults its kill cases need.
step Scripts/adversarial.sh --binary .build/debug/xen-swiftgen
# The live suite: a real Xen 4.17 under QEMU, booted by the project's own script (see Sources/XenHypercall/XenHypercall.docc/TalkingToXen.md).
step Scripts/live-xen.sh
# One program built once, on every release of the config's set (xen-swiftgen-config.json): the shared 4.16-4.22
# images and Debian's 4.17 under QEMU, each answer compared with a C program built with that release's headers.
step Scripts/live-releases.sh
# Every example in the README and the articles compiles (transcripts marked for it are run and compared),
# and the DocC catalogs build without a warning. Last: the documentation build recompiles the targets
# with its own flags.
step Scripts/docs.sh
