#if canImport(Glibc)
import Glibc
#endif
import XenHypercall
import XenPublic

/// Every live assertion except the Swift-versus-C comparison.
/// - Parameters:
///   - xen: The hypervisor.
///   - retired: The file listing retired numbers, `domctl 6 XEN_DOMCTL_getmemlist` per line.
/// - Throws: ``XenHypercallError`` from a call that must succeed.
func runChecks(_ xen: XenHypervisor, retired: String) async throws {
    let version = try xen.hypercall(Hypercall.xenVersion, 0, 0) // XENVER_version, NULL: the untyped route
    check("xen_version is 4.17", version >> 16 == 4 && version & 0xFFFF == 17, "\(version >> 16).\(version & 0xFFFF)")
    record("hypercall memory from \(xen.memory.usesHypercallDevice ? "/dev/xen/hypercall" : "MAP_LOCKED anonymous pages")")

    try otherFamilies(xen)
    let domain = try lifecycleUntilDestroy(xen)
    retiredNumbers(xen, list: retired, domain: domain)
    try destroy(xen, domain)
    badInput(xen)
    await concurrency(xen)
}

/// createdomain → max_vcpus / max_mem → getdomaininfo → vcpu affinity round trip → pause / unpause.
/// - Parameter xen: The hypervisor.
/// - Returns: The new domain, still alive.
/// - Throws: ``XenHypercallError`` from createdomain.
func lifecycleUntilDestroy(_ xen: XenHypervisor) throws -> Domid {
    var config = XenDomctlCreatedomain()
    config.maxVcpus = 2
    config.maxEvtchnPort = 1023
    config.maxGrantFrames = -1
    config.maxMaptrackFrames = -1
    config.grantOpts = 1 // XEN_DOMCTL_GRANT_version(1)
    // Xen writes the new domain's id into the request's `domain` (do_domctl's copyback): the reply's `domain`.
    let domain = try xen.domctl(.createdomain, domain: 0, payload: config).domain
    check("createdomain gives a new domain", domain > 0 && domain < XenDomainID.firstReserved.rawValue, "domain \(domain)")

    let maxVcpus = failure {
        _ = try xen.domctl(
            .maxVcpus, domain: domain,
            payload: {
                var p = XenDomctlMaxVcpus(); p.max = 2; return p
            }())
    }
    record("max_vcpus(2) on d\(domain): \(maxVcpus.map { "\($0)" } ?? "success")")
    check("max_vcpus 2", maxVcpus == nil, "\(String(describing: maxVcpus))")
    var memory = XenDomctlMaxMem()
    memory.maxMemkb = 65536
    let maxMem = failure { _ = try xen.domctl(.maxMem, domain: domain, payload: memory) }
    check("max_mem 64 MiB", maxMem == nil, "\(String(describing: maxMem))")

    let info = try xen.domctl(.getdomaininfo, domain: domain, payload: XenDomctlGetdomaininfo()).payload
    check("getdomaininfo of the new domain", info.domain == domain, "domain \(info.domain)")
    check(
        "new domain has max_vcpu_id 1", info.maxVcpuId != .invalid && info.maxVcpuId.rawValue == 1, "max_vcpu_id \(info.maxVcpuId.rawValue)"
    )
    check("new domain has max_pages 16384", info.maxPages == 16384, "max_pages \(info.maxPages)")
    check("new domain starts paused", info.flags.contains(.paused), "flags \(info.flags.rawValue)")

    try xen.withBuffer(of: UInt8.self, capacity: 1) { bitmap in
        let cpus = (try? xen.sysctl(.physinfo, payload: XenSysctlPhysinfo()).payload.nrCpus) ?? 1
        let wanted: UInt8 = cpus > 1 ? 0b10 : 0b01
        bitmap[0] = wanted
        var affinity = XenDomctlVcpuaffinity()
        affinity.vcpu = 0
        affinity.flags = .hard
        affinity.cpumapHard.bitmap = try bitmap.handle(elements: 1)
        affinity.cpumapHard.nrBits = 8
        try xen.domctl(.setvcpuaffinity, domain: domain, payload: affinity)
        bitmap[0] = 0
        let back = try xen.domctl(.getvcpuaffinity, domain: domain, payload: affinity).payload
        check(
            "vcpu affinity round-trips through a guest handle", bitmap[0] == wanted && back.vcpu == 0,
            "set \(wanted), got \(bitmap[0])")
        record("vcpu affinity of d\(domain)v0: set \(wanted), read back \(bitmap[0]) (\(cpus) CPUs)")
    }

    try xen.domctl(.unpausedomain, domain: domain)
    let running = try xen.domctl(.getdomaininfo, domain: domain, payload: XenDomctlGetdomaininfo()).payload
    check("unpausedomain clears the paused flag", !running.flags.contains(.paused), "flags \(running.flags.rawValue)")
    try xen.domctl(.pausedomain, domain: domain)
    let pausedAgain = try xen.domctl(.getdomaininfo, domain: domain, payload: XenDomctlGetdomaininfo()).payload
    check("pausedomain sets the paused flag", pausedAgain.flags.contains(.paused), "flags \(pausedAgain.flags.rawValue)")
    return domain
}

/// Issues every retired number raw (against the test domain) and records Xen's answer.
/// - Parameters:
///   - xen: The hypervisor.
///   - list: The list file.
///   - domain: The test domain.
func retiredNumbers(_ xen: XenHypervisor, list: String, domain: Domid) {
    guard let file = fopen(list, "r") else { return check("retired list readable", false, list) }
    defer { fclose(file) }
    var count = 0
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let fields = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(whereSeparator: {
            $0 == " " || $0 == "\n"
        }).map(String.init)
        guard fields.count == 3, let number = UInt32(fields[1]) else { continue }
        count += 1
        let answer: Error?
        if fields[0] == "domctl" {
            var request = XenDomctl()
            request.cmd = number
            request.interfaceVersion = DomctlOp.interfaceVersion
            request.domain = domain
            answer = failure { _ = try xen.issue(request) }
        } else {
            var request = XenSysctl()
            request.cmd = number
            request.interfaceVersion = SysctlOp.interfaceVersion
            answer = failure { _ = try xen.issue(request) }
        }
        let text = answer.map { ($0 as? XenHypercallError)?.errno?.name ?? "\($0)" } ?? "SUCCESS"
        if fields[0] == "domctl", number == 23 {
            // Under __XEN__ the hypervisor defines XEN_DOMCTL_soft_reset_cont as 23: not retired there.
            record("\(fields[0]) \(number) \(fields[2]) (soft_reset_cont under __XEN__): \(text)")
        } else {
            record("\(fields[0]) \(number) \(fields[2]): \(text)")
            check("retired \(fields[2]) (\(number)) is refused", answer != nil, "Xen accepted it")
        }
    }
    check("retired numbers were issued", count > 0, "the list \(list) is empty")
}

/// destroydomain, then getdomaininfo gives ESRCH as the typed error.
/// - Parameters:
///   - xen: The hypervisor.
///   - domain: The test domain.
/// - Throws: ``XenHypercallError`` from destroydomain.
func destroy(_ xen: XenHypervisor, _ domain: Domid) throws {
    try xen.domctl(.destroydomain, domain: domain)
    var answer: Error?
    for _ in 0..<50 { // a dying domain stays visible until its last reference goes
        answer = failure { _ = try xen.domctl(.getdomaininfo, domain: domain, payload: XenDomctlGetdomaininfo()) }
        if answer != nil { break }
        usleep(100_000)
    }
    let expected = XenHypercallError.hypercallFailed(operation: "XEN_DOMCTL_getdomaininfo", errno: .ESRCH)
    check("getdomaininfo after destroydomain throws ESRCH", answer as? XenHypercallError == expected, "\(String(describing: answer))")
    if let answer { record("after destroydomain: \(answer)") }
}

/// Another interface version in a request, no privcmd, a domain that does not exist, a guest handle too small.
/// - Parameter xen: The hypervisor.
func badInput(_ xen: XenHypervisor) {
    // Bindings for a set of releases send the running release's interface version whatever the record
    // holds: Xen refuses any other with EACCES, so a call that succeeds with the running release's
    // number in the request Xen wrote back proves the runtime replaced the wrong one.
    var domctl = XenDomctl(.getdomaininfo, domain: 0, payload: XenDomctlGetdomaininfo())
    domctl.interfaceVersion = DomctlOp.interfaceVersion &- 2
    let domctlVersion = xen.release.flatMap { DomctlOp.interfaceVersion(on: $0) }
    var domctlSent: UInt32?
    let domctlError = failure { domctlSent = try xen.issue(domctl).request.interfaceVersion }
    check(
        "a domctl built with another interface version is sent with the running release's",
        domctlError == nil && domctlVersion != nil && domctlSent == domctlVersion,
        "error \(String(describing: domctlError)), sent \(String(describing: domctlSent)), release's \(String(describing: domctlVersion))")
    record("domctl interface version sent: \(String(describing: domctlSent))")
    var sysctl = XenSysctl(.physinfo, payload: XenSysctlPhysinfo())
    sysctl.interfaceVersion = SysctlOp.interfaceVersion &+ 1
    let sysctlVersion = xen.release.flatMap { SysctlOp.interfaceVersion(on: $0) }
    var sysctlSent: UInt32?
    let sysctlError = failure { sysctlSent = try xen.issue(sysctl).request.interfaceVersion }
    check(
        "a sysctl built with another interface version is sent with the running release's",
        sysctlError == nil && sysctlVersion != nil && sysctlSent == sysctlVersion,
        "error \(String(describing: sysctlError)), sent \(String(describing: sysctlSent)), release's \(String(describing: sysctlVersion))")
    record("sysctl interface version sent: \(String(describing: sysctlSent))")

    let missing = failure { _ = try xen.domctl(.getdomaininfo, domain: 0x7000, payload: XenDomctlGetdomaininfo()) }
    check(
        "a domain that does not exist gives ESRCH",
        missing as? XenHypercallError == .hypercallFailed(operation: "XEN_DOMCTL_getdomaininfo", errno: .ESRCH),
        "\(String(describing: missing))")
    if let missing { record("nonexistent domain: \(missing)") }

    let small = failure {
        try xen.withBuffer(of: XenDomctlGetdomaininfo.self, capacity: 1) { buffer in
            var request = XenSysctlGetdomaininfolist()
            request.maxDomains = 64
            request.buffer = try buffer.handle(elements: 64)
            _ = try xen.sysctl(.getdomaininfolist, payload: request)
        }
    }
    check(
        "a guest handle buffer too small is refused before the call",
        small as? XenHypercallError == .bufferTooSmall(element: "XenDomctlGetdomaininfo", capacity: 1, requested: 64),
        "\(String(describing: small))")
    if let small { record("buffer too small: \(small)") }

    let noDevice = failure { _ = try XenHypervisor(privcmd: "/dev/xen/no-such-privcmd") }
    check(
        "a missing privcmd device gives the clear error",
        noDevice as? XenHypercallError == .privcmdUnavailable(path: "/dev/xen/no-such-privcmd", errno: .ENOENT),
        "\(String(describing: noDevice))")

    let healthy = failure { _ = try xen.domctl(.getdomaininfo, domain: 0, payload: XenDomctlGetdomaininfo()) }
    check("the process stays healthy after the errors", healthy == nil, "\(String(describing: healthy))")
}

/// Many tasks issuing requests through one connection at once.
/// - Parameter xen: The hypervisor.
func concurrency(_ xen: XenHypervisor) async {
    let counts = await withTaskGroup(of: Int.self) { group in
        for _ in 0..<8 {
            group.addTask {
                var ok = 0
                for _ in 0..<25 {
                    if let info = try? xen.domctl(.getdomaininfo, domain: 0, payload: XenDomctlGetdomaininfo()).payload, info.domain == 0 {
                        ok += 1
                    }
                }
                return ok
            }
        }
        var all: [Int] = []
        for await count in group { all.append(count) }
        return all
    }
    check("8 tasks × 25 requests through one XenHypervisor", counts == Array(repeating: 25, count: 8), "\(counts)")
}
