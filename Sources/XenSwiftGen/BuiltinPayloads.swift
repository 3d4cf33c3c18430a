/// Payload data of the built-in family table.
///
/// `…Members`: op → union member bindings that neither a header comment nor a member name gives,
/// each taken from the hypervisor's handler of the op (the member it reads from `op->u`, or `""`
/// when it reads none): `xen/common/domctl.c`, `xen/arch/x86/domctl.c` and `gdbsx.c`,
/// `xen/drivers/passthrough/pci.c` and `device_tree.c` (device assignment), `xen/common/sysctl.c`,
/// `xen/arch/x86/sysctl.c`, `xen/arch/x86/platform_hypercall.c`, `xen/common/memory.c`,
/// `xen/arch/x86/physdev.c`, `xen/common/domain.c`. All 56 entries were checked against those handlers
/// (Xen sources from 4.7 to after 4.19; 4.17-era changes confirmed from their patches). One could not
/// be: x86 has no handler case for `PHYSDEVOP_free_irq_vector` (it returns -ENOSYS); its entry follows
/// the header's shared comment with `PHYSDEVOP_alloc_irq_vector` ("@arg == pointer to physdev_irq").
///
/// `…Records`: payload structs of families whose hypercalls take the payload as a separate argument
/// instead of inside a request record; they are mirrored with their layout, not bound to ops.
enum BuiltinPayloads {
    /// `xen_domctl.u` members.
    static let domctlMembers: [String: String] = [
        "XEN_DOMCTL_destroydomain": "",
        "XEN_DOMCTL_pausedomain": "",
        "XEN_DOMCTL_unpausedomain": "",
        "XEN_DOMCTL_resumedomain": "",
        "XEN_DOMCTL_soft_reset": "",
        "XEN_DOMCTL_test_assign_device": "assign_device",
        "XEN_DOMCTL_deassign_device": "assign_device",
        "XEN_DOMCTL_unbind_pt_irq": "bind_pt_irq",
        "XEN_DOMCTL_set_access_required": "access_required",
        "XEN_DOMCTL_get_vcpu_msrs": "vcpu_msrs",
        "XEN_DOMCTL_set_vcpu_msrs": "vcpu_msrs",
        "XEN_DOMCTL_setvnumainfo": "vnuma",
        "XEN_DOMCTL_get_cpu_policy": "cpu_policy",
        "XEN_DOMCTL_set_cpu_policy": "cpu_policy",
        "XEN_DOMCTL_get_paging_mempool_size": "paging_mempool",
        "XEN_DOMCTL_set_paging_mempool_size": "paging_mempool",
        "XEN_DOMCTL_gdbsx_guestmemio": "gdbsx_guest_memio",
    ]

    /// `xen_sysctl.u` members.
    static let sysctlMembers: [String: String] = [
        "XEN_SYSCTL_get_cpu_levelling_caps": "cpu_levelling_caps",
        "XEN_SYSCTL_get_cpu_featureset": "cpu_featureset",
        "XEN_SYSCTL_livepatch_op": "livepatch",
        "XEN_SYSCTL_get_cpu_policy": "cpu_policy",
    ]

    /// `xen_platform_op.u` members.
    static let platformMembers: [String: String] = [
        "XENPF_microcode_update": "microcode",
        "XENPF_set_processor_pminfo": "set_pminfo",
        "XENPF_get_cpuinfo": "pcpu_info",
        "XENPF_get_cpu_version": "pcpu_version",
        "XENPF_cpu_online": "cpu_ol",
        "XENPF_cpu_offline": "cpu_ol",
        "XENPF_cpu_hotadd": "cpu_add",
        "XENPF_mem_hotadd": "mem_add",
        "XENPF_get_symbol": "symdata",
    ]

    /// `HYPERVISOR_memory_op` ops bound from the handler (`xen/common/memory.c`); some also have a comment the binder cannot read.
    static let memoryArguments: [String: String] = [
        "XENMEM_decrease_reservation": "xen_memory_reservation",
        "XENMEM_populate_physmap": "xen_memory_reservation",
        "XENMEM_claim_pages": "xen_memory_reservation",
        "XENMEM_maximum_reservation": "xen_memory_domain",
        "XENMEM_exchange": "xen_memory_exchange",
        "XENMEM_add_to_physmap_batch": "xen_add_to_physmap_batch",
        "XENMEM_set_pod_target": "xen_pod_target",
        "XENMEM_get_pod_target": "xen_pod_target",
        "XENMEM_paging_op": "xen_mem_paging_op",
        "XENMEM_access_op": "xen_mem_access_op",
        "XENMEM_sharing_op": "xen_mem_sharing_op",
        "XENMEM_acquire_resource": "xen_mem_acquire_resource",
        "XENMEM_get_vnumainfo": "xen_vnuma_topology_info",
        "XENMEM_reserved_device_memory_map": "xen_reserved_device_memory_map",
        "XENMEM_machphys_compat_mfn_list": "xen_machphys_mfn_list",
    ]

    /// `HYPERVISOR_physdev_op` ops bound from the handler (`xen/arch/x86/physdev.c`); some share a comment with another op.
    static let physdevArguments: [String: String] = [
        "PHYSDEVOP_apic_write": "physdev_apic",
        "PHYSDEVOP_free_irq_vector": "physdev_irq",
        "PHYSDEVOP_pirq_eoi_gmfn_v1": "physdev_pirq_eoi_gmfn",
        "PHYSDEVOP_pirq_eoi_gmfn_v2": "physdev_pirq_eoi_gmfn",
        "PHYSDEVOP_map_pirq": "physdev_map_pirq",
        "PHYSDEVOP_unmap_pirq": "physdev_unmap_pirq",
        "PHYSDEVOP_manage_pci_add": "physdev_manage_pci",
        "PHYSDEVOP_manage_pci_remove": "physdev_manage_pci",
        "PHYSDEVOP_manage_pci_add_ext": "physdev_manage_pci_ext",
        "PHYSDEVOP_restore_msi": "physdev_restore_msi",
        "PHYSDEVOP_restore_msi_ext": "physdev_pci_device",
        "PHYSDEVOP_setup_gsi": "physdev_setup_gsi",
        "PHYSDEVOP_get_free_pirq": "physdev_get_free_pirq",
        "PHYSDEVOP_pci_mmcfg_reserved": "physdev_pci_mmcfg_reserved",
        "PHYSDEVOP_pci_device_add": "physdev_pci_device_add",
        "PHYSDEVOP_pci_device_remove": "physdev_pci_device",
        "PHYSDEVOP_prepare_msix": "physdev_pci_device",
        "PHYSDEVOP_release_msix": "physdev_pci_device",
        "PHYSDEVOP_dbgp_op": "physdev_dbgp_op",
    ]

    /// `HYPERVISOR_vcpu_op` ops bound from the handler (`xen/common/domain.c`).
    static let vcpuArguments: [String: String] = [
        "VCPUOP_up": "",
        "VCPUOP_down": "",
        "VCPUOP_is_up": "",
        "VCPUOP_register_vcpu_time_memory_area": "vcpu_register_time_memory_area",
    ]

    /// `HYPERVISOR_memory_op` argument structs.
    static let memoryRecords = [
        "xen_memory_reservation", "xen_memory_exchange", "xen_add_to_physmap", "xen_add_to_physmap_batch",
        "xen_remove_from_physmap", "xen_memory_map", "xen_foreign_memory_map", "xen_pod_target", "xen_mem_paging_op",
        "xen_mem_access_op", "xen_mem_sharing_op", "xen_mem_acquire_resource", "xen_vnuma_topology_info",
        "xen_reserved_device_memory_map", "xen_machphys_mfn_list", "xen_machphys_mapping",
    ]

    /// `HYPERVISOR_physdev_op` argument structs, and the compat `struct physdev_op`.
    static let physdevRecords = [
        "physdev_op", "physdev_map_pirq", "physdev_unmap_pirq", "physdev_manage_pci", "physdev_manage_pci_ext",
        "physdev_pci_device_add", "physdev_pci_device", "physdev_setup_gsi", "physdev_get_free_pirq",
        "physdev_pci_mmcfg_reserved", "physdev_dbgp_op", "physdev_eoi", "physdev_pirq_eoi_gmfn", "physdev_apic",
        "physdev_irq", "physdev_restore_msi",
    ]

    /// `HYPERVISOR_hvm_op` argument structs.
    static let hvmRecords = ["xen_hvm_param", "xen_hvm_altp2m_op", "xen_hvm_get_mem_type", "xen_hvm_pagetable_dying", "xen_hvm_get_time"]

    /// `HYPERVISOR_vcpu_op` argument structs.
    static let vcpuRecords = [
        "vcpu_runstate_info", "vcpu_register_runstate_memory_area", "vcpu_set_periodic_timer", "vcpu_set_singleshot_timer",
        "vcpu_register_vcpu_info", "vcpu_get_physid", "vcpu_register_time_memory_area",
    ]

    /// `HYPERVISOR_sched_op` argument structs.
    static let schedRecords = ["sched_shutdown", "sched_poll", "sched_remote_shutdown", "sched_watchdog", "sched_pin_override"]

    /// `HYPERVISOR_event_channel_op` argument structs, and the compat `struct evtchn_op`.
    static let eventChannelRecords = ["evtchn_op", "evtchn_init_control", "evtchn_expand_array", "evtchn_set_priority", "evtchn_reset"]

    /// `HYPERVISOR_grant_table_op` argument structs.
    static let grantTableRecords = [
        "gnttab_setup_table", "gnttab_map_grant_ref", "gnttab_unmap_grant_ref", "gnttab_copy", "gnttab_query_size",
        "gnttab_transfer", "gnttab_dump_table", "gnttab_unmap_and_replace", "gnttab_set_version", "gnttab_get_status_frames",
        "gnttab_get_version", "gnttab_cache_flush",
    ]
}
