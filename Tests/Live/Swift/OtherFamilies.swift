import XenHypercall
import XenPublic

/// The other call shapes: platform_op (a request record), memory and sched (the payload as the
/// argument, typed glue), and vcpu_op through the generic call with its vcpu argument.
/// - Parameter xen: The hypervisor.
/// - Throws: ``XenHypercallError`` from a call that must succeed.
func otherFamilies(_ xen: XenHypervisor) throws {
    let dom0 = try xen.domctl(.getdomaininfo, domain: 0, payload: XenDomctlGetdomaininfo())
    var domain = XenMemoryDomain()
    domain.domid = 0
    let reservation = try xen.memory(.currentReservation, payload: domain).result
    check("XENMEM_current_reservation(0) equals dom0's tot_pages", UInt64(reservation) == dom0.totPages,
          "\(reservation) vs \(dom0.totPages)")
    let ramPage = try xen.memory(.maximumRamPage, payload: XenNoPayload()).result
    check("XENMEM_maximum_ram_page answers a frame number", ramPage > 0, "\(ramPage)")
    record("XENMEM_maximum_ram_page: \(ramPage)")

    check("SCHEDOP_yield returns 0", try xen.sched(.yield, payload: XenNoPayload()).result == 0)

    var cpu = XenpfPcpuinfo()
    cpu.xenCpuid = 0
    let info = try xen.platform(.getCpuinfo, payload: cpu)
    check("XENPF_get_cpuinfo says CPU 0 is online", info.flags & 1 != 0, "flags \(info.flags)") // XEN_PCPU_FLAGS_ONLINE
    record("XENPF_get_cpuinfo(0): max_present \(info.maxPresent), flags \(info.flags)")

    let up = try xen.call(hypercall: Hypercall.vcpuOp.rawValue, operation: VCPUOp.isUp, arguments: [0], payload: XenNoPayload())
    check("VCPUOP_is_up(0) of dom0 is 1", up.result == 1, "\(up.result)")
}
