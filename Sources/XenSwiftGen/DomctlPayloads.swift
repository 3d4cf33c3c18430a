/// Payload bindings of `XEN_DOMCTL_*` ops that neither a header comment nor a member name gives.
///
/// Each entry is taken from the hypervisor's handler (`xen/common/domctl.c`, `xen/arch/x86/domctl.c`):
/// the member it reads from `op->u`, or `""` when it reads none.
enum DomctlPayloads {
    /// Op C name → member of `xen_domctl.u` (`""`: no payload).
    static let members: [String: String] = [
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
}
