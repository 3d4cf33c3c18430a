import XenPublic

// The bindings in the repository's Generated/ folder, built as the XenPublic library.
let op = DomctlOp.getdomaininfo
print("\(op.cName) = \(op.rawValue) (\(DomctlOp.cPrefix) from \(DomctlOp.header), via \(Hypercall.domctl.cName))")
