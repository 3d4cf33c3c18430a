// DomctlOp and Hypercall come from XenBindings.swift, which XenSwiftGenPlugin generates from
// xen-swiftgen-config.json when this target builds.
let op = DomctlOp.getdomaininfo
print("\(op.cName) = \(op.rawValue) (\(DomctlOp.cPrefix) from \(DomctlOp.header), via \(Hypercall.domctl.cName))")
