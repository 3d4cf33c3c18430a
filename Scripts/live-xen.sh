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
label=live-xen
source Scripts/live-common.sh

# 1. Debian's C xenstored and the shared libraries it needs, plus the xenstore tool (see TalkingToXen.md).
xenstore_packages="xen-utils-4.17 libxenmisc4.17 libxenevtchn1 libxengnttab1 libxencall1 libxenforeignmemory1
    libxendevicemodel1 libxentoollog1 libxentoolcore1 libxenstore4 xenstore-utils libc6 libgcc-s1"
for package in $xenstore_packages; do download "$package"; done
# xenstored, the xenstore tool and their shared libraries (DT_NEEDED, recursively), in the paths they have.
xs="$work/xenstored"
if [ ! -e "$xs/.done" ]; then
    rm -rf "$work/unpacked-xs" "$xs" && mkdir -p "$xs"
    for package in $xenstore_packages; do dpkg -x "$(ls "$work/debs/$package"_*.deb | head -1)" "$work/unpacked-xs"; done
    binaries="usr/lib/xen-4.17/bin/xenstored usr/bin/xenstore"
    for binary in $binaries; do mkdir -p "$xs/$(dirname "$binary")"; cp -a "$work/unpacked-xs/$binary" "$xs/$binary"; done
    todo=$(for binary in $binaries; do objdump -p "$work/unpacked-xs/$binary" | awk '/NEEDED/ { print $2 }'; done | sort -u); seen=""
    while [ -n "$todo" ]; do
        next=""
        for lib in $todo; do
            case " $seen " in *" $lib "*) continue ;; esac
            seen="$seen $lib"
            found=$(cd "$work/unpacked-xs" && find lib usr/lib -maxdepth 2 -name "$lib" | head -1)
            [ -n "$found" ] || fail "xenstored needs $lib, which the packages lack"
            mkdir -p "$xs/$(dirname "$found")" && cp -L "$work/unpacked-xs/$found" "$xs/$found"
            next="$next $(objdump -p "$work/unpacked-xs/$found" | awk '/NEEDED/ { print $2 }')"
        done
        todo=$(echo $next | tr ' ' '\n' | sort -u)
    done
    mkdir -p "$xs/lib/x86_64-linux-gnu" "$xs/lib64"
    # glibc loads libgcc_s for pthread_cancel (libxenstore's xs_close); ld.so by its absolute path.
    cp -L "$work/unpacked-xs/lib/x86_64-linux-gnu/libgcc_s.so.1" "$xs/lib/x86_64-linux-gnu/"
    cp -L "$work/unpacked-xs/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$xs/lib/x86_64-linux-gnu/" 2>/dev/null \
        || cp -L "$work/unpacked-xs/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$xs/lib/x86_64-linux-gnu/"
    ln -sf /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$xs/lib64/ld-linux-x86-64.so.2"
    for tool in read write ls; do ln -sf xenstore "$xs/usr/bin/xenstore-$tool"; done
    rm -rf "$work/unpacked-xs"
    touch "$xs/.done"
fi

# 2. Static test programs (the libraries are built by live-common.sh).
program live-swift Tests/Live/Swift/*.swift
program live-devices Tests/Live/Devices/*.swift
program xenlist Examples/XenList/Sources/XenList/*.swift
cc -static -std=gnu11 -D__XEN_TOOLS__ -include stdint.h -o "$work/live-c" Tests/Live/C/live-c.c || fail "cannot build live-c"
# The C side of the device checks: Xen's stable libraries, statically (libxen-dev's .a files). The static
# libxenstore has no reader thread, so the C program watches on a handle of its own, over the socket only.
cc -static -std=gnu11 -D__XEN_TOOLS__ -o "$work/devices-c" Tests/Live/C/devices-c.c -lxenstore -lxenctrl -lxenforeignmemory \
    -lxengnttab -lxenevtchn -lxendevicemodel -lxencall -lxentoollog -lxentoolcore \
    2> >(grep -v 'statically linked applications requires at runtime' >&2) || fail "cannot build devices-c"

# 3. The retired domctl and sysctl numbers of the real headers, from the generator's IR.
[ -x .build/debug/xen-swiftgen ] || swift build --product xen-swiftgen >&2 || fail "cannot build xen-swiftgen"
.build/debug/xen-swiftgen dump-ir > "$work/ir.json" || fail "xen-swiftgen dump-ir failed"
jq -r '.families[] | select(.name == "domctl" or .name == "sysctl") | .name as $f | .ops[]
       | select(.status == "retired") | "\($f) \(.number) \(.name)"' "$work/ir.json" | sort -u -k1,1 -k2,2n > "$work/retired.txt"
[ -s "$work/retired.txt" ] || fail "the IR lists no retired domctl or sysctl numbers"

# 4. The initramfs: busybox, the privcmd module, the programs, and an /init that runs them.
root="$work/initramfs"
initramfs_root "$root"
(cd "$xs" && tar cf - --exclude=.done .) | (cd "$root" && tar xf -)
cp "$work/swift/live-swift" "$work/swift/live-devices" "$work/swift/xenlist" "$work/live-c" "$work/devices-c" "$root/bin/"
cp "$work/retired.txt" "$root/retired.txt"
cat > "$root/init" <<'INIT'
#!/bin/sh
export PATH=/bin:/usr/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for module in xen-privcmd xen-evtchn xen-gntdev xen-gntalloc xenfs; do insmod /lib/$module.ko || echo "LIVE FAIL insmod $module"; done
mount -t xenfs xenfs /proc/xen || echo "LIVE FAIL mount xenfs on /proc/xen"
echo "LIVE BEGIN"
echo "LIVE RECORD dom0 up $(cut -d" " -f1 /proc/uptime) s when the tests start"
if /bin/live-c /out/c.txt && /bin/live-swift dump /out/swift.txt && [ -s /out/c.txt ]; then
    if diff /out/c.txt /out/swift.txt > /out/diff.txt; then
        echo "LIVE PASS getdomaininfo(0), physinfo, getdomaininfolist, vcpu_op, dm_op, xen_version, grant_table_op, hypfs_op, mmuext_op and mca answers are equal in Swift and C ($(wc -l < /out/c.txt) values)"
    else
        echo "LIVE FAIL getdomaininfo(0), physinfo, getdomaininfolist, vcpu_op, dm_op, xen_version, grant_table_op, hypfs_op, mmuext_op and mca answers are equal in Swift and C: they differ"; sed 's/^/LIVE RECORD diff /' /out/diff.txt
    fi
    sed 's/^/LIVE RECORD value /' /out/swift.txt
else
    echo "LIVE FAIL the C and Swift dumps ran"
fi
/bin/live-swift checks /retired.txt
# Xenstore: Debian's C xenstored; dom0's name as xen-init-dom0 writes it at boot.
mkdir -p /var/run/xenstored /var/run/xen
/usr/lib/xen-4.17/bin/xenstored --pid-file /var/run/xen/xenstored.pid || echo "LIVE FAIL xenstored starts"
i=0; while [ ! -S /var/run/xenstored/socket ] && [ $i -lt 100 ]; do usleep 100000; i=$((i+1)); done
xenstore-write /local/domain/0/name Domain-0 || echo "LIVE FAIL xenstore-write dom0's name"
# The device checks: the same calls through the C libraries and through XenDevices, compared.
device_check() { # label C-file Swift-file
    if [ -s "$2" ] && diff "$2" "$3" > /out/devices-diff.txt; then
        echo "LIVE PASS $1 ($(wc -l < "$3") results equal to the C libraries')"
    else
        echo "LIVE FAIL $1: the results differ from the C libraries'"; sed 's/^/LIVE RECORD diff /' /out/devices-diff.txt
    fi
}
/bin/devices-c /out/devices-c.txt /live-c || echo "LIVE FAIL devices-c ran"
/bin/live-devices /out/devices-swift.txt /live-swift || echo "LIVE FAIL live-devices ran"
device_check "event channel loopback, gntalloc page mapped back with gntdev, foreign map of dom0's shared_info, xenstore over the socket" \
    /out/devices-c.txt /out/devices-swift.txt
/bin/live-devices /out/devices-xenbus.txt /live-xenbus xenbus || echo "LIVE FAIL live-devices xenbus ran"
grep '^xs ' /out/devices-c.txt > /out/devices-c-xs.txt
device_check "xenstore over /dev/xen/xenbus (read, write, directory, permissions, transaction retry, watch)" \
    /out/devices-c-xs.txt /out/devices-xenbus.txt
sed 's/^/LIVE RECORD device /' /out/devices-swift.txt
/bin/xenlist | sed 's/^/XENLIST| /'
if /bin/xenlist | grep -q '^Domain-0  *0 '; then echo "LIVE PASS xenlist names dom0 Domain-0 from xenstore"; else echo "LIVE FAIL xenlist names dom0 Domain-0 from xenstore"; fi
echo "LIVE RECORD dom0 up $(cut -d" " -f1 /proc/uptime) s when the tests end"
echo "LIVE DONE"
poweroff -f
INIT
chmod +x "$root/init"
initramfs_pack "$root" "$work/initrd.gz"

# 5. Boot.
echo "live-xen: booting Xen 4.17 under qemu-system-x86_64" >&2
start=$(date +%s)
boot_x86 "$work/xen" "$work/initrd.gz" "$work/console.log"
echo "live-xen: the VM ran $(( $(date +%s) - start )) s; console in $work/console.log" >&2

grep '^XENLIST| ' "$work/console.log" | sed 's/^XENLIST| //' > "$work/xenlist.txt" || true
grep '^LIVE RECORD ' "$work/console.log" | sed 's/^LIVE RECORD /  record: /' >&2 || true
grep -E '^LIVE (PASS|FAIL)' "$work/console.log" | sed 's/^LIVE /  /' >&2 || true
count_boot "$work/console.log"
grep -q '^LIVE DONE' "$work/console.log" \
    || echo "live-xen: FAIL: the VM did not boot or did not finish the live programs (see $work/console.log)" >&2
echo "live-xen: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
