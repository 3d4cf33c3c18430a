import XenHypercall
import XenPublic

/// The other call shapes: platform_op (a request record), memory, sched, event_channel_op, hvm_op and
/// xen_version (the payload as the argument), vcpu_op (its vcpu between the op and the payload),
/// grant_table_op (an array of payloads and their count) and dm_op (a buffer array), all typed and all
/// answering with one `XenReply`.
/// - Parameter xen: The hypervisor.
/// - Throws: ``XenHypercallError`` from a call that must succeed.
func otherFamilies(_ xen: XenHypervisor) throws {
    let dom0 = try xen.domctl(.getdomaininfo, domain: 0, payload: XenDomctlGetdomaininfo()).payload
    var domain = XenMemoryDomain()
    domain.domid = 0
    let reservation = try xen.memory(.currentReservation, payload: domain).value
    check(
        "XENMEM_current_reservation(0) equals dom0's tot_pages", UInt64(reservation) == dom0.totPages,
        "\(reservation) vs \(dom0.totPages)")
    let ramPage = try xen.memory(.maximumRamPage).value
    check("XENMEM_maximum_ram_page answers a frame number", ramPage > 0, "\(ramPage)")
    record("XENMEM_maximum_ram_page: \(ramPage)")

    check("SCHEDOP_yield returns 0", try xen.sched(.yield).value == 0)
    // A PV dom0 runs, so the host runs PV guests: the capabilities are a typed set (XEN_SYSCTL_PHYSCAP_*).
    let capabilities = try xen.sysctl(.physinfo, payload: XenSysctlPhysinfo()).payload.capabilities
    check("XEN_SYSCTL_physinfo: the capabilities include .pv", capabilities.contains(.pv), "\(capabilities.rawValue)")

    var cpu = XenpfPcpuinfo()
    cpu.xenCpuid = 0
    let info = try xen.platform(.getCpuinfo, payload: cpu).payload
    check("XENPF_get_cpuinfo says CPU 0 is online", info.flags.contains(.online), "flags \(info.flags.rawValue)")
    record("XENPF_get_cpuinfo(0): max_present \(info.maxPresent), flags \(info.flags.rawValue)")

    let up = try xen.vcpu(.isUp, vcpu: 0)
    check("VCPUOP_is_up(0) of dom0 is 1", up.value == 1, "\(up.value)")
    let runstate = try xen.vcpu(.getRunstateInfo, vcpu: 0, payload: VCPURunstateInfo()).payload
    // time[0] is the time spent running (RUNSTATE_running).
    check(
        "VCPUOP_get_runstate_info(0): dom0's vcpu 0 is online and has run", runstate.state != .offline && runstate.time[0] > 0,
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
    check(
        "EVTCHNOP_alloc_unbound then EVTCHNOP_status: the new port is unbound", port > 0 && state == EventChannelStatus.unbound.rawValue,
        "port \(port), status \(state)")
    var close = EvtchnClose()
    close.port = port
    check("EVTCHNOP_close of that port returns 0", try xen.eventChannel(.close, payload: close).value == 0)
    // hvm_op, typed: dom0 is a PV domain, so an HVM parameter of it is refused with the typed error.
    var param = XenHVMParam()
    param.domid = 0
    let refused = failure { _ = try xen.hvm(.getParam, payload: param) }
    check("HVMOP_get_param on PV dom0 fails with a typed error", refused is XenHypercallError, "\(String(describing: refused))")
    record("HVMOP_get_param(d0, 0): \(refused.map { "\($0)" } ?? "success")")

    // xen_version, typed: XENVER_version answers in the return value, as libxenctrl's xc_version reads it;
    // the runtime asked the same when it opened, and the live images run Xen 4.17.
    let version = try xen.xenver(.version).value
    check(
        "XENVER_version through the typed call is 4.17 and what the runtime learned at open",
        XenRelease(versionWord: version) == XenRelease(4, 17) && xen.release == XenRelease(versionWord: version),
        "0x\(String(version, radix: 16)), runtime \(xen.release.map { "\($0)" } ?? "none")")
    let pageSize = try xen.xenver(.pagesize).value
    check("XENVER_pagesize is the x86 page size, 4096", pageSize == 4096, "\(pageSize)")
    var features = XenFeatureInfo()
    features.submapIdx = 0
    let submap = try xen.xenver(.getFeatures, payload: features).payload.submap
    // do_xen_version (xen/common/kernel.c, 4.17) sets XENFEAT_dom0 for the hardware domain, and
    // XENFEAT_gnttab_map_avail_bits for every PV domain on x86: the live dom0 is both.
    check(
        "XENVER_get_features(0) of dom0 has XENFEAT_dom0 and XENFEAT_gnttab_map_avail_bits",
        submap & (1 << XenFeature.dom0.rawValue) != 0 && submap & (1 << XenFeature.gnttabMapAvailBits.rawValue) != 0,
        "0x\(String(submap, radix: 16))")
    record(
        "XENVER_version 0x\(String(version, radix: 16)), XENVER_pagesize \(pageSize), XENVER_get_features(0) 0x\(String(submap, radix: 16))"
    )

    // grant_table_op, typed: the count argument is the array's; Xen answers per entry in `status`.
    var query = GnttabQuerySize()
    query.dom = XenDomainID.selfDomain.rawValue
    let size = try xen.grantTable(.querySize, payload: query).payload
    check(
        "GNTTABOP_query_size(DOMID_SELF): status GNTST_okay, 1 <= nr_frames <= max_nr_frames",
        size.status == .okay && size.nrFrames >= 1 && size.nrFrames <= size.maxNrFrames,
        "status \(size.status.rawValue), \(size.nrFrames) of \(size.maxNrFrames) frames")
    record("GNTTABOP_query_size(DOMID_SELF): \(size.nrFrames) of \(size.maxNrFrames) frames")
    // GNTTABOP_query_size takes exactly one entry (gnttab_query_size: count != 1 is EINVAL): the
    // count Xen sees is the array's.
    let twoQueries = failure { _ = try xen.grantTable(.querySize, payloads: [query, query]) }
    check(
        "GNTTABOP_query_size with two entries: EINVAL, as Xen refuses count != 1",
        twoQueries as? XenHypercallError == .hypercallFailed(operation: "GNTTABOP_query_size", errno: .EINVAL),
        "\(String(describing: twoQueries))")
    var elsewhere = GnttabQuerySize()
    elsewhere.dom = 32000
    let absent = try xen.grantTable(.querySize, payload: elsewhere)
    check(
        "GNTTABOP_query_size of a domain that does not exist: the call succeeds, the entry says GNTST_bad_domain",
        absent.value == 0 && absent.payload.status == .badDomain, "value \(absent.value), status \(absent.payload.status.rawValue)")
    // A batch: three unmaps of handles past the maptrack table; Xen writes GNTST_bad_handle into each
    // entry it handles (unmap_common), so an entry left at 1 would mean the count was short.
    var unmap = GnttabUnmapGrantRef()
    unmap.status = XenGrantStatus(rawValue: 1)
    let handles: [GrantHandle] = [0xFFFF_FFF0, 0xFFFF_FFF1, 0xFFFF_FFF2]
    let batch = handles.map { handle -> GnttabUnmapGrantRef in
        var entry = unmap
        entry.handle = handle
        return entry
    }
    let unmapped = try xen.grantTable(.unmapGrantRef, payloads: batch)
    check(
        "GNTTABOP_unmap_grant_ref of three bad handles in one call: 0, and GNTST_bad_handle in every entry",
        unmapped.value == 0 && unmapped.payload.count == 3 && unmapped.payload.allSatisfy { $0.status == .badHandle },
        "value \(unmapped.value), statuses \(unmapped.payload.map(\.status.rawValue))")
    var getVersion = GnttabGetVersion()
    getVersion.dom = XenDomainID.selfDomain.rawValue
    let version2 = try xen.grantTable(.getVersion, payload: getVersion).payload
    check("GNTTABOP_get_version(DOMID_SELF) is 1 or 2", version2.version == 1 || version2.version == 2, "\(version2.version)")

    let missing = failure { _ = try xen.dm(.nrVcpus, domain: 32000, payload: XenDMOpNrVcpus()) }
    check(
        "dm_op on a domain that does not exist: ESRCH as the typed error",
        missing as? XenHypercallError == .hypercallFailed(operation: "XEN_DMOP_nr_vcpus", errno: .ESRCH), "\(String(describing: missing))")
    let own = failure { _ = try xen.dm(.nrVcpus, domain: 0, payload: XenDMOpNrVcpus()) }
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
    var text = ["vcpu_op.is_up.v0=\(answer { try xen.vcpu(.isUp, vcpu: 0).value })"]
    var state = XenRunstate.running
    let runstate = answer {
        let reply = try xen.vcpu(.getRunstateInfo, vcpu: 0, payload: VCPURunstateInfo())
        state = reply.payload.state
        return reply.value
    }
    // Which of dom0's vcpus runs this program varies: only "not offline" is stable.
    text += ["vcpu_op.get_runstate_info.v0=\(runstate)", "vcpu_op.get_runstate_info.v0.online=\(state != .offline ? 1 : 0)"]
    text.append("dm_op.nr_vcpus.d0=\(answer { Int(try xen.dm(.nrVcpus, domain: 0, payload: XenDMOpNrVcpus()).payload.vcpus) })")
    text.append("dm_op.nr_vcpus.d32000=\(answer { Int(try xen.dm(.nrVcpus, domain: 32000, payload: XenDMOpNrVcpus()).payload.vcpus) })")
    // Two more (empty) buffers after the request: three in all, more than Xen takes.
    let three = try xen.withBuffer(of: UInt8.self, capacity: 1) { empty in
        let region = try empty.region(elements: 0)
        return answer { Int(try xen.dm(.nrVcpus, domain: 32000, payload: XenDMOpNrVcpus(), buffers: [region, region]).payload.vcpus) }
    }
    text.append("dm_op.nr_vcpus.d32000.3bufs=\(three)")
    return text + (try versionAndGrantTableLines(xen))
}

/// xen_version and grant_table_op through their typed calls, as the C program makes them raw.
/// - Parameter xen: The hypervisor.
/// - Returns: The lines.
/// - Throws: ``XenHypercallError`` from a call the C program expects to succeed.
func versionAndGrantTableLines(_ xen: XenHypervisor) throws -> [String] {
    func answer(_ body: () throws -> Int) -> Int {
        do { return try body() } catch { return -Int((error as? XenHypercallError)?.errno?.rawValue ?? 0) }
    }
    var text = [
        "xen_version.version=\(answer { try xen.xenver(.version).value })",
        "xen_version.pagesize=\(answer { try xen.xenver(.pagesize).value })",
    ]
    let features = try xen.xenver(.getFeatures, payload: XenFeatureInfo())
    text.append("xen_version.get_features.0=\(features.value),\(String(features.payload.submap, radix: 16))")
    var query = GnttabQuerySize()
    query.dom = XenDomainID.selfDomain.rawValue
    let size = try xen.grantTable(.querySize, payload: query)
    text.append(
        "grant_table_op.query_size.self=\(size.value),\(size.payload.status.rawValue),\(size.payload.nrFrames),\(size.payload.maxNrFrames)")
    text.append("grant_table_op.query_size.count2=\(answer { try xen.grantTable(.querySize, payloads: [query, query]).value })")
    var elsewhere = GnttabQuerySize()
    elsewhere.dom = 32000
    let absent = try xen.grantTable(.querySize, payload: elsewhere)
    text.append("grant_table_op.query_size.d32000=\(absent.value),\(absent.payload.status.rawValue)")
    let batch = (0..<3).map { offset -> GnttabUnmapGrantRef in
        var entry = GnttabUnmapGrantRef()
        entry.handle = 0xFFFF_FFF0 + GrantHandle(offset)
        entry.status = XenGrantStatus(rawValue: 1)
        return entry
    }
    let unmapped = try xen.grantTable(.unmapGrantRef, payloads: batch)
    text.append(
        "grant_table_op.unmap_grant_ref.bad3=\(unmapped.value),"
            + unmapped.payload.map { String($0.status.rawValue) }.joined(separator: ","))
    var version = GnttabGetVersion()
    version.dom = XenDomainID.selfDomain.rawValue
    let grantVersion = try xen.grantTable(.getVersion, payload: version)
    text.append("grant_table_op.get_version.self=\(grantVersion.value),\(grantVersion.payload.version)")
    return text + (try lastFamiliesLines(xen))
}

/// hypfs_op (memory regions), mmuext_op (the op inside a batch of records) and x86's mca (a request
/// record) through their typed calls, as the C program makes them raw.
/// - Parameter xen: The hypervisor.
/// - Returns: The lines.
/// - Throws: ``XenHypercallError`` when hypercall-safe memory cannot be had.
func lastFamiliesLines(_ xen: XenHypervisor) throws -> [String] {
    func answer(_ body: () throws -> Int) -> Int {
        do { return try body() } catch { return -Int((error as? XenHypercallError)?.errno?.rawValue ?? 0) }
    }
    var text = ["hypfs_op.get_version=\(answer { try xen.hypfs(.getVersion).value })"]
    let root = try xen.withBuffer(of: UInt8.self, capacity: 2) { path in
        try path.store(Array("/".utf8) + [0])
        return try xen.withBuffer(of: UInt8.self, capacity: 4096) { data in
            let value = answer { try xen.hypfs(.read, path: try path.region(elements: 2), data: try data.region(elements: 4096)).value }
            let entry = data.prefix(MemoryLayout<XenHypfsDirentry>.size).withUnsafeBytes { $0.loadUnaligned(as: XenHypfsDirentry.self) }
            return "hypfs_op.read.root=\(value),\(entry.type.rawValue),\(entry.contentLen)"
        }
    }
    text.append(root)
    text.append(
        "mmuext_op.tlb_flush_local.self=\(answer { try xen.mmuext(.tlbFlushLocal, domain: XenDomainID.selfDomain.rawValue, payload: MMUExtOpRecord()).value })"
    )
    text.append(
        "mmuext_op.tlb_flush_local.d32000=\(answer { try xen.mmuext(.tlbFlushLocal, domain: 32000, payload: MMUExtOpRecord()).value })")
    var count = 0
    let value = answer {
        let reply = try xen.mca(.physcpuinfo, payload: XenMcPhyscpuinfo())
        count = Int(reply.payload.ncpus)
        return reply.value
    }
    text.append("mca.physcpuinfo=\(value),\(count)")
    return text
}
