# Sourced by Scripts/live-xen.sh and Scripts/live-releases.sh: what both live suites share. The caller sets
# `label` (its name in messages) and may set LIVE_XEN_DIR; everything is cached under .build-live/.
work="${LIVE_XEN_DIR:-$PWD/.build-live}"
mkdir -p "$work/debs" "$work/swift/modules"

fail() { echo "$label: FAIL: $*" >&2; echo "$label: 0 passed, 1 failed" >&2; exit 1; }

Scripts/setup.sh qemu-system-x86 busybox-static xz-utils jq || fail "could not install qemu-system-x86, busybox-static, xz-utils, jq"
command -v qemu-system-x86_64 >/dev/null || fail "qemu-system-x86_64 is missing after setup"
[ -x /bin/busybox ] || fail "/bin/busybox (busybox-static) is missing after setup"

# Debian's Xen 4.17 hypervisor and dom0 kernel, unpacked (their maintainer scripts want a boot loader).
# A foreign architecture's packages (arm64) go to a folder of their own, debs-<architecture>.
download() { # package [architecture]
    local folder="$work/debs${2:+-$2}" name="$1${2:+:$2}"
    mkdir -p "$folder"
    ls "$folder/$1"_*.deb >/dev/null 2>&1 && return 0
    (cd "$folder" && { apt-get download "$name" 2>/dev/null || { apt-get update -qq && apt-get download "$name"; }; }) >&2 \
        || fail "cannot download $name"
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

# Static Swift programs: the runtime and XenPublic as static libraries (rebuilt only when a source is newer),
# then the executables. One package name, so that the device layer and the live programs may use
# XenDeviceABI's `package` records.
swiftc_flags=(-swift-version 6 -Onone -I "$work/swift/modules" -package-name xen_swiftgen)
library() { # module sources...
    local module=$1; shift
    local archive="$work/swift/lib$module.a"
    if [ -e "$archive" ] && [ -z "$(find "$@" -newer "$archive" | head -1)" ]; then return 0; fi
    echo "$label: building $module" >&2
    swiftc "${swiftc_flags[@]}" -parse-as-library -module-name "$module" -emit-module \
        -emit-module-path "$work/swift/modules/$module.swiftmodule" -static -emit-library -o "$archive" "$@" \
        || fail "cannot build $module"
}
program() { # name sources...
    local name=$1; shift
    echo "$label: building $name" >&2
    swiftc "${swiftc_flags[@]}" -static-executable -o "$work/swift/$name" "$@" -L "$work/swift" -lXenDevices -lXenDeviceABI -lXenPublic -lXenHypercall -lswiftGlibc -lswiftSynchronization -lm \
        2> >(grep -v 'statically linked applications requires at runtime' >&2) || fail "cannot build $name"
}
library XenHypercall Sources/XenHypercall/*.swift
library XenPublic Generated/*.swift
library XenDeviceABI Sources/XenDeviceABI/*.swift
library XenDevices Sources/XenDevices/*.swift

# An initramfs root with busybox, its tools and the Xen device modules of the dom0 kernel, in load order
# (xenfs needs xen-privcmd); the caller adds its programs and /init. The defaults are the host's busybox
# and the amd64 kernel's tree; arm64 passes its own (arm64_dom0).
live_modules="xen-privcmd xen-evtchn xen-gntdev xen-gntalloc xenfs"
initramfs_root() { # folder [unpacked-packages busybox]
    local root=$1 unpacked=${2:-$work/unpacked} busybox=${3:-/bin/busybox} file module tool
    rm -rf "$root" && mkdir -p "$root"/{bin,dev,proc,sys,tmp,out,lib}
    cp "$busybox" "$root/bin/busybox"
    for tool in sh mount insmod diff cat wc sed poweroff sleep ls mkdir usleep grep; do ln -s busybox "$root/bin/$tool"; done
    for module in $live_modules; do
        file=$(find "$unpacked/lib/modules" -name "$module.ko*" | head -1)
        [ -n "$file" ] || fail "the kernel package lacks $module.ko"
        case "$file" in *.xz) xz -dc "$file" > "$root/lib/$module.ko" ;; *) cp "$file" "$root/lib/$module.ko" ;; esac
    done
}
# Counts a boot's LIVE PASS and LIVE FAIL lines into $passed and $failed, with one failure more when the boot
# did not reach LIVE DONE (the console's tail then goes to stderr) or passed nothing.
count_boot() { # console-log
    passed=$(grep -c '^LIVE PASS' "$1" || true)
    failed=$(grep -c '^LIVE FAIL' "$1" || true)
    if ! grep -q '^LIVE DONE' "$1"; then
        tail -30 "$1" >&2
        failed=$((failed + 1))
    fi
    [ "$passed" -gt 0 ] || failed=$((failed + 1))
}
initramfs_pack() { # folder archive
    (cd "$1" && find . | busybox cpio -o -H newc 2>/dev/null) | gzip -1 > "$2"
}

# Boots an x86_64 hypervisor image with the dom0 kernel and an initramfs under QEMU (TCG), console to a file.
# SMAP and SMEP are off: with them, TCG's PV dom0 dies at its first exception.
boot_x86() { # xen-image initramfs console-log
    timeout 300 qemu-system-x86_64 -machine q35 -cpu max,-smap,-smep -m 1024 -smp 2 -nographic -no-reboot \
        -kernel "$1" -append "console=com1 dom0_mem=512M,max:512M" \
        -initrd "$kernel console=hvc0 quiet,$2" < /dev/null 2>&1 | tr -d '\r' > "$3" || true
}

# arm64: Debian's dom0 for the arm64 hypervisors, the same kernel version as the amd64 one above (there
# xen-privcmd is a module too) and busybox-static of arm64, with any further arm64 packages the caller
# names (Debian's arm64 hypervisor), unpacked into a tree of their own. Sets unpacked_arm64, kernel_arm64
# and busybox_arm64.
arm64_dom0() { # [arm64 packages...]
    Scripts/setup.sh qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross \
        || fail "could not install qemu-system-arm, gcc-aarch64-linux-gnu, libc6-dev-arm64-cross"
    local tool package debs="" sudo=""
    for tool in qemu-system-aarch64 aarch64-linux-gnu-gcc; do command -v "$tool" >/dev/null || fail "$tool is missing after setup"; done
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        { $sudo dpkg --add-architecture arm64 && $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq; } \
            || fail "cannot add the arm64 architecture to dpkg (its packages are downloaded, not installed)"
    fi
    for package in "${kernel_package%-amd64}-arm64" busybox-static "$@"; do
        download "$package" arm64
        debs="$debs $(ls "$work/debs-arm64/$package"_*.deb | head -1)"
    done
    unpacked_arm64="$work/unpacked-arm64"
    if [ "$(cat "$unpacked_arm64/.debs" 2>/dev/null)" != "$debs" ]; then
        rm -rf "$unpacked_arm64"
        for package in $debs; do dpkg -x "$package" "$unpacked_arm64" || fail "cannot unpack $package"; done
        echo "$debs" > "$unpacked_arm64/.debs"
    fi
    kernel_arm64=$(ls "$unpacked_arm64"/boot/vmlinuz-* 2>/dev/null | head -1)
    busybox_arm64="$unpacked_arm64/bin/busybox"
    [ -n "$kernel_arm64" ] && [ -x "$busybox_arm64" ] || fail "the arm64 packages lack vmlinuz or bin/busybox"
}

# Boots an arm64 hypervisor image (a raw Image) with the arm64 dom0 kernel and an initramfs under QEMU (TCG),
# console to a file. QEMU's guest-loader puts both in memory and names them in the device tree Xen reads.
boot_arm64() { # xen-image initramfs console-log
    timeout 300 qemu-system-aarch64 -machine virt,virtualization=on,gic-version=3 -cpu cortex-a57 -m 2048 -smp 2 \
        -nographic -no-reboot -kernel "$1" -append "dom0_mem=512M console=dtuart dtuart=/pl011@9000000 bootscrub=0" \
        -device "guest-loader,addr=0x49000000,kernel=$kernel_arm64,bootargs=console=hvc0 quiet" \
        -device "guest-loader,addr=0x50000000,initrd=$2" < /dev/null 2>&1 | tr -d '\r' > "$3" || true
}
