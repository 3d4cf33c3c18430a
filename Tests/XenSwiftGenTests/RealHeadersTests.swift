import Foundation
import Testing
import XenIR
import XenSwiftGen

/// The reader on the installed libxen-dev headers, through the real CLI and the real libclang.
@Suite struct RealHeadersTests {
    /// `dump-ir` of `/usr/include/xen`, decoded (``realHeadersInterface()``).
    static func realInterface() throws -> XenInterface {
        try realHeadersInterface()
    }

    static func op(_ interface: XenInterface, _ family: String, _ name: String) throws -> Op {
        guard let op = interface.family(named: family)?.ops.first(where: { $0.name == name }) else {
            throw TestFailure("\(name) not found in \(family)")
        }
        return op
    }

    @Test("every family of the issue is found with ops")
    func families() throws {
        let interface = try Self.realInterface()
        // libxen-dev 4.17 (Debian): ops per family as live / obsolete / retired, and how many are inactive
        // under __XEN_TOOLS__ (defined only for the hypervisor or another architecture).
        let expected: [(String, live: Int, obsolete: Int, retired: Int, inactive: Int)] = [
            ("hypercall", 50, 0, 0, 0), ("domctl", 73, 2, 12, 2), ("sysctl", 26, 0, 2, 0), ("memory", 28, 0, 1, 0),
            ("platform", 22, 0, 0, 0), ("physdev", 25, 0, 0, 0), ("hvm", 13, 2, 0, 3), ("vcpu", 14, 0, 0, 0),
            ("sched", 8, 0, 0, 0), ("event-channel", 15, 0, 0, 1), ("grant-table", 13, 0, 0, 0), ("dm", 20, 0, 0, 0),
            ("sysctl-cpupool", 7, 0, 0, 0),
        ]
        for (name, live, obsolete, retired, inactive) in expected {
            let family = try #require(interface.family(named: name), "missing family \(name)")
            let counts = [OpStatus.live, .obsolete, .retired].map { status in family.ops.filter { $0.status == status }.count }
            #expect(counts == [live, obsolete, retired], "\(name): live/obsolete/retired")
            #expect(family.ops.filter { !$0.isActive }.count == inactive, "\(name): inactive")
        }
        // The tombstones of the other numbered groups (issue 23): io/xs_wire.h's enum gap, "(Removed)",
        // "obsolete since 0x00040400", "Obsolete:" and "No longer implemented".
        let tombstones: [(String, Int, Int, Int)] = [
            ("xenstore-message", 22, 0, 1), ("scheduler", 5, 0, 1), ("kexec", 5, 2, 0), ("kexec-range", 6, 1, 0), ("flask", 23, 2, 0),
            ("domctl-shadow-op", 8, 0, 1), ("features", 17, 0, 1), ("trace-scheduler", 5, 0, 1),
        ]
        for (name, live, obsolete, retired) in tombstones {
            let family = try #require(interface.family(named: name), "missing family \(name)")
            let counts = [OpStatus.live, .obsolete, .retired].map { status in family.ops.filter { $0.status == status }.count }
            #expect(counts == [live, obsolete, retired], "\(name): live/obsolete/retired")
        }
        #expect(
            interface.family(named: "xenstore-message")?.ops.first { $0.status == .retired }.map { [$0.name, "\($0.number)"] }
                == ["XS_RESTRICT", "20"])
        #expect(interface.family(named: "scheduler")?.ops.first { $0.status == .retired }?.name == "XEN_SCHEDULER_SEDF")
        // trace.h retires its scheduler id 2 under domctl.h's name (the row's otherPrefixes).
        #expect(
            interface.family(named: "trace-scheduler")?.ops.first { $0.status == .retired }.map { [$0.name, "\($0.number)"] }
                == ["XEN_SCHEDULER_SEDF", "2"])
        // Every row of the built-in table but the three of records only (hvm-save, console, 9pfs).
        #expect(interface.families.count == (try BuiltinFamilies.table()).count - 3)
        #expect(interface.family(named: "domctl")?.interfaceVersion?.value == 0x15)
        #expect(interface.family(named: "sysctl")?.interfaceVersion?.name == "XEN_SYSCTL_INTERFACE_VERSION")
        #expect(interface.family(named: "hypercall")?.interfaceVersion?.name == "__XEN_LATEST_INTERFACE_VERSION__")
    }

    @Test("domctl statuses, markers and replacements follow the header comments")
    func domctl() throws {
        let interface = try Self.realInterface()
        let getdomaininfo = try Self.op(interface, "domctl", "XEN_DOMCTL_getdomaininfo")
        #expect(getdomaininfo.status == .live && getdomaininfo.number == 5 && getdomaininfo.file == "domctl.h")
        let getmemlist = try Self.op(interface, "domctl", "XEN_DOMCTL_getmemlist")
        #expect(getmemlist.status == .retired && getmemlist.number == 6 && getmemlist.marker == "Removed")
        #expect(getmemlist.line == getdomaininfo.line + 1)
        let pageframe = try Self.op(interface, "domctl", "XEN_DOMCTL_getpageframeinfo")
        #expect(pageframe.status == .retired && pageframe.replacement == "XEN_DOMCTL_getpageframeinfo3")
        let realMode = try Self.op(interface, "domctl", "XEN_DOMCTL_real_mode_area")
        #expect(realMode.status == .obsolete && realMode.marker == "Obsolete PPC only")
        let evtchn = try Self.op(interface, "domctl", "XEN_DOMCTL_set_max_evtchn")
        #expect(evtchn.status == .retired && evtchn.replacement == "XEN_DOMCTL_createdomain")
        let pin = try Self.op(interface, "domctl", "XEN_DOMCTL_pin_mem_cacheattr")
        #expect(pin.status == .retired && pin.marker == "Removed - use dmop")
        let softReset = try Self.op(interface, "domctl", "XEN_DOMCTL_soft_reset_cont")
        #expect(softReset.condition == "defined(__XEN__)" && !softReset.isActive)
        let archSetup = try Self.op(interface, "domctl", "XEN_DOMCTL_arch_setup")
        #expect(archSetup.status == .retired && archSetup.number == 23 && archSetup.condition == "defined(__XEN__)")
        // Nested lists with the same prefix stay in their own family.
        #expect(interface.family(named: "domctl")?.ops.contains { $0.name == "XEN_DOMCTL_vmtrace_enable" } == false)
        #expect(interface.family(named: "domctl-vmtrace")?.ops.map(\.number) == [1, 2, 3, 4, 5, 6])
    }

    @Test("tombstones without wording, in comment blocks, and after a REMOVED banner")
    func otherTombstones() throws {
        let interface = try Self.realInterface()
        let tmem = try Self.op(interface, "sysctl", "XEN_SYSCTL_tmem_op")
        #expect(tmem.status == .retired && tmem.number == 24 && tmem.marker == nil)
        let emulate = try Self.op(interface, "memory-access", "XENMEM_access_op_enable_emulate")
        #expect(emulate.status == .retired && emulate.number == 2 && emulate.replacement == nil)
        #expect(emulate.marker?.contains("please do not reuse them") == true)
        let translate = try Self.op(interface, "memory", "XENMEM_translate_gpfn_list")
        #expect(translate.status == .retired && translate.marker == "REMOVED")
    }

    @Test("deprecated-by comments, informational markers and aliases")
    func deprecatedAndAliases() throws {
        let interface = try Self.realInterface()
        let setMemAccess = try Self.op(interface, "hvm", "HVMOP_set_mem_access")
        #expect(setMemAccess.status == .obsolete && setMemAccess.replacement == "XENMEM_access_op_set_access")
        let compat = try Self.op(interface, "hypercall", "__HYPERVISOR_event_channel_op_compat")
        #expect(compat.status == .live && compat.marker == "compat since 0x00030202")
        let aliases = interface.family(named: "hypercall")?.aliases ?? []
        #expect(aliases.contains { $0.name == "__HYPERVISOR_dom0_op" && $0.target == "__HYPERVISOR_platform_op" })
        #expect(interface.family(named: "hypercall")?.ops.contains { $0.name == "__HYPERVISOR_dom0_op" } == false)
    }

    @Test("the generated Swift for the real headers typechecks in Swift 6 mode without warnings")
    func generatedCompiles() throws {
        let outcome = try RealBindingsTypecheck.passing.get()
        #expect(outcome.generatedFiles.contains("DomctlOp.swift") && outcome.generatedFiles.contains("Hypercall.swift"))
        #expect(outcome.compile.status == 0, "\(outcome.compile.stderr)")
        #expect(!outcome.compile.stderr.contains("warning:"), "\(outcome.compile.stderr)")
    }

    /// Uses two retired ops (typechecked in ``RealBindingsTypecheck/failing``).
    static let retiredOpsConsumer = "let x = DomctlOp.getmemlist\nlet y: DomctlOp = .getpageframeinfo\n"

    @Test("using a retired op is a compile error with the header's reason and a rename fix-it")
    func retiredOpsDoNotCompile() throws {
        let compile = try RealBindingsTypecheck.failing.get().compile
        #expect(compile.status != 0)
        #expect(
            compile.stderr.contains(
                "retired-ops.swift:1:18: error: 'getmemlist' is unavailable: XEN_DOMCTL_getmemlist (6) was retired: Removed"),
            "\(compile.stderr)")
        #expect(
            compile.stderr.contains(
                "retired-ops.swift:2:20: error: 'getpageframeinfo' has been renamed to 'getpageframeinfo3': "
                    + "XEN_DOMCTL_getpageframeinfo (7) was retired: Obsolete - use getpageframeinfo3"))
        // The fix-it line under the caret.
        #expect(compile.stderr.contains("                   getpageframeinfo3\n"))
    }
}
