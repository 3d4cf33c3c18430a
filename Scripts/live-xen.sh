#!/usr/bin/env bash
# The live suite: boots Debian's Xen 4.17 hypervisor with a PV dom0 (Debian's kernel, a busybox
# initramfs) under qemu-system-x86_64 (TCG), runs static Swift programs built from the XenHypercall
# runtime and Generated/ (XenPublic), and static C programs built against the real headers, inside
# the same dom0, and reports "live-xen: N passed, N failed". Scripts/test.sh runs it.
#
# A missing package, a failed download or a VM that does not boot is a failure, never a skip.
# Downloaded packages, unpacked trees and built programs are cached under .build-live/ (gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."
work="${LIVE_XEN_DIR:-$PWD/.build-live}"
mkdir -p "$work/debs" "$work/swift/modules"

fail() { echo "live-xen: FAIL: $*" >&2; echo "live-xen: 0 passed, 1 failed" >&2; exit 1; }

Scripts/setup.sh qemu-system-x86 busybox-static xz-utils jq || fail "could not install qemu-system-x86, busybox-static, xz-utils, jq"
command -v qemu-system-x86_64 >/dev/null || fail "qemu-system-x86_64 is missing after setup"
[ -x /bin/busybox ] || fail "/bin/busybox (busybox-static) is missing after setup"

# 1. The hypervisor and the dom0 kernel, unpacked (their maintainer scripts want a boot loader).
download() { # package
    ls "$work/debs/$1"_*.deb >/dev/null 2>&1 && return 0
    (cd "$work/debs" && { apt-get download "$1" 2>/dev/null || { apt-get update -qq && apt-get download "$1"; }; }) \
        || fail "cannot download $1"
}
kernel_package=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
[ -n "$kernel_package" ] || { apt-get update -qq; kernel_package=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }'); }
[ -n "$kernel_package" ] || fail "cannot resolve linux-image-amd64 to a kernel package"
download xen-hypervisor-4.17-amd64
download "$kernel_package"
if [ ! -e "$work/unpacked/.done-$kernel_package" ]; then
    rm -rf "$work/unpacked"
    for deb in "$work/debs/xen-hypervisor-4.17-amd64"_*.deb "$work/debs/$kernel_package"_*.deb; do dpkg -x "$deb" "$work/unpacked"; done
    touch "$work/unpacked/.done-$kernel_package"
fi
xen_gz=$(ls "$work"/unpacked/boot/xen-4.17-amd64.gz 2>/dev/null | head -1)
kernel=$(ls "$work"/unpacked/boot/vmlinuz-* 2>/dev/null | head -1)
privcmd=$(find "$work/unpacked/lib/modules" -name 'xen-privcmd.ko*' | head -1)
[ -n "$xen_gz" ] && [ -n "$kernel" ] && [ -n "$privcmd" ] || fail "the packages lack xen-4.17-amd64.gz, vmlinuz or xen-privcmd.ko"
gunzip -c "$xen_gz" > "$work/xen"

# 2. Static test programs: the runtime and XenPublic as static libraries, then the executables.
swiftc_flags=(-swift-version 6 -Onone -I "$work/swift/modules")
library() { # module sources...
    local module=$1; shift
    local archive="$work/swift/lib$module.a"
    if [ -e "$archive" ] && [ -z "$(find "$@" -newer "$archive" | head -1)" ]; then return 0; fi
    echo "live-xen: building $module" >&2
    swiftc "${swiftc_flags[@]}" -parse-as-library -module-name "$module" -emit-module \
        -emit-module-path "$work/swift/modules/$module.swiftmodule" -static -emit-library -o "$archive" "$@" \
        || fail "cannot build $module"
}
program() { # name sources...
    local name=$1; shift
    echo "live-xen: building $name" >&2
    swiftc "${swiftc_flags[@]}" -static-executable -o "$work/swift/$name" "$@" -L "$work/swift" -lXenPublic -lXenHypercall -lswiftGlibc -lm \
        2> >(grep -v 'statically linked applications requires at runtime' >&2) || fail "cannot build $name"
}
library XenHypercall Sources/XenHypercall/*.swift
library XenPublic Generated/*.swift
program live-swift Tests/Live/Swift/*.swift
program xenlist Examples/XenList/Sources/XenList/*.swift
cc -static -std=gnu11 -D__XEN_TOOLS__ -include stdint.h -o "$work/live-c" Tests/Live/C/live-c.c || fail "cannot build live-c"

# 3. The retired domctl and sysctl numbers of the real headers, from the generator's IR.
[ -x .build/debug/xen-swiftgen ] || swift build --product xen-swiftgen >&2 || fail "cannot build xen-swiftgen"
.build/debug/xen-swiftgen dump-ir > "$work/ir.json" || fail "xen-swiftgen dump-ir failed"
jq -r '.families[] | select(.name == "domctl" or .name == "sysctl") | .name as $f | .ops[]
       | select(.status == "retired") | "\($f) \(.number) \(.name)"' "$work/ir.json" | sort -u -k1,1 -k2,2n > "$work/retired.txt"
[ -s "$work/retired.txt" ] || fail "the IR lists no retired domctl or sysctl numbers"

# 4. The initramfs: busybox, the privcmd module, the programs, and an /init that runs them.
root="$work/initramfs"
rm -rf "$root" && mkdir -p "$root"/{bin,dev,proc,sys,tmp,out,lib}
cp /bin/busybox "$root/bin/"
for tool in sh mount insmod diff cat wc sed poweroff sleep ls; do ln -s busybox "$root/bin/$tool"; done
case "$privcmd" in *.xz) xz -dc "$privcmd" > "$root/lib/xen-privcmd.ko" ;; *) cp "$privcmd" "$root/lib/xen-privcmd.ko" ;; esac
cp "$work/swift/live-swift" "$work/swift/xenlist" "$work/live-c" "$root/bin/"
cp "$work/retired.txt" "$root/retired.txt"
cat > "$root/init" <<'INIT'
#!/bin/sh
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
insmod /lib/xen-privcmd.ko
echo "LIVE BEGIN"
echo "LIVE RECORD dom0 up $(cut -d" " -f1 /proc/uptime) s when the tests start"
if /bin/live-c /out/c.txt && /bin/live-swift dump /out/swift.txt && [ -s /out/c.txt ]; then
    if diff /out/c.txt /out/swift.txt > /out/diff.txt; then
        echo "LIVE PASS getdomaininfo(0), physinfo, getdomaininfolist, vcpu_op and dm_op answers are equal in Swift and C ($(wc -l < /out/c.txt) values)"
    else
        echo "LIVE FAIL getdomaininfo(0), physinfo, getdomaininfolist, vcpu_op and dm_op answers are equal in Swift and C: they differ"; sed 's/^/LIVE RECORD diff /' /out/diff.txt
    fi
    sed 's/^/LIVE RECORD value /' /out/swift.txt
else
    echo "LIVE FAIL the C and Swift dumps ran"
fi
/bin/live-swift checks /retired.txt
/bin/xenlist | sed 's/^/XENLIST| /'
echo "LIVE RECORD dom0 up $(cut -d" " -f1 /proc/uptime) s when the tests end"
echo "LIVE DONE"
poweroff -f
INIT
chmod +x "$root/init"
(cd "$root" && find . | busybox cpio -o -H newc 2>/dev/null) | gzip -1 > "$work/initrd.gz"

# 5. Boot. SMAP and SMEP are off: with them, TCG's PV dom0 dies at its first exception.
echo "live-xen: booting Xen 4.17 under qemu-system-x86_64" >&2
start=$(date +%s)
timeout 300 qemu-system-x86_64 -machine q35 -cpu max,-smap,-smep -m 1024 -smp 2 -nographic -no-reboot \
    -kernel "$work/xen" -append "console=com1 dom0_mem=512M,max:512M" \
    -initrd "$kernel console=hvc0 quiet,$work/initrd.gz" < /dev/null 2>&1 | tr -d '\r' > "$work/console.log" || true
echo "live-xen: the VM ran $(( $(date +%s) - start )) s; console in $work/console.log" >&2

grep '^XENLIST| ' "$work/console.log" | sed 's/^XENLIST| //' > "$work/xenlist.txt" || true
grep '^LIVE RECORD ' "$work/console.log" | sed 's/^LIVE RECORD /  record: /' >&2 || true
grep -E '^LIVE (PASS|FAIL)' "$work/console.log" | sed 's/^LIVE /  /' >&2 || true
passed=$(grep -c '^LIVE PASS' "$work/console.log" || true)
failed=$(grep -c '^LIVE FAIL' "$work/console.log" || true)
if ! grep -q '^LIVE DONE' "$work/console.log"; then
    tail -30 "$work/console.log" >&2
    failed=$((failed + 1))
    echo "live-xen: FAIL: the VM did not boot or did not finish the live programs (see $work/console.log)" >&2
fi
[ "$passed" -gt 0 ] || failed=$((failed + 1))
echo "live-xen: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
