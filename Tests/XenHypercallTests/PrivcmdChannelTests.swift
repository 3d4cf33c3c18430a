import Foundation
import Testing
@testable import XenHypercall

/// The runtime off Xen: the tests run on an ordinary Linux host, where the hypercall path must fail
/// with clear errors and leave the process healthy. (The live suite, Scripts/live-xen.sh, covers the
/// same runtime on a real Xen.)
@Suite("privcmd channel off Xen")
struct PrivcmdChannelTests {
    @Test("a missing privcmd device says which and how to fix it")
    func missingDevice() throws {
        let path = "/dev/xen/privcmd-" + UUID().uuidString
        let error = #expect(throws: XenHypercallError.self) { try XenHypervisor(privcmd: path) }
        #expect(error == .privcmdUnavailable(path: path, errno: .ENOENT))
        #expect(
            error?.description == "cannot open \(path): ENOENT (No such file or directory): not running in a Xen domain,"
                + " or the privcmd driver is not loaded (load it: modprobe xen-privcmd)")
    }

    @Test("the default device: on a host without Xen the same clear error, on a Xen host a working channel")
    func defaultDevice() throws {
        if FileManager.default.fileExists(atPath: "/dev/xen/privcmd") {
            _ = try XenHypervisor()
        } else {
            #expect(throws: XenHypercallError.privcmdUnavailable(path: "/dev/xen/privcmd", errno: .ENOENT)) { try XenHypervisor() }
        }
    }

    @Test("a device that is not privcmd: the hypercall fails with ENOTTY naming the op, and the process goes on")
    func notPrivcmd() throws {
        let channel = try PrivcmdChannel(path: "/dev/null")
        let error = #expect(throws: XenHypercallError.self) { try channel.hypercall(17, [0, 0], operation: "__HYPERVISOR_xen_version") }
        #expect(error == .hypercallFailed(operation: "__HYPERVISOR_xen_version", errno: XenErrno(rawValue: ENOTTY)))
        #expect(error?.description == "__HYPERVISOR_xen_version failed: Xen answered ENOTTY (Inappropriate ioctl for device)")
    }

    @Test("a request through a non-privcmd device names the op by its C name")
    func requestNamesTheOp() throws {
        let xen = try XenHypervisor(privcmd: "/dev/null")
        var request = ProbeRequest()
        request.cmd = 5
        let error = #expect(throws: XenHypercallError.self) { try xen.issue(request) }
        #expect(error == .hypercallFailed(operation: "PROBE_five", errno: XenErrno(rawValue: ENOTTY)))
        request.cmd = 6
        #expect(throws: XenHypercallError.hypercallFailed(operation: "PROBE_6", errno: XenErrno(rawValue: ENOTTY))) {
            try xen.issue(request)
        }
    }

    @Test("the interface-version mismatch names both versions")
    func mismatchText() {
        let error = XenHypercallError.interfaceVersionMismatch(operation: "XEN_DOMCTL_getdomaininfo", bindings: 0x15, hypervisor: 0x17)
        #expect(
            error.description == "XEN_DOMCTL_getdomaininfo refused: these bindings speak interface version 0x15,"
                + " the hypervisor 0x17; regenerate the bindings from the hypervisor's headers")
        #expect(error.errno == .EACCES)
    }

    @Test("errno names follow xen/errno.h; unknown numbers still read")
    func errnoNames() {
        #expect(XenErrno.ESRCH.description == "ESRCH (No such process)")
        #expect(XenErrno.ENOSYS.description == "ENOSYS (Function not implemented)")
        #expect(XenErrno(rawValue: 1).name == "EPERM")
        #expect(XenErrno(rawValue: 300).name == "errno 300")
    }
}

/// A request type as the templates emit the glue for one, for a made-up family.
struct ProbeRequest: XenRequest {
    typealias Operation = ProbeOp
    static var hypercall: UInt64 { 36 }
    var cmd: UInt32 = 0
    var operationNumber: UInt32 {
        get { cmd }
        set { cmd = newValue }
    }
}

/// A made-up op family with one op.
enum ProbeOp: UInt32, XenOperation {
    case five = 5
    static let cPrefix = "PROBE_"
    static let header = "probe.h"
    var cName: String { "PROBE_five" }
}

/// A made-up hypercall table with one hypercall, as the generated `Hypercall` enum conforms.
enum ProbeHypercall: UInt64, XenHypercallNumber {
    case five = 5
    static let cPrefix = "__PROBE_"
    static let header = "probe.h"
    var cName: String { "__PROBE_five" }
}
