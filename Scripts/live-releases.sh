#!/usr/bin/env bash
# The multi-release live suite: one static Swift program, built ONCE against XenPublic (the bindings for
# every release of the default set), runs unchanged on the hypervisor of every release of that set under
# QEMU (TCG), beside a static C program built with that release's own public headers (from the history
# bundle). Each answer is compared with C's; an op the release lacks must give the typed error before
# anything is sent. Prints one "live-xen <release>: N passed, N failed" line per release; then the same on
# arm64 for every release of the set that has an arm64 hypervisor ("live-xen <release> arm64: ..."), with
# the Swift program built once more, for arm64, with Embedded Swift (Scripts/build-embedded.sh).
#
# The releases are the config's (LIVE_RELEASES_CONFIG, default xen-swiftgen-config.json, key "releases");
# the hypervisors come from ../shared/xen-hypervisors (XEN_HYPERVISORS: xen-<version>-amd64.gz and
# xen-<version>-arm64.gz) and, for Debian's own series, from Debian's packages (xen-hypervisor-<series>-amd64
# and -arm64). A missing image, bundle, package or tool is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
label=live-releases
source Scripts/live-common.sh

config="${LIVE_RELEASES_CONFIG:-xen-swiftgen-config.json}"
images="${XEN_HYPERVISORS:-../shared/xen-hypervisors}"
bundle="${XEN_HISTORY_BUNDLE:-../shared/xen-history/xen-public.bundle}"
[ -f "$config" ] || fail "$config is missing: it names the release set"
releases=$(jq -r '.releases[]?' "$config") || fail "$config is not JSON"
[ -n "$releases" ] || fail "$config names no releases (key \"releases\")"
[ -f "$bundle" ] || fail "the history bundle is missing at $bundle (set XEN_HISTORY_BUNDLE): each release's C program needs its headers"
[ -d "$images" ] || fail "the hypervisor images are missing at $images (set XEN_HYPERVISORS)"
debian_series=$(ls "$work"/debs/xen-hypervisor-*-amd64_*.deb | sed -E 's/.*xen-hypervisor-([0-9]+\.[0-9]+)-amd64_.*/\1/' | head -1)

# 1. Each release's headers, from the bundle (cloned once), and its C program built with them.
history="$work/xen-public"
if [ ! -d "$history/.git" ] || [ "$bundle" -nt "$history/.git/FETCH_HEAD" ]; then
    rm -rf "$history" && git clone -q "$bundle" "$history" || fail "cannot clone $bundle"
    touch "$history/.git/FETCH_HEAD"
fi
root="$work/releases-initramfs"
initramfs_root "$root"
for tag in $releases; do
    version=${tag#RELEASE-}; series=${version%.*}
    headers="$work/releases/$version/include"
    if [ ! -e "$headers/.done" ]; then
        rm -rf "$headers" && mkdir -p "$headers/xen"
        git -C "$history" archive "$tag" | tar -x -C "$headers/xen" || fail "the bundle has no $tag"
        touch "$headers/.done"
    fi
    # -I puts the release's xen/*.h first; xen/sys/privcmd.h (Linux's, not Xen's) comes from /usr/include.
    cc -static -std=gnu11 -D__XEN_TOOLS__ -include stdint.h -I "$headers" -o "$root/bin/releases-c-$series" \
        Tests/Live/Releases/releases-c.c || fail "cannot build releases-c with the headers of $tag"
done

# 2. The Swift program, once, against XenPublic. Every boot runs the same /init: the C program of the release
# the hypervisor says it is, then the Swift program, then the comparison, key by key.
program live-releases Tests/Live/Releases/main.swift
cp "$work/swift/live-releases" "$root/bin/"
write_init() { # folder
    cat > "$1/init" <<'INIT'
#!/bin/sh
export PATH=/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
insmod /lib/xen-privcmd.ko || echo "LIVE FAIL insmod xen-privcmd"
echo "LIVE BEGIN"
series="$(cat /sys/hypervisor/version/major).$(cat /sys/hypervisor/version/minor)"
echo "LIVE RECORD the hypervisor says it is Xen $series"
if [ -x /bin/releases-c-$series ]; then
    /bin/releases-c-$series /out/c.txt || echo "LIVE FAIL releases-c ran"
else
    echo "LIVE FAIL no C program for Xen $series"
fi
# The Swift program writes its key lines to stdout (it keeps to what Embedded Swift has: no CommandLine),
# and what else it says to stderr, which is recorded.
/bin/live-releases > /out/swift.txt 2> /out/swift-notes.txt || echo "LIVE RECORD live-releases exited with $?"
sed 's/^/LIVE RECORD /' /out/swift-notes.txt
for key in release getdomaininfo physinfo arch_capabilities getdomaininfolist vcpu pausedomain0 get_domain_state; do
    grep "^$key[.=]" /out/c.txt > /out/c-$key.txt; grep "^$key[.=]" /out/swift.txt > /out/swift-$key.txt
    if [ -s /out/c-$key.txt ] && diff /out/c-$key.txt /out/swift-$key.txt > /out/diff.txt; then
        echo "LIVE PASS $key: Swift equals C ($(sed -n 1p /out/c-$key.txt)$( [ $(wc -l < /out/c-$key.txt) -gt 1 ] && echo ", $(wc -l < /out/c-$key.txt) lines"))"
    else
        echo "LIVE FAIL $key: Swift differs from C"; sed 's/^/LIVE RECORD diff /' /out/diff.txt
    fi
done
echo "LIVE DONE"
poweroff -f
INIT
    chmod +x "$1/init"
}
write_init "$root"
initramfs_pack "$root" "$work/releases-initrd.gz"

# Prints a boot's records and its "live-xen" line: its LIVE PASS and LIVE FAIL lines, and one failure more if
# the boot did not reach LIVE DONE or passed nothing.
total_failed=0
report_boot() { # name console-log
    local passed failed
    grep -E '^LIVE (RECORD|PASS|FAIL)' "$2" | sed "s/^LIVE /  $1: /" >&2 || true
    count_boot "$2"
    echo "live-xen $1: $passed passed, $failed failed"
    total_failed=$((total_failed + failed))
}

# 3. Boot every release, one after the other, and report each.
for tag in $releases; do
    version=${tag#RELEASE-}; series=${version%.*}
    image="$images/xen-$version-amd64.gz"
    console="$work/releases/$version/console.log"
    if [ -f "$image" ]; then
        gunzip -c "$image" > "$work/releases/$version/xen"
    elif [ "$series" = "$debian_series" ]; then
        cp "$work/xen" "$work/releases/$version/xen"   # Debian's own package of this series
    else
        echo "live-xen $version: 0 passed, 1 failed (no hypervisor image $image)"; total_failed=$((total_failed + 1)); continue
    fi
    start=$(date +%s)
    boot_x86 "$work/releases/$version/xen" "$work/releases-initrd.gz" "$console"
    echo "$label: Xen $version ran $(( $(date +%s) - start )) s; console in $console" >&2
    report_boot "$version" "$console"
done

# 4. arm64: every release of the set that has an arm64 hypervisor, the shared image or Debian's package for
# its series, booted the same way with Debian's arm64 dom0 (arm64_dom0 in live-common.sh).
arm64_releases=""
debian_arm64=()
for tag in $releases; do
    version=${tag#RELEASE-}; series=${version%.*}
    if [ -f "$images/xen-$version-arm64.gz" ]; then
        arm64_releases="$arm64_releases $tag"
    elif [ "$series" = "$debian_series" ]; then
        arm64_releases="$arm64_releases $tag"; debian_arm64=("xen-hypervisor-$series-arm64")
    else
        echo "$label: no arm64 hypervisor for $version (neither $images/xen-$version-arm64.gz nor Debian's series): x86_64 only" >&2
    fi
done
[ -n "$arm64_releases" ] || fail "no release of $config has an arm64 hypervisor"
# From here on, a failure before the boots fails every arm64 release, each with its line.
fail() {
    echo "$label: FAIL: $*" >&2
    for tag in $arm64_releases; do echo "live-xen ${tag#RELEASE-} arm64: 0 passed, 1 failed ($*)"; done
    exit 1
}
arm64_dom0 "${debian_arm64[@]}"
root_arm64="$work/releases-initramfs-arm64"
initramfs_root "$root_arm64" "$unpacked_arm64" "$busybox_arm64"

# The C program of each arm64 release, cross-compiled with that release's headers and nothing of the host's:
# -nostdinc leaves out /usr/include (which the cross compiler would search last), so the include path is the
# release's xen/*.h, Linux's xen/sys/privcmd.h (the one file libxen-dev installs, copied; it is the same on
# every architecture), the compiler's own headers and the arm64 C library's.
cross_include="$work/arm64-include"
mkdir -p "$cross_include/xen/sys" && cp /usr/include/xen/sys/privcmd.h "$cross_include/xen/sys/" \
    || fail "/usr/include/xen/sys/privcmd.h (libxen-dev) is missing"
compiler_include=$(aarch64-linux-gnu-gcc -print-file-name=include)
libc_include=$(cd "$(dirname "$(aarch64-linux-gnu-gcc -print-file-name=libc.a)")/../include" && pwd) \
    || fail "aarch64-linux-gnu-gcc has no C library (libc6-dev-arm64-cross)"
for tag in $arm64_releases; do
    version=${tag#RELEASE-}; series=${version%.*}
    aarch64-linux-gnu-gcc -static -std=gnu11 -nostdinc -isystem "$compiler_include" -isystem "$libc_include" \
        -D__XEN_TOOLS__ -include stdint.h -I "$work/releases/$version/include" -I "$cross_include" \
        -o "$root_arm64/bin/releases-c-$series" Tests/Live/Releases/releases-c.c \
        || fail "cannot build releases-c for arm64 with the headers of $tag"
done

# The Swift program, once, for arm64: Embedded Swift, the runtime and XenPublic, linked statically.
[ -x Scripts/build-embedded.sh ] || fail "Scripts/build-embedded.sh is missing: it builds the arm64 Swift program"
echo "$label: building live-releases for arm64" >&2
Scripts/build-embedded.sh "$root_arm64/bin/live-releases" Tests/Live/Releases/main.swift \
    || fail "Scripts/build-embedded.sh cannot build Tests/Live/Releases/main.swift for arm64"
write_init "$root_arm64"
initramfs_pack "$root_arm64" "$work/releases-initrd-arm64.gz"

for tag in $arm64_releases; do
    version=${tag#RELEASE-}; series=${version%.*}
    mkdir -p "$work/releases/$version/arm64"
    xen="$work/releases/$version/arm64/xen"
    console="$work/releases/$version/arm64/console.log"
    image="$images/xen-$version-arm64.gz"
    if [ -f "$image" ]; then
        gunzip -c "$image" > "$xen"
    else
        cp "$unpacked_arm64/boot/xen-$series-arm64" "$xen" \
            || { echo "live-xen $version arm64: 0 passed, 1 failed (Debian's xen-hypervisor-$series-arm64 lacks boot/xen-$series-arm64)"; total_failed=$((total_failed + 1)); continue; }
    fi
    start=$(date +%s)
    boot_arm64 "$xen" "$work/releases-initrd-arm64.gz" "$console"
    echo "$label: Xen $version arm64 ran $(( $(date +%s) - start )) s; console in $console" >&2
    report_boot "$version arm64" "$console"
done
[ "$total_failed" -eq 0 ]
