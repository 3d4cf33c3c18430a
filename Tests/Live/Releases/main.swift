#if canImport(Glibc)
import Glibc
#endif
import XenHypercall
import XenPublic

// The multi-release live program (Scripts/live-releases.sh): built ONCE against XenPublic, the bindings
// for every release of the default set, and run unchanged on each release's hypervisor beside releases-c,
// which is built with that release's own headers. Both write the same key=value lines; an op the running
// release lacks is written `unavailable`, which Swift must answer with the typed error before sending.
// The same source builds with the full toolchain (x86_64) and with Embedded Swift (arm64, where this
// machine has no Swift SDK: Scripts/build-embedded.sh), so it keeps to what both have: no key paths, no
// CommandLine, typed throws. Usage: live-releases > FILE (the key lines on stdout, the rest on stderr).
func emit(_ line: String) { print(line) }
func note(_ line: String) { fputs("live-releases: " + line + "\n", stderr) }

/// Writes `body`'s lines under `key`, or the errno as the C program writes it, or `unavailable` for the
/// typed error of an op the running release lacks.
func report(_ key: String, _ body: () throws(XenHypercallError) -> [String]) {
    do {
        for line in try body() { emit("\(key).\(line)") }
    } catch {
        switch error {
        case .unavailableOnRelease: emit("\(key).unavailable")
        default: emit("\(key).errno=\(error.errno.map { String($0.rawValue) } ?? "none: \(error)")")
        }
        note("\(key): \(error)")
    }
}

/// The fields both programs write; blocked and running change from call to call and are left out.
func lines(_ info: XenDomctlGetdomaininfo) -> [String] {
    let flags = info.flags.subtracting([.blocked, .running])
    return [
        "domain=\(info.domain)", "flags=\(flags.rawValue)", "tot_pages=\(info.totPages)", "max_pages=\(info.maxPages)",
        "nr_online_vcpus=\(info.nrOnlineVcpus)", "max_vcpu_id=\(info.maxVcpuId.rawValue)", "cpupool=\(info.cpupool)",
        "ssidref=\(info.ssidref)",
    ]
}

do {
    let xen = try XenHypervisor()
    emit("release=\(xen.release.map { $0.description } ?? "unknown")")
    report("getdomaininfo") { () throws(XenHypercallError) in
        lines(try xen.domctl(.getdomaininfo, domain: 0, payload: XenDomctlGetdomaininfo()).payload)
    }
    report("physinfo") { () throws(XenHypercallError) in
        let info = try xen.sysctl(.physinfo, payload: XenSysctlPhysinfo()).payload
        return [
            "threads_per_core=\(info.threadsPerCore)", "cores_per_socket=\(info.coresPerSocket)", "nr_cpus=\(info.nrCpus)",
            "max_cpu_id=\(info.maxCpuId)", "nr_nodes=\(info.nrNodes)", "max_node_id=\(info.maxNodeId)", "cpu_khz=\(info.cpuKhz)",
            "total_pages=\(info.totalPages)", "capabilities=\(info.capabilities.rawValue)",
        ]
    }
    // A field only some releases have is optional: nil where the running release's layout lacks it (4.16),
    // else Xen's value, as the C program built with that release's headers reads it.
    report("arch_capabilities") { () throws(XenHypercallError) in
        let reply = try xen.sysctl(.physinfo, payload: XenSysctlPhysinfo())
        return ["value=\(reply.available.archCapabilities.map { String($0) } ?? "nil")"]
    }
    report("getdomaininfolist") { () throws(XenHypercallError) in
        let buffer = try xen.buffer(of: XenDomctlGetdomaininfo.self, capacity: 64)
        var request = XenSysctlGetdomaininfolist()
        request.maxDomains = 64
        request.buffer = try buffer.handle(elements: 64)
        let reply = try xen.sysctl(.getdomaininfolist, payload: request).payload
        return ["num_domains=\(reply.numDomains)"] + buffer.prefix(Int(reply.numDomains)).flatMap(lines)
    }
    // dom0 has two vcpus (-smp 2): both up; vcpu 7 does not exist.
    for vcpu: UInt32 in [0, 1, 7] {
        let answer: Int
        do { answer = try xen.vcpu(.isUp, vcpu: vcpu).value } catch {
            answer = -Int(error.errno?.rawValue ?? 0)
        }
        emit("vcpu.is_up.\(vcpu)=\(answer)")
    }
    // dom0 cannot pause itself: Xen answers EINVAL.
    report("pausedomain0") { () throws(XenHypercallError) in
        try xen.domctl(.pausedomain, domain: 0)
        return ["errno=0"]
    }
    // A stable interface of 4.21 and later: the typed error before anything is sent on older releases.
    report("get_domain_state") { () throws(XenHypercallError) in
        let state = try xen.domctl(.getDomainState, domain: 0, payload: XenDomctlGetDomainState()).payload
        return ["state=\(state.state)", "caps=\(state.caps)", "unique_id=\(state.uniqueId)"]
    }
} catch {
    note("\(error)")
    exit(1)
}
