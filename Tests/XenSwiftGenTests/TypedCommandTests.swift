import Foundation
import Testing
import XenIR

/// A request accepts only its op's payload type: anything else is a compile error.
@Suite struct TypedCommandTests {
    /// Wrong payloads and arguments (typechecked in ``RealBindingsTypecheck/failing``).
    static let wrongPayloadConsumer = """
        let a = XenDomctl(.getdomaininfo, domain: 1, payload: XenDomctlMaxMem())
        let b = XenSysctl(.physinfo, payload: XenDomctlGetdomaininfo())
        let c = XenDomctl(.maxMem, domain: 1)
        let d = XenDomctl(.pausedomain, domain: 1, payload: XenDomctlMaxMem())
        func call() -> Int {
            var poll = SchedPoll()
            return SchedCommand.shutdown.withArgument(&poll) { _, _ in 0 }
        }
        func e(_ xen: XenHypervisor) throws {
            _ = try xen.dm(.nrVcpus, domain: 1, payload: XenDMOpSetIsaIRQLevel())
            _ = try xen.vcpu(.isUp, payload: XenNoPayload())
            _ = try xen.grantTable(.querySize, payloads: [GnttabGetVersion()])
            _ = try xen.mmuext(.tlbFlushLocal, domain: 0x7FF0, payload: XenNoPayload())
        }
        import XenHypercall

        """

    @Test("a payload of the wrong type, a missing payload, a payload for a no-payload op, and a wrong argument struct do not compile")
    func wrongPayloadDoesNotCompile() throws {
        let compile = try RealBindingsTypecheck.failing.get().compile
        #expect(compile.status != 0)
        #expect(
            compile.stderr.contains(
                "wrong-payload.swift:1:55: error: cannot convert value of type 'XenDomctlMaxMem' to expected argument type 'XenDomctlGetdomaininfo'"
            ))
        #expect(
            compile.stderr.contains(
                "wrong-payload.swift:2:39: error: cannot convert value of type 'XenDomctlGetdomaininfo' to expected argument type 'XenSysctlPhysinfo'"
            ))
        #expect(
            compile.stderr.contains(
                "wrong-payload.swift:3:20: error: static property 'maxMem' requires the types 'XenNoPayload' and 'XenDomctlMaxMem' be equivalent"
            ))
        #expect(
            compile.stderr.contains(
                "wrong-payload.swift:4:53: error: cannot convert value of type 'XenDomctlMaxMem' to expected argument type 'XenNoPayload'"))
        #expect(
            compile.stderr.contains(
                "wrong-payload.swift:7:47: error: cannot convert value of type 'SchedPoll' to expected argument type 'SchedShutdown'"))
        #expect(
            compile.stderr.contains(
                "wrong-payload.swift:10:50: error: cannot convert value of type 'XenDMOpSetIsaIRQLevel' to expected argument type 'XenDMOpNrVcpus'"
            ))
        #expect(compile.stderr.contains("wrong-payload.swift:11:27: error: missing argument for parameter 'vcpu' in call"))
        #expect(
            compile.stderr.contains(
                "wrong-payload.swift:12:51: error: cannot convert value of type 'GnttabGetVersion' to expected element type 'GnttabQuerySize'"
            ),
            "\(compile.stderr)")
        // mmuext_op's op travels in its payload, so every op takes `struct mmuext_op`.
        #expect(
            compile.stderr.contains(
                "wrong-payload.swift:13:65: error: cannot convert value of type 'XenNoPayload' to expected argument type 'MMUExtOpRecord'"),
            "\(compile.stderr)")
    }

    @Test("a family table row whose call shape the runtime has no call for is a clear error, and nothing is written")
    func impossibleCallShape() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table =
            try JSONSerialization.jsonObject(
                with: Data(
                    contentsOf: Paths.packageRoot
                        .appendingPathComponent("Sources/XenSwiftGen/BuiltinFamilies.json"))) as? [String: Any]
        var sched = try #require((table?["familyTable"] as? [[String: Any]])?.first { $0["name"] as? String == "sched" })
        sched["bufferArray"] = true
        var domctl = try #require((table?["familyTable"] as? [[String: Any]])?.first { $0["name"] as? String == "domctl" })
        domctl["hypercallArguments"] = [["label": "vcpu", "type": "UInt32", "c": "unsigned int vcpuid"]]
        var grants = try #require((table?["familyTable"] as? [[String: Any]])?.first { $0["name"] as? String == "grant-table" })
        var mmuext = try #require((table?["familyTable"] as? [[String: Any]])?.first { $0["name"] as? String == "mmuext" })
        mmuext["payloadCount"] = nil
        var hypfs = try #require((table?["familyTable"] as? [[String: Any]])?.first { $0["name"] as? String == "hypfs" })
        hypfs["hypercallArguments"] = [["label": "domain", "type": "UInt16", "c": "domid_t domid"]]
        grants["hypercallArguments"] = [["label": "vcpu", "type": "UInt32", "c": "unsigned int vcpuid"]]
        for (row, message) in [
            (
                grants,
                "error: family 'grant-table': payloadCount needs a payload argument and no hypercallArguments: the hypercall takes (op, payloads, count)"
            ),
            (sched, "error: family 'sched': bufferArray needs a request record, the buffer the array starts with"),
            (
                mmuext,
                "error: family 'mmuext': opInPayload needs payloadArgument, payloadCount and a payload record with the field 'cmd': the hypercall takes (payloads, count, done, arguments…)"
            ),
            (
                hypfs,
                "error: family 'hypfs': regionArguments take the place of the payload: at most two, with no request record, payloadCount or hypercallArguments (the hypercall takes op, address, size, address, size)"
            ),
            (
                domctl,
                "error: family 'domctl': hypercallArguments with a request record need bufferArray: the hypercall takes the request's address alone"
            ),
        ] {
            let config = folder.appendingPathComponent("config.json")
            try JSONSerialization.data(withJSONObject: ["familyTable": [row]]).write(to: config)
            let output = folder.appendingPathComponent("out")
            let result = try xenSwiftGen(["generate", "--config", config.path, "--output", output.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    /// An op of another family where a hypercall number is expected (typechecked in ``RealBindingsTypecheck/failing``).
    static let hypercallNumberConsumer = """
        func f(_ xen: XenHypervisor) throws -> Int {
            _ = try xen.hypercall(Hypercall.xenVersion, 0, 0)
            return try xen.hypercall(DomctlOp.getdomaininfo)
        }
        import XenHypercall

        """

    @Test("a plain hypercall takes only a hypercall number: an op of another family does not compile")
    func opIsNotAHypercallNumber() throws {
        // DomctlOp.getdomaininfo is 5, as __HYPERVISOR_set_callbacks is: before the fix this issued hypercall 5.
        let outcome = try RealBindingsTypecheck.failing.get()
        #expect(outcome.compile.status != 0)
        let errors = outcome.errors(in: "hypercall-number.swift")
        #expect(
            errors == [
                "hypercall-number.swift:3:20: error: instance method 'hypercall' requires that 'DomctlOp' conform to 'XenHypercallNumber'"
            ], "\(outcome.compile.stderr)")
    }

    /// Every call shape used right (typechecked in ``RealBindingsTypecheck/passing``).
    static let rightPayloadConsumer = """
        import XenHypercall
        let a = XenDomctl(.getdomaininfo, domain: 1, payload: XenDomctlGetdomaininfo())
        let b = XenDomctl(.pausedomain, domain: 1)
        let c = XenPlatformOp(.getCpuinfo, payload: XenpfPcpuinfo())
        let d: [DomctlCommand<XenDomctlVcpuaffinity>] = [.setvcpuaffinity, .getvcpuaffinity]
        func call() -> Bool {
            var shutdown = SchedShutdown()
            var none = XenNoPayload()
            return SchedCommand.shutdown.withArgument(&shutdown) { op, argument in op == 2 && argument != nil }
                && SchedCommand.yield.withArgument(&none) { _, argument in argument == nil }
        }
        // One reply shape for every family; a call whose result only says "done" needs no `_ =`.
        func shapes(_ xen: XenHypervisor) throws -> Domid {
            try xen.domctl(.unpausedomain, domain: 1)
            try xen.domctl(.setvcpuaffinity, domain: 1, payload: XenDomctlVcpuaffinity())
            try xen.sched(.yield)
            let sizes: [GnttabQuerySize] = try xen.grantTable(.querySize, payloads: [GnttabQuerySize()]).payload
            let one: XenReply<GnttabQuerySize, XenNoPayload> = try xen.grantTable(.querySize, payload: GnttabQuerySize())
            let version: Int = try xen.xenver(.version).value
            let features: XenFeatureInfo = try xen.xenver(.getFeatures, payload: XenFeatureInfo()).payload
            let up: Int = try xen.vcpu(.isUp, vcpu: 0).value
            let info: XenDomctlGetdomaininfo = try xen.domctl(.getdomaininfo, domain: 0, payload: XenDomctlGetdomaininfo()).payload
            // The three shapes of the last families: regions (hypfs), the op inside a batch of
            // records (mmuext_op), and x86's machine-check request.
            let hypfs: Int = try xen.hypfs(.getVersion).value
            let read: Int = try xen.withBuffer(of: UInt8.self, capacity: 64) { buffer in
                try xen.hypfs(.read, path: try buffer.region(elements: 2), data: try buffer.region(elements: 64)).value
            }
            try xen.mmuext(.tlbFlushLocal, domain: XenDomainID.selfDomain.rawValue, payload: MMUExtOpRecord())
            let flushed: [MMUExtOpRecord] = try xen.mmuext(.invlpgLocal, domain: 0, payloads: [MMUExtOpRecord(), MMUExtOpRecord()]).payload
            let physical: XenMcPhyscpuinfo = try xen.mca(.physcpuinfo, payload: XenMcPhyscpuinfo()).payload
            _ = (hypfs, read, flushed, physical)
            _ = (sizes, one, version, features, up, info)
            return try xen.domctl(.createdomain, domain: 0, payload: XenDomctlCreatedomain()).domain
        }

        """

    @Test("the right payload compiles, in Swift 6 mode without warnings")
    func rightPayloadCompiles() throws {
        let compile = try RealBindingsTypecheck.passing.get().compile
        #expect(compile.status == 0, "\(compile.stderr)")
        #expect(!compile.stderr.contains("warning:"), "\(compile.stderr)")
    }
}

/// Families whose hypercall takes the payload as its argument bind ops from `arg ==` comments.
@Suite struct ArgumentPayloadTests {
    @Test("physdev, sched, vcpu and memory ops are bound from their arg comments; unclear ones are not")
    func realBindings() throws {
        let interface = try RealHeadersTests.realInterface()
        func binding(_ family: String, _ op: String) -> RequestBinding.Binding? {
            interface.requests.first { $0.family == family }?.bindings.first { $0.op == op }
        }
        func unmapped(_ family: String) -> [String] {
            interface.requests.first { $0.family == family }?.unmapped.map(\.op) ?? []
        }
        #expect(binding("physdev", "PHYSDEVOP_eoi")?.record == "physdev_eoi")
        #expect(binding("sched", "SCHEDOP_shutdown_code")?.record == "sched_shutdown")
        #expect(binding("sched", "SCHEDOP_yield").map { $0.record == nil && $0.source == .argumentComment } == true)
        #expect(binding("vcpu", "VCPUOP_get_physid")?.record == "vcpu_get_physid")
        #expect(binding("memory", "XENMEM_current_reservation")?.record == "xen_memory_domain")
        // "@extra_arg == For PV or ARM guests this is a pointer to a vcpu_guest_context … For x86 HVM
        // based guests this is a pointer to a vcpu_hvm_context": two structs, so no binding, and the
        // reason says so; a comment over several defines binds only the first one, the others come
        // from the family table.
        #expect(unmapped("vcpu") == ["VCPUOP_initialise"])
        #expect(
            interface.requests.first { $0.family == "vcpu" }?.unmapped.first?.reason
                == "its comment names more than one argument struct (vcpu_guest_context, vcpu_hvm_context)")
        #expect(
            binding("memory", "XENMEM_decrease_reservation").map { $0.record == "xen_memory_reservation" && $0.source == .override } == true
        )
        #expect(unmapped("memory") == ["XENMEM_get_sharing_freed_pages", "XENMEM_get_sharing_shared_pages"])
        #expect(interface.record(named: "sched_shutdown") != nil)
        // Xen's handler copies a domid_t and an int: the family table says so, and the reason is that one.
        let xenoprof = interface.requests.first { $0.family == "xenoprof" }?.unmapped
        #expect(
            xenoprof?.map { "\($0.op): \($0.reason)" } == [
                "XENOPROF_set_active: its argument points to the scalar 'domid_t', and a typed command takes a struct payload",
                "XENOPROF_set_backtrace: its argument points to the scalar 'int', and a typed command takes a struct payload",
            ])
        #expect(xenoprof?.allSatisfy { $0.remedy?.contains("hypercall(_:_:)") == true } == true)
        // Every mmuext op travels in `struct mmuext_op`; hypfs ops take regions, no payload.
        let mmuext = interface.requests.first { $0.family == "mmuext" }
        #expect(mmuext?.unmapped == [])
        #expect(mmuext?.bindings.count ?? 0 >= 20)
        #expect(mmuext?.bindings.allSatisfy { $0.record == "mmuext_op" && $0.source == .opInPayload } == true)
        #expect(interface.requests.first { $0.family == "hypfs" }?.bindings.map { $0.record == nil } == [true, true, true])
    }
}
