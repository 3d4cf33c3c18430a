#if canImport(Glibc)
import Glibc
#endif
import XenDevices
import XenHypercall
import XenPublic

// `xl list`: every domain from one XEN_SYSCTL_getdomaininfolist, whose results Xen writes through a
// guest handle into a hypercall-safe buffer, named from xenstore (`/local/domain/<id>/name`).

/// `xl list`'s state column: running, blocked, paused, shutdown, crashed, dying.
/// - Parameter info: A domain's info.
/// - Returns: Six characters, `-` for a flag that is off.
func state(_ info: XenDomctlGetdomaininfo) -> String {
    let flags = info.flags
    let shutdown = flags.contains(.shutdown)
    let crashed = shutdown && info.shutdownReason == .crash
    let marks: [(Bool, Character)] = [
        (flags.contains(.running), "r"), (flags.contains(.blocked), "b"), (flags.contains(.paused), "p"),
        (shutdown && !crashed, "s"), (crashed, "c"), (flags.contains(.dying), "d"),
    ]
    return String(marks.map { $0.0 ? $0.1 : "-" })
}

/// Right-aligns `text` in `width` columns.
func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}

do {
    let xen = try XenHypervisor()
    let domains = try xen.withBuffer(of: XenDomctlGetdomaininfo.self, capacity: 256) { buffer in
        var request = XenSysctlGetdomaininfolist()
        request.firstDomain = 0
        request.maxDomains = UInt32(buffer.capacity)
        request.buffer = try buffer.handle(elements: buffer.capacity)
        let reply = try xen.sysctl(.getdomaininfolist, payload: request).payload
        return buffer.prefix(Int(reply.numDomains))
    }
    // Names live in xenstore; without it (no xenstored, no xenbus) the tool still lists the domains.
    let store = try? Xenstore()
    func name(_ domain: UInt16) -> String {
        (try? store?.read("/local/domain/\(domain)/name")) ?? "-"
    }
    print("Name                    ID   Mem(MiB)  Max(MiB)  VCPUs  State    Time(s)")
    for info in domains {
        let pageKiB = UInt64(getpagesize() / 1024)
        let mem = info.totPages * pageKiB / 1024
        let max = info.maxPages == UInt64(UInt32.max) || info.maxPages == UInt64.max ? "-" : String(info.maxPages * pageKiB / 1024)
        let seconds = Double(info.cpuTime) / 1e9
        let time = String(Int(seconds)) + "." + String(Int(seconds * 10) % 10)
        let label = name(info.domain)
        print(
            label + String(repeating: " ", count: Swift.max(1, 22 - label.count)), pad(String(info.domain), 5), pad(String(mem), 10),
            pad(max, 9), pad(String(info.nrOnlineVcpus), 6),
            " " + state(info), pad(time, 10))
    }
} catch {
    // Every failure is a XenHypercallError: its description names the op and Xen's errno.
    let message = "xenlist: \(error)\n"
    _ = message.withCString { write(2, $0, strlen($0)) }
    exit(1)
}
