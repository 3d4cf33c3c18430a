// INTERIM ABI: the only hand-written device ABI in XenDevices, to be replaced by generated output.
//
// Everything else (the ioctl numbers, the argument records, `struct xsd_sockmsg`) comes from
// XenDeviceABI, generated from Sources/XenDeviceABI/xen-swiftgen-config.json. What is here the generator
// cannot give yet: the xenstore message types, `enum xsd_sockmsg_type` of `io/xs_wire.h`, which are C
// enum constants, not macros (DeviceABITests compares them with the C compiler's values).

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
