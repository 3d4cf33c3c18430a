import Foundation
import XenIR

/// The family table used when a config adds nothing: every Xen op family the generator knows.
///
/// The table is data: `BuiltinFamilies.json`, a config file holding only `familyTable`, in exactly the
/// schema users write, decoded by ``ConfigLoader`` (embedded in the binary, so no resource bundle is
/// needed at run time). A config file can add rows or replace one by giving the same `name`.
///
/// Where the payload data of the rows comes from:
/// - `payloadMembers` of `domctl`, `sysctl` and `platform`: op → union member bindings that neither a
///   header comment nor a member name gives, each taken from the hypervisor's handler of the op (the
///   member it reads from `op->u`, or `""` when it reads none): `xen/common/domctl.c`,
///   `xen/arch/x86/domctl.c` and `gdbsx.c`, `xen/drivers/passthrough/pci.c` and `device_tree.c`
///   (device assignment), `xen/common/sysctl.c`, `xen/arch/x86/sysctl.c`, `xen/arch/x86/platform_hypercall.c`.
/// - `payloadMembers` of `memory`, `physdev` and `vcpu` (families with `payloadArgument`): op → payload
///   struct tag, from `xen/common/memory.c`, `xen/arch/x86/physdev.c` and `xen/common/domain.c`; some
///   of these ops also have a comment the binder cannot read, or share one with another op.
///
/// - `payloadMembers` of `event-channel` and `hvm`: op → payload struct tag, from `do_event_channel_op`
///   (`xen/common/event_channel.c`: each case copies the struct named after its op) and `do_hvm_op`
///   (`xen/arch/x86/hvm/hvm.c`, with `do_altp2m_op`; `HVMOP_flush_tlbs` and `HVMOP_guest_request_vm_event`
///   take a NULL argument), Xen 4.17.0.
/// - `payloadMembers` of `flask`: op → union member of `struct xen_flask_op.u`, from `do_flask_op`
///   (`xen/xsm/flask/flask_op.c`: the member each case reads; `FLASK_GETENFORCE`, `POLICYVERS`, `MLS`,
///   `GETAVC_THRESHOLD` answer in the return value and `COMMITBOOLS` reads nothing), Xen 4.17.0.
/// - `payloadMembers` of `grant-table`, `kexec` and `xenver`: op → payload struct tag, from `do_grant_table_op`
///   (`xen/common/grant_table.c`: each case casts `uop` to the `gnttab_*_t` named after its op, and
///   the hypercall takes `(cmd, uop, count)`, hence `payloadCount`), `do_kexec_op_internal`
///   (`xen/common/kexec.c`: each handler copies the `xen_kexec_*_t` named after its op; `kexec_status`
///   answers in the return value) and `do_xen_version`
///   (`xen/common/kernel.c`: `XENVER_version` and `XENVER_pagesize` answer in the return value and
///   read no argument; the char-array ops have no struct and stay unbound), Xen 4.17.0.
/// - `payloadMembers` of `pmu`, `callback` and `nmi`: op → payload struct tag, from `do_xenpmu_op`
///   (`xen/arch/x86/cpu/vpmu.c`: the argument is a `xen_pmu_params_t` handle, copied in or out by
///   every op but `XENPMU_lvtpc_set` and `XENPMU_flush`, which read none), `do_callback_op` and
///   `do_nmi_op` (`xen/arch/x86/pv/callback.c`: `callback_register`, `callback_unregister` and
///   `xennmi_callback` copied in; `XENNMI_unregister_callback` reads no argument), Xen 4.17.0.
/// - `payloadMembers` of `xenoprof`: op → payload struct tag, from `do_xenoprof_op`
///   (`xen/common/xenoprof.c` and `xen/arch/x86/oprofile/xenoprof.c`: `init`, `get_buffer`,
///   `set_passive`, `counter` and `ibs_counter` copy the `xenoprof_*` struct named after them; the
///   other ops read no argument, but `set_active` (a `domid_t`) and `set_backtrace` (an `int`),
///   which have no struct and stay unbound), Xen 4.17.0.
///
/// All 68 bindings of the first three items were checked against those handlers (Xen sources from 4.7 to after 4.19; 4.17-era
/// changes confirmed from their patches). One could not be: x86 has no handler case for
/// `PHYSDEVOP_free_irq_vector` (it returns -ENOSYS); its entry follows the header's shared comment with
/// `PHYSDEVOP_alloc_irq_vector` ("@arg == pointer to physdev_irq").
///
/// `constantGroups`: the constant table (`ConstantGroup` rows), which value macros of a header form one
/// Swift type (a flag set or a set of named values) and which record fields carry it; each row's
/// `fields` is the field the header's comment names for the macros (`uint32_t flags; /* XEN_DOMINF_* */`).
///
/// `payloads`: the payload structs of families whose hypercalls take the payload as a separate
/// argument instead of inside a request record (and the compat `struct physdev_op` and
/// `struct evtchn_op`); they are mirrored with their layout, not bound to ops.
public enum BuiltinFamilies {
    /// The name the built-in table goes by in messages.
    public static let sourceName = "BuiltinFamilies.json (built in)"

    /// The default table, in emission order.
    /// - Returns: The rows of `BuiltinFamilies.json`.
    /// - Throws: `GeneratorDiagnostic` if the embedded table does not decode (a broken build).
    public static func table() throws -> [FamilySpec] {
        try decoded.get().familyTable ?? []
    }

    /// The default constant table: which value macros form one Swift type, and the record fields
    /// that carry them.
    /// - Returns: The `constantGroups` rows of `BuiltinFamilies.json`.
    /// - Throws: `GeneratorDiagnostic` if the embedded table does not decode (a broken build).
    public static func constantGroups() throws -> [ConstantGroup] {
        try decoded.get().constantGroups ?? []
    }

    /// The table, decoded once.
    private static let decoded = Result { () throws(GeneratorDiagnostic) -> Config in
        do {
            return try ConfigLoader.decode(data: Data(PackageResources.BuiltinFamilies_json), path: sourceName)
        } catch let diagnostic as GeneratorDiagnostic {
            throw diagnostic
        } catch {
            throw GeneratorDiagnostic(.error, at: nil, "\(sourceName): \(error)")
        }
    }
}
