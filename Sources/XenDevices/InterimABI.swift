// INTERIM ABI: the only hand-written device ABI in XenDevices, to be replaced by generated output.
//
// Everything else comes from XenDeviceABI, generated from Sources/XenDeviceABI/xen-swiftgen-config.json.
// What is here the generator cannot give yet:
// - the ioctl numbers: function-like macros (`_IOC(_IOC_NONE, 'E', 0, sizeof(struct ...))`) that the reader
//   does not evaluate; the config already has their rows (`evtchn-ioctl`, `gntalloc-ioctl`, `gntdev-ioctl`,
//   `privcmd-ioctl`), which light up once it does. Here each is `ioctl(type, number, size)` with the size of
//   the generated record wherever there is one;
// - `sys/evtchn.h`'s argument records: their family has no literal op yet, so its `payloads` are skipped.
//   Each is one or two `unsigned int`s, passed here as `UInt32` values;
// - the xenstore message types: `enum xsd_sockmsg_type` of `io/xs_wire.h`, a C enum, which the generator
//   does not emit.
import XenDeviceABI

/// `_IOC(_IOC_NONE, type, number, size)` of `<asm-generic/ioctl.h>` (x86 and Arm: direction bits 30–31,
/// size 16–29, type 8–15, number 0–7).
/// - Parameters:
///   - type: The driver's letter (`'E'`, `'G'`, `'P'`).
///   - number: The request number.
///   - size: The argument record's size.
/// - Returns: The request number for `ioctl(2)`.
func ioctlNumber(_ type: Character, _ number: UInt, size: Int) -> UInt {
    UInt(size) << 16 | UInt(type.asciiValue ?? 0) << 8 | number
}

/// The `IOCTL_*` numbers the devices use.
enum DeviceIoctl {
    /// `IOCTL_EVTCHN_BIND_VIRQ`: `struct ioctl_evtchn_bind_virq { unsigned int virq; }`.
    static let evtchnBindVirq = ioctlNumber("E", 0, size: 4)
    /// `IOCTL_EVTCHN_BIND_INTERDOMAIN`: `{ unsigned int remote_domain, remote_port; }`.
    static let evtchnBindInterdomain = ioctlNumber("E", 1, size: 8)
    /// `IOCTL_EVTCHN_BIND_UNBOUND_PORT`: `{ unsigned int remote_domain; }`.
    static let evtchnBindUnboundPort = ioctlNumber("E", 2, size: 4)
    /// `IOCTL_EVTCHN_UNBIND`: `{ unsigned int port; }`.
    static let evtchnUnbind = ioctlNumber("E", 3, size: 4)
    /// `IOCTL_EVTCHN_NOTIFY`: `{ unsigned int port; }`.
    static let evtchnNotify = ioctlNumber("E", 4, size: 4)
    /// `IOCTL_EVTCHN_RESET`: no argument.
    static let evtchnReset = ioctlNumber("E", 5, size: 0)

    /// `IOCTL_GNTALLOC_ALLOC_GREF`.
    static let gntallocAllocGref = ioctlNumber("G", 5, size: MemoryLayout<IoctlGntallocAllocGref>.stride)
    /// `IOCTL_GNTALLOC_DEALLOC_GREF`.
    static let gntallocDeallocGref = ioctlNumber("G", 6, size: MemoryLayout<IoctlGntallocDeallocGref>.stride)

    /// `IOCTL_GNTDEV_MAP_GRANT_REF`.
    static let gntdevMapGrantRef = ioctlNumber("G", 0, size: MemoryLayout<IoctlGntdevMapGrantRef>.stride)
    /// `IOCTL_GNTDEV_UNMAP_GRANT_REF`.
    static let gntdevUnmapGrantRef = ioctlNumber("G", 1, size: MemoryLayout<IoctlGntdevUnmapGrantRef>.stride)

    /// `IOCTL_PRIVCMD_MMAPBATCH_V2`.
    static let privcmdMmapbatchV2 = ioctlNumber("P", 4, size: MemoryLayout<PrivcmdMmapbatchV2>.stride)
    /// `IOCTL_PRIVCMD_MMAP_RESOURCE`.
    static let privcmdMmapResource = ioctlNumber("P", 7, size: MemoryLayout<PrivcmdMmapResource>.stride)
}

/// `enum xsd_sockmsg_type` of `io/xs_wire.h`: the message types of the xenstore protocol.
enum XenstoreMessageType: UInt32, Sendable {
    case directory = 1, read, getPerms, watch, unwatch, transactionStart, transactionEnd, introduce, release
    case getDomainPath, write, mkdir, rm, setPerms, watchEvent, error, isDomainIntroduced, resume, setTarget
    case resetWatches = 21, directoryPart

    /// The C name, for errors.
    var cName: String {
        let names: [XenstoreMessageType: String] = [
            .directory: "XS_DIRECTORY", .read: "XS_READ", .getPerms: "XS_GET_PERMS", .watch: "XS_WATCH",
            .unwatch: "XS_UNWATCH", .transactionStart: "XS_TRANSACTION_START", .transactionEnd: "XS_TRANSACTION_END",
            .introduce: "XS_INTRODUCE", .release: "XS_RELEASE", .getDomainPath: "XS_GET_DOMAIN_PATH", .write: "XS_WRITE",
            .mkdir: "XS_MKDIR", .rm: "XS_RM", .setPerms: "XS_SET_PERMS", .watchEvent: "XS_WATCH_EVENT", .error: "XS_ERROR",
            .isDomainIntroduced: "XS_IS_DOMAIN_INTRODUCED", .resume: "XS_RESUME", .setTarget: "XS_SET_TARGET",
            .resetWatches: "XS_RESET_WATCHES", .directoryPart: "XS_DIRECTORY_PART",
        ]
        return names[self] ?? "XS_\(rawValue)"
    }
}
