#!/usr/bin/env bash
# Builds a Swift program as a static Linux executable with Embedded Swift, against the runtime
# (Sources/XenHypercall) and the vendored bindings (Generated/, XenPublic): the route to a dom0 whose
# architecture has no Swift SDK here (arm64). The toolchain carries Embedded Swift's standard library for
# bare-metal targets; the program is compiled for that target with the target Linux's C headers, imports
# the C library through Scripts/Embedded (Embedded Swift has no Glibc module), and is linked statically by
# the target's gcc with the toolchain's lld.
#
# Usage: Scripts/build-embedded.sh [--arch aarch64|x86_64] OUTPUT MAIN.swift [MORE.swift ...]
# Installs the cross C toolchain it needs (Scripts/setup.sh). Objects go to .build-embedded/<arch>.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "build-embedded: $*" >&2; exit 1; }

arch=aarch64
if [ "${1:-}" = "--arch" ]; then arch=${2:-}; shift 2; fi
[ $# -ge 2 ] || fail "usage: Scripts/build-embedded.sh [--arch aarch64|x86_64] OUTPUT MAIN.swift [MORE.swift ...]"
output=$1; shift
for source in "$@"; do [ -f "$source" ] || fail "no such program source: $source"; done

case "$arch" in
aarch64)
    swift_target=aarch64-none-none-elf; cc=aarch64-linux-gnu-gcc; c_include=/usr/aarch64-linux-gnu/include
    Scripts/setup.sh gcc-aarch64-linux-gnu libc6-dev-arm64-cross >&2 || fail "cannot install the aarch64 C toolchain"
    ;;
x86_64)
    swift_target=x86_64-unknown-linux-gnu; cc=gcc; c_include=/usr/include
    ;;
*) fail "unknown --arch $arch (aarch64 or x86_64)" ;;
esac
command -v swiftc >/dev/null || fail "swiftc is not on PATH"
command -v "$cc" >/dev/null || fail "$cc is missing"
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")
embedded="$toolchain/lib/swift/embedded"
[ -d "$embedded/Swift.swiftmodule" ] || fail "this toolchain has no Embedded Swift standard library ($embedded)"
ls "$embedded/Swift.swiftmodule/$swift_target".swiftmodule >/dev/null 2>&1 \
    || fail "this toolchain's Embedded Swift has no standard library for $swift_target"
lld="$toolchain/bin/ld.lld"
[ -x "$lld" ] || fail "the toolchain's linker $lld is missing"

work=".build-embedded/$arch"
mkdir -p "$work"
common=(-target "$swift_target" -enable-experimental-feature Embedded -wmo -Osize
    -Xcc "--target=${cc%-gcc}" -Xcc -isystem -Xcc "$c_include" -I Scripts/Embedded/CGlibc -I "$work")
[ "$arch" = x86_64 ] && common=(-target "$swift_target" -enable-experimental-feature Embedded -wmo -Osize
    -I Scripts/Embedded/CGlibc -I "$work")

# module NAME SOURCES...: one module, rebuilt only when a source is newer than its object.
module() {
    local name=$1; shift
    if [ -f "$work/$name.o" ] && [ -z "$(find "$@" Scripts/Embedded -newer "$work/$name.o" 2>/dev/null | head -1)" ]; then
        return 0
    fi
    echo "build-embedded: compiling $name for $arch" >&2
    swiftc "${common[@]}" -parse-as-library -module-name "$name" -emit-module -emit-module-path "$work/$name.swiftmodule" \
        "${extra[@]}" -c "$@" -o "$work/$name.o" || fail "$name does not build with Embedded Swift"
}
extra=(); module Glibc Scripts/Embedded/Glibc.swift
extra=(); module XenHypercall Sources/XenHypercall/*.swift
# The layout self-check reads field offsets through key paths, which Embedded Swift lacks; the vendored
# library leaves it out the same way (XEN_SWIFTGEN_LAYOUT_OPT_IN).
extra=(-D XEN_SWIFTGEN_LAYOUT_OPT_IN); module XenPublic Generated/*.swift

echo "build-embedded: compiling $* for $arch" >&2
swiftc "${common[@]}" -module-name Main -c "$@" -o "$work/main.o" || fail "$* does not build with Embedded Swift"
"$cc" -static -fuse-ld=lld -B "$toolchain/bin" -o "$output" "$work/main.o" "$work/XenPublic.o" "$work/XenHypercall.o" \
    "$work/Glibc.o" "$embedded/$swift_target/libswiftUnicodeDataTables.a" || fail "cannot link $output"
echo "build-embedded: $output ($arch, static, $(stat -c %s "$output") bytes)" >&2
