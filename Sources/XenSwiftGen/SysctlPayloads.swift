/// Payload bindings of `XEN_SYSCTL_*` ops that neither a header comment nor a member name gives.
///
/// Each entry is taken from the hypervisor's handler (`xen/common/sysctl.c`): the member it reads
/// from `op->u`, or `""` when it reads none.
enum SysctlPayloads {
    /// Op C name → member of `xen_sysctl.u` (`""`: no payload).
    static let members: [String: String] = [
        "XEN_SYSCTL_get_cpu_levelling_caps": "cpu_levelling_caps",
        "XEN_SYSCTL_get_cpu_featureset": "cpu_featureset",
        "XEN_SYSCTL_livepatch_op": "livepatch",
        "XEN_SYSCTL_get_cpu_policy": "cpu_policy",
    ]
}
