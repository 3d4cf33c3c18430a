import Foundation
import Testing

/// A request accepts only its op's payload type: anything else is a compile error.
@Suite struct TypedCommandTests {
    @Test("a payload of the wrong type, a missing payload, and a payload for a no-payload op do not compile")
    func wrongPayloadDoesNotCompile() throws {
        let bindings = try GeneratedBindings.real()
        defer { try? FileManager.default.removeItem(at: bindings.folder) }
        let consumer = """
            let a = XenDomctl(.getdomaininfo, domain: 1, payload: XenDomctlMaxMem())
            let b = XenSysctl(.physinfo, payload: XenDomctlGetdomaininfo())
            let c = XenDomctl(.maxMem, domain: 1)
            let d = XenDomctl(.pausedomain, domain: 1, payload: XenDomctlMaxMem())

            """
        try consumer.write(to: bindings.folder.appendingPathComponent("consumer.swift"), atomically: true, encoding: .utf8)
        let compile = try swiftc(["-typecheck", "-swift-version", "6", "-diagnostic-style", "llvm"] + bindings.swiftFiles, in: bindings.folder)
        #expect(compile.status != 0)
        #expect(compile.stderr.contains(
            "consumer.swift:1:55: error: cannot convert value of type 'XenDomctlMaxMem' to expected argument type 'XenDomctlGetdomaininfo'"))
        #expect(compile.stderr.contains(
            "consumer.swift:2:39: error: cannot convert value of type 'XenDomctlGetdomaininfo' to expected argument type 'XenSysctlPhysinfo'"))
        #expect(compile.stderr.contains(
            "consumer.swift:3:20: error: static property 'maxMem' requires the types 'XenNoPayload' and 'XenDomctlMaxMem' be equivalent"))
        #expect(compile.stderr.contains(
            "consumer.swift:4:53: error: cannot convert value of type 'XenDomctlMaxMem' to expected argument type 'XenNoPayload'"))
    }

    @Test("the right payload compiles, in Swift 6 mode without warnings")
    func rightPayloadCompiles() throws {
        let bindings = try GeneratedBindings.real()
        defer { try? FileManager.default.removeItem(at: bindings.folder) }
        let consumer = """
            let a = XenDomctl(.getdomaininfo, domain: 1, payload: XenDomctlGetdomaininfo())
            let b = XenDomctl(.pausedomain, domain: 1)
            let c = XenPlatformOp(.getCpuinfo, payload: XenpfPcpuinfo())
            let d: [DomctlCommand<XenDomctlVcpuaffinity>] = [.setvcpuaffinity, .getvcpuaffinity]

            """
        try consumer.write(to: bindings.folder.appendingPathComponent("consumer.swift"), atomically: true, encoding: .utf8)
        let compile = try swiftc(["-typecheck", "-swift-version", "6"] + bindings.swiftFiles, in: bindings.folder)
        #expect(compile.status == 0, "\(compile.stderr)")
        #expect(!compile.stderr.contains("warning:"), "\(compile.stderr)")
    }
}
