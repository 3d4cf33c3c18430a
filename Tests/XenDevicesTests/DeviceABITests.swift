import Foundation
import Testing
@testable import XenDevices
import XenDeviceABI
@testable import XenHypercall

/// The device ABI agrees with the installed `xen/sys/*.h` as the C compiler reads them: every generated
/// ioctl number, the interim xenstore message types, and the size of every generated record the devices pass.
@Suite("device ABI against the C headers")
struct DeviceABITests {
    /// Compiles and runs a C program printing `NAME VALUE` lines.
    static func cValues(_ expressions: [(String, String)]) throws -> [String: UInt64] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xen-devices-abi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = expressions.map { "    printf(\"\($0.0) %llu\\n\", (unsigned long long)(\($0.1)));" }
        let source = """
            #include <stdio.h>
            #include <stddef.h>
            #include <stdint.h>
            #include <sys/ioctl.h>
            #include <xen/xen.h>
            #include <xen/sys/evtchn.h>
            #include <xen/sys/gntalloc.h>
            #include <xen/sys/gntdev.h>
            #include <xen/sys/privcmd.h>
            #include <xen/io/xs_wire.h>
            int main(void) {
            \(lines.joined(separator: "\n"))
                return 0;
            }
            """
        try source.write(to: folder.appendingPathComponent("abi.c"), atomically: true, encoding: .utf8)
        let compile = Process()
        compile.executableURL = URL(fileURLWithPath: "/usr/bin/cc")
        compile.arguments = [
            "-D__XEN_TOOLS__", "-o", folder.appendingPathComponent("abi").path, folder.appendingPathComponent("abi.c").path,
        ]
        try compile.run()
        compile.waitUntilExit()
        #expect(compile.terminationStatus == 0)
        let run = Process()
        let output = Pipe()
        run.executableURL = folder.appendingPathComponent("abi")
        run.standardOutput = output
        try run.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        run.waitUntilExit()
        var values: [String: UInt64] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let value = UInt64(parts[1]) { values[String(parts[0])] = value }
        }
        return values
    }

    @Test("the generated ioctl numbers and DOMID_* are the headers' macros as the C compiler evaluates them")
    func ioctlNumbers() throws {
        var ours: [(String, UInt32)] = []
        for request in EvtchnIoctl.allCases { ours.append((request.cName, request.rawValue)) }
        for request in GntallocIoctl.allCases { ours.append((request.cName, request.rawValue)) }
        for request in GntdevIoctl.allCases { ours.append((request.cName, request.rawValue)) }
        for request in PrivcmdIoctl.allCases { ours.append((request.cName, request.rawValue)) }
        #expect(ours.count >= 20)
        for domain in XenDomid.allCases { ours.append((domain.cName, UInt32(domain.rawValue))) }
        #expect(ForeignMemory.selfDomain == XenDomid.`self`.rawValue)
        let c = try Self.cValues(ours.map { ($0.0, $0.0) })
        for (name, value) in ours {
            #expect(
                c[name] == UInt64(value),
                "\(name): C \(c[name].map { String($0, radix: 16) } ?? "missing"), Swift \(String(value, radix: 16))")
        }
        // The runtime's own privcmd channel cannot import XenDeviceABI (which depends on it): same number.
        #expect(UInt(PrivcmdIoctl.hypercall.rawValue) == PrivcmdChannel.hypercallRequest)
    }

    @Test("the xenstore message types are xs_wire.h's enum")
    func messageTypes() throws {
        let types: [XenstoreMessageType] = [
            .directory, .read, .getPerms, .watch, .unwatch, .transactionStart, .transactionEnd, .introduce, .release,
            .getDomainPath, .write, .mkdir, .rm, .setPerms, .watchEvent, .error, .isDomainIntroduced, .resume, .setTarget,
            .resetWatches, .directoryPart,
        ]
        let c = try Self.cValues(types.map { ($0.cName, $0.cName) })
        for type in types { #expect(c[type.cName] == UInt64(type.rawValue), "\(type.cName)") }
    }

    @Test("the generated records have the C sizes")
    func recordSizes() throws {
        let ours: [(String, Int)] = [
            ("struct ioctl_evtchn_bind_virq", MemoryLayout<IoctlEvtchnBindVirq>.stride),
            ("struct ioctl_evtchn_bind_interdomain", MemoryLayout<IoctlEvtchnBindInterdomain>.stride),
            ("struct ioctl_evtchn_bind_unbound_port", MemoryLayout<IoctlEvtchnBindUnboundPort>.stride),
            ("struct ioctl_evtchn_unbind", MemoryLayout<IoctlEvtchnUnbind>.stride),
            ("struct ioctl_evtchn_notify", MemoryLayout<IoctlEvtchnNotify>.stride),
            ("struct shared_info", MemoryLayout<SharedInfo>.stride),
            ("struct ioctl_gntalloc_alloc_gref", MemoryLayout<IoctlGntallocAllocGref>.stride),
            ("struct ioctl_gntalloc_dealloc_gref", MemoryLayout<IoctlGntallocDeallocGref>.stride),
            ("struct ioctl_gntdev_map_grant_ref", MemoryLayout<IoctlGntdevMapGrantRef>.stride),
            ("struct ioctl_gntdev_unmap_grant_ref", MemoryLayout<IoctlGntdevUnmapGrantRef>.stride),
            ("struct ioctl_gntdev_grant_ref", MemoryLayout<IoctlGntdevGrantRef>.stride),
            ("struct privcmd_mmapbatch_v2", MemoryLayout<PrivcmdMmapbatchV2>.stride),
            ("struct privcmd_mmap_resource", MemoryLayout<PrivcmdMmapResource>.stride),
            ("struct xsd_sockmsg", MemoryLayout<XsdSockmsg>.stride),
        ]
        let c = try Self.cValues(ours.enumerated().map { ("s\($0.offset)", "sizeof(\($0.element.0))") })
        for (index, (name, size)) in ours.enumerated() { #expect(c["s\(index)"] == UInt64(size), "\(name)") }
    }

    @Test("a missing device names its path and errno")
    func missingDevice() {
        let path = "/dev/xen/evtchn-" + UUID().uuidString
        #expect(throws: XenDeviceError.unavailable(path: path, errno: .ENOENT)) { _ = try EventChannels(path: path) }
        #expect(throws: XenDeviceError.unavailable(path: path, errno: .ENOENT)) { _ = try GrantTable(path: path) }
        #expect(throws: XenDeviceError.unavailable(path: path, errno: .ENOENT)) { _ = try Xenstore(transport: .socket(path)) }
    }

    @Test("an ioctl on a file that is not the driver fails naming the ioctl; a read that is not a port fails too")
    func wrongDevice() throws {
        // A regular file of this test's own, as in the runtime's leak test: its ioctls fail with ENOTTY.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("evtchn-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let channels = try EventChannels(path: path)
        #expect(throws: XenDeviceError.callFailed(operation: "IOCTL_EVTCHN_NOTIFY", errno: XenErrno(rawValue: ENOTTY))) {
            try channels.notify(1)
        }
        // An empty file is always readable and reads nothing: not a 4-byte port.
        #expect(throws: XenDeviceError.callFailed(operation: "read \(path)", errno: XenErrno(rawValue: EIO))) {
            _ = try channels.pending(timeout: .zero)
        }
    }
}
