import Foundation
import Testing

/// One output for several releases (`generate --xen-git REPO --release …`): every release's interface
/// version from its own header, each op usable on the releases whose C compiler lays its payload out
/// as the output does, a stable op marked, and the output compiling.
@Suite struct ReleaseSetTests {
    /// The latest patch of each series 4.16 … 4.22, as the shared hypervisor images are.
    static let releases = [
        "RELEASE-4.16.7", "RELEASE-4.17.7", "RELEASE-4.18.6", "RELEASE-4.19.6", "RELEASE-4.20.4",
        "RELEASE-4.21.2", "RELEASE-4.22.0",
    ]

    /// `sizeof(struct NAME)` under clang for x86_64, with `revision`'s headers: the oracle.
    static func cSize(_ record: String, header: String, revision: String) throws -> Int {
        let tree = try HistoryBundle.tree(revision, subfolder: "xen")
        defer { try? FileManager.default.removeItem(at: tree) }
        let source = tree.appendingPathComponent("probe.c")
        try
            "#include <stdio.h>\n#include <stdint.h>\n#include <xen/\(header)>\nint main(void) { printf(\"%zu\", sizeof(struct \(record))); return 0; }\n"
            .write(to: source, atomically: true, encoding: .utf8)
        let binary = tree.appendingPathComponent("probe")
        let build = try run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["cc", "-D__XEN_TOOLS__", "-I", tree.path, "-o", binary.path, source.path])
        guard build.status == 0 else { throw TestFailure("cc failed for \(revision): \(build.stderr)") }
        let output = try run(binary, [])
        guard let size = Int(output.stdout) else { throw TestFailure("probe printed '\(output.stdout)'") }
        return size
    }

    /// `4.16` for `RELEASE-4.16.7`.
    static func series(_ revision: String) -> String {
        revision.dropFirst("RELEASE-".count).split(separator: ".").prefix(2).joined(separator: ".")
    }

    /// `#define NAME VALUE` of `header` at `revision`, read with grep-level text: the oracle.
    static func defineValue(_ name: String, header: String, revision: String) throws -> String {
        let text = try HistoryBundle.git(["show", "\(revision):\(header)"])
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("#define \(name) ") }),
            let value = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first
        else { throw TestFailure("\(revision):\(header) defines no \(name)") }
        return String(value)
    }

    /// The release list of the `releases` switch arm that lists `literal` (the first such arm), or `nil`.
    static func releases(ofRawValue literal: String, in text: String) -> String? {
        // Only the `releases` switch (not `recordLayoutReleases`, which follows it).
        guard let start = text.range(of: "var releases: [XenRelease]? {") else { return nil }
        let body = text[start.upperBound...].prefix { $0 != "}" }
        for line in body.split(separator: "\n") where line.hasPrefix("        case ") && line.contains(": [XenRelease(") {
            let parts = line.dropFirst("        case ".count).components(separatedBy: ": [")
            if parts[0].components(separatedBy: ", ").contains(literal) { return "[" + parts.dropFirst().joined(separator: ": [") }
        }
        return nil
    }

    @Test("seven releases give one output: interface versions from each header, ops per payload layout, a stable op, and it compiles")
    func sevenReleases() throws {
        let output = try makeTemporaryFolder("xsg-releases")
        defer { try? FileManager.default.removeItem(at: output) }
        let generate = try xenSwiftGen(
            ["generate", "--xen-git", try HistoryBundle.repository(), "--output", output.path]
                + Self.releases.flatMap { ["--release", $0] })
        #expect(generate.status == 0, "\(generate.stderr)")
        #expect(generate.stdout.contains("RELEASE-4.16.7 … RELEASE-4.22.0 (7 releases)"), "\(generate.stdout)")
        let sysctl = try String(contentsOf: output.appendingPathComponent("SysctlOp.swift"), encoding: .utf8)
        let domctl = try String(contentsOf: output.appendingPathComponent("DomctlOp.swift"), encoding: .utf8)

        // Every release's own interface versions, as its header defines them.
        for revision in Self.releases {
            let series = revision.dropFirst("RELEASE-".count).split(separator: ".").prefix(2).map(String.init)
            for (text, macro, header) in [
                (sysctl, "XEN_SYSCTL_INTERFACE_VERSION", "sysctl.h"), (domctl, "XEN_DOMCTL_INTERFACE_VERSION", "domctl.h"),
            ] {
                let value = try Self.defineValue(macro, header: header, revision: revision)
                let literal = "0x" + String(UInt64(value.dropFirst(2), radix: 16) ?? 0, radix: 16)
                #expect(text.contains("        case (\(series[0]), \(series[1])): \(literal)\n"), "\(macro) of \(revision) is \(value)")
            }
        }

        // physinfo: every release, in a storage layout of its own for exactly the releases whose C compiler
        // lays it out otherwise than the newest release's.
        let sizes = try Self.releases.map { try Self.cSize("xen_sysctl_physinfo", header: "sysctl.h", revision: $0) }
        let differing = zip(Self.releases, sizes).filter { $0.1 != sizes.last }.map { Self.series($0.0) }
        #expect(!differing.isEmpty, "the oracle needs a release whose physinfo differs: \(sizes)")
        #expect(Self.releases(ofRawValue: "3", in: sysctl) == nil, "physinfo is not offered on every release")
        let probe = try ReleaseLayoutProbe(output: output)
        let physinfoLayouts = probe.layouts(of: "XenSysctlPhysinfo", arch: "x86_64")
        #expect(physinfoLayouts.values.flatMap { $0 }.sorted() == differing.sorted(), "\(physinfoLayouts)")

        // The article's table (OneProgramEveryRelease.md), row by row: which storage layout each release gets
        // (a release in none takes the record itself) and which releases refuse the op.
        #expect(probe.layouts(of: "XenSysctlPhysinfo", arch: "arm64") == ["Layout4_16": ["4.16"]])
        #expect(probe.layouts(of: "XenDomctlGetdomaininfo", arch: "x86_64") == [:])
        #expect(
            probe.layouts(of: "XenDomctlGetdomaininfo", arch: "arm64") == [
                "Layout4_16": ["4.16", "4.17"], "Layout4_18": ["4.18", "4.19", "4.20"],
            ])
        #expect(
            probe.layouts(of: "XenDomctlCreatedomain", arch: "x86_64")
                == ["Layout4_16": ["4.16"], "Layout4_17": ["4.17", "4.18"], "Layout4_19": ["4.19", "4.20"]])
        #expect(
            probe.layouts(of: "XenDomctlCreatedomain", arch: "arm64")
                == ["Layout4_16": ["4.16"], "Layout4_17": ["4.17"], "Layout4_18": ["4.18"], "Layout4_19": ["4.19", "4.20"]])
        #expect(
            Self.releases(ofRawValue: "5", in: domctl) == nil && Self.releases(ofRawValue: "1", in: domctl) == nil,
            "getdomaininfo and createdomain are not offered on every release")
        // sysctl getdomaininfolist returns an array of xen_domctl_getdomaininfo through a guest handle; on arm64
        // that record's storage layouts (above) serve the buffer, so every release takes the op on both
        // architectures, and a request built by hand too (its own payload is laid out alike everywhere).
        #expect(Self.releases(ofRawValue: "6", in: sysctl) == nil, "getdomaininfolist is refused on some release")
        #expect(!sysctl.contains("        case 6: ["), "getdomaininfolist has a release list of its own")

        // Every storage layout, proved by the C compiler with each of its releases' own headers, on both
        // architectures: one compile-only probe per release and architecture.
        var asserted = 0
        for revision in Self.releases {
            let tree = try HistoryBundle.tree(revision, subfolder: "xen")
            defer { try? FileManager.default.removeItem(at: tree) }
            for (arch, triple) in [("x86_64", "x86_64-linux-gnu"), ("arm64", "aarch64-linux-gnu")] {
                let program = probe.program(release: Self.series(revision), arch: arch)
                let source = tree.appendingPathComponent("probe-\(arch).c")
                try program.source.write(to: source, atomically: true, encoding: .utf8)
                let check = try run(
                    URL(fileURLWithPath: "/usr/bin/env"),
                    [
                        "clang", "--target=\(triple)", "-ffreestanding", "-fsyntax-only",
                        "-D__XEN_TOOLS__", "-I", tree.path, source.path,
                    ])
                #expect(check.status == 0, "\(revision) \(arch): \(check.stderr.prefix(3000))")
                asserted += program.count
            }
        }
        #expect(asserted > 0, "no storage layout was probed")

        // get_domain_state: only the releases that define it, sent as a stable interface.
        #expect(domctl.contains("case getDomainState = 90"))
        #expect(domctl.contains("        case 90: true // XEN_DOMCTL_get_domain_state\n"))
        #expect(Self.releases(ofRawValue: "90", in: domctl) == "[XenRelease(4, 21), XenRelease(4, 22)]")
        #expect(
            domctl.contains(
                "public static var releaseSet: [XenRelease]? { [XenRelease(4, 16), XenRelease(4, 17), XenRelease(4, 18), "
                    + "XenRelease(4, 19), XenRelease(4, 20), XenRelease(4, 21), XenRelease(4, 22)] }"))

        // The stable-ABI families say what the layout check found; sched's payloads (sched_shutdown, sched_poll, …)
        // have not changed since Xen 3, so it keeps one layout.
        for file in ["MemoryOp", "VCPUOp", "SchedOp", "EventChannelOp", "GrantTableOp", "XenVersionOp"] {
            let text = try String(contentsOf: output.appendingPathComponent("\(file).swift"), encoding: .utf8)
            #expect(text.contains("/// Stable ABI"), "\(file) does not state its stable-ABI layout check")
        }
        let sched = try String(contentsOf: output.appendingPathComponent("SchedOp.swift"), encoding: .utf8)
        #expect(sched.contains("/// Stable ABI: every op's payload has one layout in Xen 4.16, 4.17, 4.18, 4.19, 4.20, 4.21, 4.22"))

        // The output compiles against the runtime, and a field only some releases have is optional through a
        // reply's `available` view: `same(_:_:)` compiles only when the two metatypes are one type, so the program
        // builds only if `archCapabilities` is `UInt32?` there (and `nrCpus` stays `UInt32`). Run, it decodes a
        // synthetic answer of Xen 4.16 (physinfo in 4.16's layout, which has no arch_capabilities): on 4.16 the
        // field is nil and the others are 4.16's; read as the newest layout, the same bytes put total_pages's low
        // half where arch_capabilities is.
        let files = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".swift") }.sorted()
        let program = """
            import XenHypercall
            func same<T>(_: T.Type, _: T.Type) {}
            var old = XenSysctlPhysinfo.Layout4_16()
            old.nrCpus = 3
            old.totalPages = 0x1234_5678_9abc
            var request = XenSysctl(.physinfo, payload: XenSysctlPhysinfo())
            xenUnionStore(old, into: &request.u)
            for release in [XenRelease(4, 16), XenRelease(4, 22)] {
                let payload = XenHypervisor.decodePayload(request.u, encoding: SysctlCommand.physinfo.encoding, on: release)
                let reply = XenReply(value: 0, payload: payload, request: request, release: release)
                same(type(of: reply.available.archCapabilities), UInt32?.self)
                same(type(of: reply.available.nrCpus), UInt32.self)
                print(release, reply.available.nrCpus, reply.available.totalPages, reply.available.archCapabilities.map { String($0) } ?? "nil")
            }
            let created = XenReply(value: 0, payload: XenDomctlCreatedomain(), release: XenRelease(4, 16))
            same(type(of: created.available.cpupoolId), UInt32?.self)
            print("cpupool_id", created.available.cpupoolId.map { String($0) } ?? "nil", XenReply(value: 0, payload: XenDomctlCreatedomain(), release: XenRelease(4, 17)).available.cpupoolId.map { String($0) } ?? "nil")

            """
        try program.write(to: output.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(
            ["-swift-version", "6", "-Onone", "-o", "released-probe", "main.swift"] + files + Paths.runtimeObjects, in: output)
        #expect(build.status == 0, "\(build.stderr.prefix(3000))")
        if build.status == 0 {
            let decoded = try run(output.appendingPathComponent("released-probe"), [])
            #expect(
                decoded.stdout == "4.16 3 \(0x1234_5678_9abc) nil\n4.22 3 0 \(0x5678_9abc)\ncpupool_id nil 0\n", "\(decoded.stdout)")
        }

        // On arm64 the nested arch config is a view too: createdomain's `arch.sveVl` (4.18 and later) is optional.
        let arm = try makeTemporaryFolder("xsg-releases-arm64")
        defer { try? FileManager.default.removeItem(at: arm) }
        for file in files {
            let text = try String(contentsOf: output.appendingPathComponent(file), encoding: .utf8)
            try ArchitectureConditions.resolving(text, as: "arm64").write(
                to: arm.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        try """
        import XenHypercall
        func same<T>(_: T.Type, _: T.Type) {}
        func read(_ reply: XenReply<XenDomctlCreatedomain, XenDomctl>) -> UInt8? {
            same(type(of: reply.available.arch.sveVl), UInt8?.self)
            same(type(of: reply.available.arch.gicVersion), UInt8.self)
            return reply.available.arch.sveVl
        }

        """.write(to: arm.appendingPathComponent("consumer.swift"), atomically: true, encoding: .utf8)
        // A guest-handle buffer of getdomaininfo converts each element on arm64: the arm64 branches, built here and
        // run, read two records that the C compiler laid out for aarch64 with Xen 4.18's headers (120 bytes each,
        // the arch config 12 of them, then tail padding, which Xen leaves as its stack held it: 0xA5 here) from
        // the address the buffer's handle gives Xen. On 4.18 the buffer reads them in Layout4_18: every field is
        // C's, and arm_sci_type, which 4.18 lacks, is 0 (nil through XenReleased); read as the newest layout (4.22)
        // the same bytes put the padding into arm_sci_type. Stored back on 4.18, the bytes are C's exactly, and an
        // element that sets arm_sci_type is refused.
        let image = try Self.armGetdomaininfo(revision: "RELEASE-4.18.6")
        #expect(image.bytes.count == 2 * image.size && image.tail < image.size, "\(image.bytes.count) \(image.size) \(image.tail)")
        try """
        import XenHypercall
        let image: [UInt8] = [\(image.bytes.map(String.init).joined(separator: ", "))]
        let size = \(image.size), tail = \(image.tail)
        func xenWrites(_ handle: XenGuestHandle64<XenDomctlGetdomaininfo>) {
            let memory = UnsafeMutableRawPointer(bitPattern: UInt(handle.address))!
            for (index, byte) in image.enumerated() { memory.storeBytes(of: index % size >= tail ? 0xA5 : byte, toByteOffset: index, as: UInt8.self) }
        }
        for release in [XenRelease(4, 18), XenRelease(4, 22)] {
            let buffer = try XenBuffer<XenDomctlGetdomaininfo>(capacity: 2, in: .lockedAnonymous, release: release)
            xenWrites(try buffer.handle(elements: 2))
            let one = buffer[1], view = XenReleased(buffer[1], release: release)
            print(release, buffer.stride, try buffer.region(elements: 2).size, buffer[0].domain, buffer[0].totPages, one.domain, one.flags.rawValue,
                one.totPages, one.maxPages, one.sharedInfoFrame, one.cpuTime, one.nrOnlineVcpus, one.maxVcpuId.rawValue, one.ssidref,
                one.handle[0], one.handle[1], one.cpupool, one.gpaddrBits, one.archConfig.gicVersion, one.archConfig.sveVl,
                one.archConfig.teeType, one.archConfig.nrSpis, one.archConfig.clockFrequency, one.archConfig.armSciType,
                view.archConfig.armSciType.map { String($0) } ?? "nil")
            if release == XenRelease(4, 18) {
                let copy = try XenBuffer<XenDomctlGetdomaininfo>(capacity: 2, in: .lockedAnonymous, release: release)
                try copy.store(buffer.prefix(2))
                let stored = UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: UInt(try copy.handle(elements: 2).address)), count: image.count)
                print("stored", Array(stored) == image ? "= C" : "differs")
                var newer = one
                newer.archConfig.armSciType = 1
                do { try copy.set(newer, at: 1); print("stored arm_sci_type") } catch { print(error) }
                print("left", copy[1].cpupool, copy[1].archConfig.armSciType)
            }
        }

        """.write(to: arm.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let armBuild = try swiftc(
            ["-swift-version", "6", "-Onone", "-o", "arm-probe", "consumer.swift", "main.swift"] + files + Paths.runtimeObjects, in: arm)
        #expect(armBuild.status == 0, "\(armBuild.stderr.prefix(3000))")
        if armBuild.status == 0 {
            let read = try run(arm.appendingPathComponent("arm-probe"), [])
            let fields = "7 24 286335522 858997828 21845 987654321 4 3 9 222 173 3 48 2 8 1 64 22136"
            #expect(
                read.stdout == """
                    4.18 120 240 0 262144 \(fields) 0 nil
                    stored = C
                    a guest-handle buffer of XenDomctlGetdomaininfo not sent: its payload sets arm_sci_type, which Xen 4.18 does not have; leave it zero on that release
                    left 3 0
                    4.22 120 240 0 262144 \(fields) 165 165

                    """, "\(read.stdout)\(read.stderr)")
        }
    }

    /// Two `struct xen_domctl_getdomaininfo` as clang lays them out for aarch64 with `revision`'s headers (the
    /// initializer below; every byte that no field covers is zero), the record's size, and where its tail
    /// padding starts (the end of `arch_config`): the oracle for a buffer that Xen of that release writes.
    static func armGetdomaininfo(revision: String) throws -> (bytes: [UInt8], size: Int, tail: Int) {
        let tree = try HistoryBundle.tree(revision, subfolder: "xen")
        defer { try? FileManager.default.removeItem(at: tree) }
        let source = tree.appendingPathComponent("buffer.c")
        try """
        #include <stdint.h>
        #include <stddef.h>
        #include <xen/domctl.h>
        struct xen_domctl_getdomaininfo probe[2] = {
            { .domain = 0, .tot_pages = 0x40000 },
            { .domain = 7, .flags = 24, .tot_pages = 0x11112222, .max_pages = 0x33334444, .shared_info_frame = 0x5555,
              .cpu_time = 987654321, .nr_online_vcpus = 4, .max_vcpu_id = 3, .ssidref = 9, .handle = { 0xde, 0xad },
              .cpupool = 3, .gpaddr_bits = 48,
              .arch_config = { .gic_version = 2, .sve_vl = 8, .tee_type = 1, .nr_spis = 64, .clock_frequency = 0x5678 } },
        };
        char record_size[sizeof(struct xen_domctl_getdomaininfo)];
        char record_tail[offsetof(struct xen_domctl_getdomaininfo, arch_config) + sizeof(struct xen_arch_domainconfig)];

        """.write(to: source, atomically: true, encoding: .utf8)
        let object = tree.appendingPathComponent("buffer.o"), data = tree.appendingPathComponent("buffer.bin")
        let env = URL(fileURLWithPath: "/usr/bin/env")
        let compile = try run(
            env,
            [
                "clang", "--target=aarch64-linux-gnu", "-ffreestanding", "-c", "-D__XEN_TOOLS__", "-I", tree.path, "-o", object.path,
                source.path,
            ])
        guard compile.status == 0 else { throw TestFailure("clang failed for \(revision): \(compile.stderr)") }
        let copy = try run(env, ["llvm-objcopy", "-O", "binary", "--only-section=.data", object.path, data.path])
        guard copy.status == 0 else { throw TestFailure("llvm-objcopy failed: \(copy.stderr)") }
        let symbols = try run(env, ["llvm-nm", "-S", "--defined-only", object.path])
        // `0000000000000000 0000000000000078 B record_size`: the symbol's size is the number asked for.
        func size(_ name: String) throws -> Int {
            guard let line = symbols.stdout.split(separator: "\n").first(where: { $0.hasSuffix(" " + name) }),
                let value = Int(line.split(separator: " ")[1], radix: 16)
            else { throw TestFailure("llvm-nm lists no \(name): \(symbols.stdout)") }
            return value
        }
        return (Array(try Data(contentsOf: data)), try size("record_size"), try size("record_tail"))
    }

    @Test("a revision that names no release series, and releases without a repository, are one-line errors")
    func badReleases() throws {
        let output = try makeTemporaryFolder("xsg-releases-bad")
        defer { try? FileManager.default.removeItem(at: output) }
        let repository = try HistoryBundle.repository()
        let master = try xenSwiftGen(["generate", "--xen-git", repository, "--release", "master", "--output", output.path])
        #expect(master.status != 0)
        #expect(
            master.stderr
                == "error: \(repository): revision 'master' names no release series (MAJOR.MINOR, as in RELEASE-4.17.7 or stable-4.17)\n")
        let twice = try xenSwiftGen([
            "generate", "--xen-git", repository, "--release", "RELEASE-4.17.6", "--release", "RELEASE-4.17.7",
            "--output", output.path,
        ])
        #expect(twice.stderr.hasSuffix("error: two releases of series 4.17 in the set; name one revision per series\n"), "\(twice.stderr)")
        let config = output.appendingPathComponent("config.json")
        try #"{"releases": ["RELEASE-4.17.7"]}"#.write(to: config, atomically: true, encoding: .utf8)
        // An empty XEN_HISTORY_BUNDLE is no repository (a set one would replace the config's xenGit).
        let noRepository = try xenSwiftGen(
            ["generate", "--config", config.path, "--output", output.appendingPathComponent("out").path],
            environment: ["XEN_HISTORY_BUNDLE": ""])
        #expect(
            noRepository.stderr == "error: 'releases' are revisions of a git repository: set 'xenGit' (or pass --xen-git) too\n",
            "\(noRepository.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == ["config.json"])
    }

    @Test(
        "generate in a folder reads its xen-swiftgen-config.json: the release set from a bundle file (XEN_HISTORY_BUNDLE replaces xenGit), or one tree with --xen-headers"
    )
    func folderConfig() throws {
        let folder = try makeTemporaryFolder("xsg-releases-config")
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{"releases": ["RELEASE-4.17.7"], "xenGit": "history/missing.bundle", "families": ["sysctl"]}"#
            .write(to: folder.appendingPathComponent("xen-swiftgen-config.json"), atomically: true, encoding: .utf8)
        let missing = try xenSwiftGen(["generate"], environment: ["XEN_HISTORY_BUNDLE": ""], in: folder)
        #expect(missing.status == 1)
        #expect(
            missing.stderr == "error: history/missing.bundle: no such git repository or bundle; the releases are read from it "
                + "(set XEN_HISTORY_BUNDLE or --xen-git to the history bundle or a xen.git clone, or pass --xen-headers DIR for one header tree)\n",
            "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Generated").path))

        let bundle = HistoryBundle.bundlePath
        let set = try xenSwiftGen(["generate"], environment: ["XEN_HISTORY_BUNDLE": bundle], in: folder)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains(" from \(bundle) RELEASE-4.17.7 (x86_64-linux-gnu, aarch64-linux-gnu) -> "), "\(set.stdout)")
        let sysctl = try String(contentsOf: folder.appendingPathComponent("Generated/SysctlOp.swift"), encoding: .utf8)
        #expect(sysctl.contains("XenRelease(4, 17)"), "the release set's availability is emitted")

        let one = try xenSwiftGen(["generate", "--xen-headers", Paths.realHeaders, "--output", "one"], in: folder)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains(" from \(Paths.realHeaders) (x86_64-linux-gnu, aarch64-linux-gnu) -> "), "\(one.stdout)")
        let oneTree = try String(contentsOf: folder.appendingPathComponent("one/SysctlOp.swift"), encoding: .utf8)
        #expect(!oneTree.contains("XenRelease("), "--xen-headers replaces the config's releases")
    }
}
