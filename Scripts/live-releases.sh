#!/usr/bin/env bash
# The multi-release live suite: one static Swift program, built ONCE against XenPublic (the bindings for
# every release of the default set), runs unchanged on the hypervisor of every release of that set under
# QEMU (TCG), beside a static C program built with that release's own public headers (from the history
# bundle). Each answer is compared with C's; an op the release lacks must give the typed error before
# anything is sent. Prints one "live-xen <release>: N passed, N failed" line per release.
#
# The releases are the config's (LIVE_RELEASES_CONFIG, default xen-swiftgen-config.json, key "releases");
# the hypervisors come from ../shared/xen-hypervisors (XEN_HYPERVISORS) and, for Debian's own series, from
# Debian's package. A missing image, bundle or package is a failure, never a skip.
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

# 2. The Swift program, once, against XenPublic.
program live-releases Tests/Live/Releases/main.swift
cp "$work/swift/live-releases" "$root/bin/"
cat > "$root/init" <<'INIT'
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
/bin/live-releases > /out/swift.txt 2> /out/swift-notes.txt; sed 's/^/LIVE RECORD /' /out/swift-notes.txt
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
chmod +x "$root/init"
initramfs_pack "$root" "$work/releases-initrd.gz"

# 3. Boot every release, one after the other, and report each.
total_failed=0
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
    grep -E '^LIVE (RECORD|PASS|FAIL)' "$console" | sed "s/^LIVE /  $version: /" >&2 || true
    passed=$(grep -c '^LIVE PASS' "$console" || true)
    failed=$(grep -c '^LIVE FAIL' "$console" || true)
    if ! grep -q '^LIVE DONE' "$console"; then
        tail -20 "$console" >&2
        failed=$((failed + 1))
    fi
    [ "$passed" -gt 0 ] || failed=$((failed + 1))
    echo "live-xen $version: $passed passed, $failed failed"
    total_failed=$((total_failed + failed))
done
[ "$total_failed" -eq 0 ]
