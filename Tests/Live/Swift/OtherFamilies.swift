import XenHypercall
import XenPublic

/// The other call shapes: platform_op (a request record), memory, sched, event_channel_op and hvm_op
/// (the payload as the argument), vcpu_op (its vcpu between the op and the payload) and dm_op (a
/// buffer array), all typed.
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
    check("XENPF_get_cpuinfo says CPU 0 is online", info.flags.contains(.online), "flags \(info.flags.rawValue)")
    record("XENPF_get_cpuinfo(0): max_present \(info.maxPresent), flags \(info.flags.rawValue)")

    let up = try xen.vcpu(.isUp, vcpu: 0, payload: XenNoPayload())
    check("VCPUOP_is_up(0) of dom0 is 1", up.result == 1, "\(up.result)")
    let runstate = try xen.vcpu(.getRunstateInfo, vcpu: 0, payload: VcpuRunstateInfo()).payload
    // time[0] is the time spent running (RUNSTATE_running).
    check("VCPUOP_get_runstate_info(0): dom0's vcpu 0 is online and has run", runstate.state != .offline && runstate.time[0] > 0,
          "state \(runstate.state.rawValue), running \(runstate.time[0]) ns")
    record("VCPUOP_get_runstate_info(0): state \(runstate.state.rawValue), \(runstate.time[0]) ns running")

    // event_channel_op, typed: an unbound port for dom0, its status, then closed again (libxenevtchn's
    // alloc_unbound / status / close round trip).
    var alloc = EvtchnAllocUnbound()
    alloc.dom = XenDomainID.selfDomain.rawValue
    alloc.remoteDom = 0
    let port = try xen.eventChannel(.allocUnbound, payload: alloc).payload.port
    var status = EvtchnStatus()
    status.dom = XenDomainID.selfDomain.rawValue
    status.port = port
    let state = try xen.eventChannel(.status, payload: status).payload.status
    check("EVTCHNOP_alloc_unbound then EVTCHNOP_status: the new port is unbound", port > 0 && state == EventChannelStatus.unbound.rawValue,
          "port \(port), status \(state)")
    var close = EvtchnClose()
    close.port = port
    check("EVTCHNOP_close of that port returns 0", try xen.eventChannel(.close, payload: close).result == 0)
    // hvm_op, typed: dom0 is a PV domain, so an HVM parameter of it is refused with the typed error.
    var param = XenHvmParam()
    param.domid = 0
    let refused = failure { _ = try xen.hvm(.getParam, payload: param) }
    check("HVMOP_get_param on PV dom0 fails with a typed error", refused is XenHypercallError, "\(String(describing: refused))")
    record("HVMOP_get_param(d0, 0): \(refused.map { "\($0)" } ?? "success")")

    let missing = failure { _ = try xen.dm(.nrVcpus, domain: 32000, payload: XenDmOpNrVcpus()) }
    check("dm_op on a domain that does not exist: ESRCH as the typed error",
          missing as? XenHypercallError == .hypercallFailed(operation: "XEN_DMOP_nr_vcpus", errno: .ESRCH), "\(String(describing: missing))")
    let own = failure { _ = try xen.dm(.nrVcpus, domain: 0, payload: XenDmOpNrVcpus()) }
    record("XEN_DMOP_nr_vcpus on d0 from d0: \(own.map { "\($0)" } ?? "success")")
}

/// vcpu_op and dm_op through their typed calls, as the C program makes them: Xen's answers as
/// `key=value` lines (a result, or minus Xen's errno).
/// - Parameter xen: The hypervisor.
/// - Returns: The lines.
/// - Throws: ``XenHypercallError`` from the buffers.
func vcpuAndDeviceModelLines(_ xen: XenHypervisor) throws -> [String] {
    func answer(_ body: () throws -> Int) -> Int {
        do { return try body() } catch { return -Int((error as? XenHypercallError)?.errno?.rawValue ?? 0) }
    }
    var text = ["vcpu_op.is_up.v0=\(answer { try xen.vcpu(.isUp, vcpu: 0, payload: XenNoPayload()).result })"]
    var state = XenRunstate.running
    let runstate = answer {
        let (result, info) = try xen.vcpu(.getRunstateInfo, vcpu: 0, payload: VcpuRunstateInfo())
        state = info.state
        return result
    }
    // Which of dom0's vcpus runs this program varies: only "not offline" is stable.
    text += ["vcpu_op.get_runstate_info.v0=\(runstate)", "vcpu_op.get_runstate_info.v0.online=\(state != .offline ? 1 : 0)"]
    text.append("dm_op.nr_vcpus.d0=\(answer { Int(try xen.dm(.nrVcpus, domain: 0, payload: XenDmOpNrVcpus()).vcpus) })")
    text.append("dm_op.nr_vcpus.d32000=\(answer { Int(try xen.dm(.nrVcpus, domain: 32000, payload: XenDmOpNrVcpus()).vcpus) })")
    // Two more (empty) buffers after the request: three in all, more than Xen takes.
    let three = try xen.withBuffer(of: UInt8.self, capacity: 1) { empty in
        let region = try empty.region(elements: 0)
        return answer { Int(try xen.dm(.nrVcpus, domain: 32000, payload: XenDmOpNrVcpus(), buffers: [region, region]).vcpus) }
    }
    text.append("dm_op.nr_vcpus.d32000.3bufs=\(three)")
    return text
}
