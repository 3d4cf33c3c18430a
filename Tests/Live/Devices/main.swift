#if canImport(Glibc)
import Glibc
#endif
import XenDeviceABI
import XenDevices
import XenHypercall
import XenPublic

// The device checks of the live suite in Swift, through XenDevices alone (XenPublic only for dom0's
// shared_info frame, XenDeviceABI for the shared_info record). Tests/Live/C/devices-c.c does the same
// through Xen's C libraries; Scripts/live-xen.sh runs both in dom0 and compares the files.
//   live-devices FILE PREFIX [xenbus]    PREFIX: the xenstore folder to use; xenbus: over /dev/xen/xenbus
let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: live-devices FILE PREFIX [xenbus]")
    exit(2)
}
var lines: [String] = []
@MainActor func record(_ line: String) { lines.append(line) }
let prefix = arguments[2]
let overDevice = arguments.count > 3 && arguments[3] == "xenbus"

/// The errno of a failed call, 0 when it succeeded.
func errnoOf(_ body: () throws -> Void) -> Int32 {
    do { try body(); return 0 } catch let error as XenDeviceError { return error.errno?.rawValue ?? -1 } catch { return -1 }
}

if !overDevice {
    // Event channels: a loopback channel inside dom0.
    do {
        let channels = try EventChannels()
        let unbound = try channels.bindUnbound(remoteDomain: 0)
        let bound = try channels.bindInterdomain(remoteDomain: 0, remotePort: unbound)
        func next(_ timeout: Duration) throws -> UInt32? {
            guard let port = try channels.pending(timeout: timeout) else { return nil }
            try channels.unmask(port)
            return port
        }
        func end(_ port: UInt32?) -> String { port == unbound ? "unbound-end" : port == bound ? "bound-end" : "nothing" }
        record("evtchn bound-end-pending-after-bind \(try next(.seconds(2)) == bound ? "yes" : "no")")
        try channels.notify(bound)
        record("evtchn notify-bound-end-arrives-at \(end(try next(.seconds(2))))")
        try channels.notify(unbound)
        record("evtchn notify-unbound-end-arrives-at \(end(try next(.seconds(2))))")
        record("evtchn nothing-else-pending \(try next(.milliseconds(100)) == nil ? "yes" : "no")")
        record("evtchn unbind \(errnoOf { try channels.unbind(bound) }) \(errnoOf { try channels.unbind(unbound) })")
        record("evtchn bind-virq-timer errno \(errnoOf { _ = try channels.bindVirtualIRQ(UInt32(XenVirq.timer.rawValue)) })")
    } catch {
        record("evtchn failed \(error)")
    }

    // Swift only (the C library has no async interface): ports as an async sequence that owns its device.
    do {
        let receiver = try EventChannels()
        let sender = try EventChannels()
        let unbound = try receiver.bindUnbound(remoteDomain: 0)
        let bound = try sender.bindInterdomain(remoteDomain: 0, remotePort: unbound)
        let events = receiver.events()
        try sender.notify(bound)
        var iterator = events.makeAsyncIterator()
        let port = try await iterator.next()
        print(
            "LIVE \(port == unbound ? "PASS" : "FAIL") evtchn events(): a notify arrives through the async sequence (port \(port.map(String.init) ?? "none"))"
        )
    } catch {
        print("LIVE FAIL evtchn events(): \(error)")
    }

    // Grant tables: a page shared with gntalloc, mapped back with gntdev.
    do {
        let sharing = try GrantSharing()
        let table = try GrantTable()
        let shared = try sharing.share(pages: 1, with: 0)
        shared.withBytes { bytes in for index in 0..<4096 { bytes[index] = UInt8(truncatingIfNeeded: index * 7 + 3) } }
        do {
            let mapped = try table.map(shared.references, from: 0)
            let equal = mapped.withBytes { mappedBytes in shared.withBytes { sharedBytes in mappedBytes.elementsEqual(sharedBytes) } }
            record("gnttab mapped-page-reads-shared-bytes \(equal ? "yes" : "no")")
            mapped.withBytes { $0[100] = 0xA5 }
            record("gnttab shared-page-reads-mapped-write \(shared.withBytes { $0[100] } == 0xA5 ? "yes" : "no")")
        }
        // The mapping ended with its scope (unmapped, its slots given back); the sharing ends with `shared`.
    } catch {
        record("gnttab failed \(error)")
    }

    // Foreign memory: dom0's shared_info page, mapped with DOMID_SELF.
    do {
        let xen = try XenHypervisor()
        let frame = try xen.domctl(.getdomaininfo, domain: 0, payload: XenDomctlGetdomaininfo()).payload.sharedInfoFrame
        let memory = try ForeignMemory()
        let page = try memory.map(frames: [frame], of: ForeignMemory.selfDomain)
        let info = page.withBytes { $0.load(as: XenPublic.SharedInfo.self) }
        record("fmem shared-info max_pfn 0x\(String(info.arch.maxPfn, radix: 16))")
        record("fmem shared-info pfn_to_mfn_frame_list_list 0x\(String(info.arch.pfnToMfnFrameListList, radix: 16))")
        let own = try memory.map(frames: [frame], of: 0)
        record("fmem own-domid-page-error \(own.errors[0]?.rawValue ?? 0)")
        let wrong = try memory.map(frames: [0xF_FFFF_FFFF_FFFF], of: ForeignMemory.selfDomain)
        record("fmem bad-frame-page-error \(wrong.errors[0]?.rawValue ?? 0)")
        // XENMEM_resource_grant_table (1), XENMEM_resource_grant_table_id_shared (0).
        record("fmem resource-of-dom0-itself errno \(errnoOf { _ = try memory.resourceFrames(type: 1, id: 0, of: 0) })")
    } catch {
        record("fmem failed \(error)")
    }
}

// Xenstore, over xenstored's socket (or /dev/xen/xenbus).
do {
    let store = try Xenstore(transport: overDevice ? .defaultDevice : .defaultSocket)
    let watcher = try Xenstore(transport: overDevice ? .defaultDevice : .defaultSocket)
    try store.write("\(prefix)/a", "hello")
    record("xs write-read \(try store.read("\(prefix)/a"))")
    try store.makeDirectory("\(prefix)/dir")
    record("xs directory " + (try store.directory(prefix)).joined(separator: " "))
    try store.setPermissions("\(prefix)/dir", [.init(domain: 0, access: .none), .init(domain: 1, access: .read)])
    let codes: [Xenstore.Permission.Access: Int] = [.none: 0, .read: 1, .write: 2, .readWrite: 3]
    record(
        "xs permissions " + (try store.permissions("\(prefix)/dir")).map { "\($0.domain):\(codes[$0.access] ?? -1)" }.joined(separator: " ")
    )
    var attempts = 0
    try store.transaction { transaction in
        attempts += 1
        _ = try? store.read("\(prefix)/c", in: transaction)
        try store.write("\(prefix)/c", "in", in: transaction)
        if attempts == 1 { try store.write("\(prefix)/c", "out") }
    }
    record("xs transaction attempts \(attempts) value \(try store.read("\(prefix)/c"))")
    try store.makeDirectory("\(prefix)/w")
    let watch = try watcher.watch("\(prefix)/w", token: "tok")
    func show(_ event: Xenstore.WatchEvent?) -> String {
        event.map { "\($0.path.dropFirst(prefix.count)) \($0.token)" } ?? "- -"
    }
    record("xs watch-first \(show(try await watch.next(timeout: .seconds(5))))")
    try store.write("\(prefix)/w/child", "1")
    record("xs watch-next \(show(try await watch.next(timeout: .seconds(5))))")
    watch.cancel()
    record("xs domain-path-0 \(try store.domainPath(0))")
    try store.remove(prefix)
    record("xs read-after-rm errno \(errnoOf { _ = try store.read(prefix) })")
} catch {
    record("xs failed \(error)")
}

guard let file = fopen(arguments[1], "w") else { exit(1) }
for line in lines { fputs(line + "\n", file) }
fclose(file)
