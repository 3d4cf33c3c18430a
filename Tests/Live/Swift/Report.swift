#if canImport(Glibc)
import Glibc
#endif
import XenHypercall
import XenPublic

/// Prints one result line the host script counts: `LIVE PASS name` or `LIVE FAIL name: detail`.
/// - Parameters:
///   - name: The assertion.
///   - condition: Whether it holds.
///   - detail: What was seen, for a failure.
func check(_ name: String, _ condition: Bool, _ detail: @autoclosure () -> String = "") {
    print(condition ? "LIVE PASS \(name)" : "LIVE FAIL \(name): \(detail())")
}

/// Prints a line the host script keeps as a record of what Xen answered.
/// - Parameter text: The record.
func record(_ text: String) {
    print("LIVE RECORD \(text)")
}

/// The error `body` throws, or `nil` when it succeeds.
/// - Parameter body: The call.
/// - Returns: The thrown error.
func failure(_ body: () throws -> Void) -> Error? {
    do { try body() } catch { return error }
    return nil
}

/// The stable fields of a domain's info, one `key=value` line each, as the C program prints them.
/// (cpu_time and the running/blocked flags change from call to call; they are left out.)
/// - Parameters:
///   - info: The info.
///   - prefix: The key prefix.
/// - Returns: The lines.
func lines(_ info: XenDomctlGetdomaininfo, _ prefix: String) -> [String] {
    let volatileFlags: XenDomainInfoFlags = [.blocked, .running]
    let handle = (0..<16).map { String(info.handle[$0], radix: 16) }.joined(separator: ":")
    return [
        "domain=\(info.domain)", "flags=\(info.flags.subtracting(volatileFlags).rawValue)", "tot_pages=\(info.totPages)",
        "max_pages=\(info.maxPages)",
        "outstanding_pages=\(info.outstandingPages)", "shr_pages=\(info.shrPages)", "paged_pages=\(info.pagedPages)",
        "shared_info_frame=\(info.sharedInfoFrame)", "nr_online_vcpus=\(info.nrOnlineVcpus)", "max_vcpu_id=\(info.maxVcpuId.rawValue)",
        "ssidref=\(info.ssidref)", "handle=\(handle)", "cpupool=\(info.cpupool)", "gpaddr_bits=\(info.gpaddrBits)",
        "emulation_flags=\(info.archConfig.emulationFlags)", "misc_flags=\(info.archConfig.miscFlags)",
    ].map { "\(prefix).\($0)" }
}

/// The stable fields of `XEN_SYSCTL_physinfo` (free and scrub pages change; they are left out).
/// - Parameter info: The info.
/// - Returns: The lines.
func lines(_ info: XenSysctlPhysinfo) -> [String] {
    [
        "threads_per_core=\(info.threadsPerCore)", "cores_per_socket=\(info.coresPerSocket)", "nr_cpus=\(info.nrCpus)",
        "max_cpu_id=\(info.maxCpuId)", "nr_nodes=\(info.nrNodes)", "max_node_id=\(info.maxNodeId)", "cpu_khz=\(info.cpuKhz)",
        "capabilities=\(info.capabilities.rawValue)", "arch_capabilities=\(info.archCapabilities)", "total_pages=\(info.totalPages)",
        "outstanding_pages=\(info.outstandingPages)", "max_mfn=\(info.maxMfn)",
        "hw_cap=" + (0..<8).map { String(info.hwCap[$0], radix: 16) }.joined(separator: ","),
    ].map { "physinfo.\($0)" }
}
