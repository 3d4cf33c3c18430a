#if canImport(Glibc)
import Glibc
#endif
import XenHypercall
import XenPublic

// The live test program, run inside dom0 of a Xen booted under QEMU by Scripts/live-xen.sh.
//   live-swift dump FILE      writes getdomaininfo(0), physinfo and getdomaininfolist as key=value lines
//   live-swift checks FILE    runs the assertions; FILE lists the retired domctl/sysctl numbers
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    print("usage: live-swift dump|checks FILE")
    exit(2)
}
do {
    let xen = try XenHypervisor()
    if arguments[1] == "dump" {
        try dump(xen, to: arguments[2])
    } else {
        try await runChecks(xen, retired: arguments[2])
    }
} catch {
    check("live-swift runs", false, "\(error)")
    exit(1)
}

/// Writes the values the C program writes too.
/// - Parameters:
///   - xen: The hypervisor.
///   - path: The output file.
/// - Throws: ``XenHypercallError``.
func dump(_ xen: XenHypervisor, to path: String) throws {
    var text = lines(try xen.domctl(.getdomaininfo, domain: 0, payload: XenDomctlGetdomaininfo()).payload, "getdomaininfo0")
    text += lines(try xen.sysctl(.physinfo, payload: XenSysctlPhysinfo()).payload)
    text += try xen.withBuffer(of: XenDomctlGetdomaininfo.self, capacity: 64) { buffer in
        var request = XenSysctlGetdomaininfolist()
        request.maxDomains = 64
        request.buffer = try buffer.handle(elements: 64)
        let reply = try xen.sysctl(.getdomaininfolist, payload: request).payload
        return ["list.num_domains=\(reply.numDomains)"] + buffer.prefix(Int(reply.numDomains)).flatMap { lines($0, "list") }
    }
    text += try vcpuAndDeviceModelLines(xen)
    guard let file = fopen(path, "w") else { throw XenHypercallError.privcmdUnavailable(path: path, errno: XenErrno(rawValue: errno)) }
    for line in text { fputs(line + "\n", file) }
    fclose(file)
}
