#!/usr/bin/env bash
# The whole test suite, from a fresh machine: install what is missing, build, check that the
# vendored Generated/ folder is current, and run every test. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
# python3 runs Scripts/doc-examples.py (called by Scripts/docs.sh).
Scripts/setup.sh locales python3
# DeterminismTests run the generator under these locales; Debian images ship only C and POSIX.
for spec in tr_TR:UTF-8 de_DE:ISO-8859-1; do
    name="${spec%%:*}.${spec#*:}"
    normal=$(echo "$name" | tr 'A-Z' 'a-z' | tr -d '-')
    locale -a | tr 'A-Z' 'a-z' | grep -qx "$normal" || localedef -i "${spec%%:*}" -f "${spec#*:}" "$name"
done
# Every hand-written Swift file is as swift format writes it (.swift-format; Scripts/format.sh formats them).
Scripts/format.sh --check
swift build --build-tests
# Generated/ is the release set of ./xen-swiftgen-config.json (Xen 4.16 … 4.22), read from the history bundle
# (../shared/xen-history/xen-public.bundle or $XEN_HISTORY_BUNDLE; missing, this fails).
.build/debug/xen-swiftgen generate --check
# The device ABI (xen/sys/*.h, io/xs_wire.h) that XenDevices uses, vendored from its own config.
.build/debug/xen-swiftgen generate --config Sources/XenDeviceABI/xen-swiftgen-config.json --check
# Every Xen release generates: the latest patch of each RELEASE-4.* series and master, from the history
# bundle (../shared/xen-history/xen-public.bundle or $XEN_HISTORY_BUNDLE; missing, this fails).
Scripts/corpus.sh --releases --tool .build/debug/xen-swiftgen
swift test --skip-build
# Hostile and careless inputs against the built CLI: each case's exit status, first error line, an
# untouched output folder and nothing written outside it (Tests/Adversarial/cases.txt).
Scripts/adversarial.sh --binary .build/debug/xen-swiftgen
# The live suite: a real Xen 4.17 under QEMU, booted by the project's own script (see Sources/XenHypercall/XenHypercall.docc/TalkingToXen.md).
Scripts/live-xen.sh
# One program built once, on every release of the config's set (xen-swiftgen-config.json): the shared 4.16-4.22
# images and Debian's 4.17 under QEMU, each answer compared with a C program built with that release's headers.
Scripts/live-releases.sh
# Every example in the README and the articles compiles (transcripts marked for it are run and compared),
# and the DocC catalogs build without a warning. Last: the documentation build recompiles the targets
# with its own flags.
Scripts/docs.sh
