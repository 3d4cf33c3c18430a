import XenHypercall

// DomctlOp, Hypercall and the domctl glue come from XenBindings.swift, which XenSwiftGenPlugin
// generates from xen-swiftgen-config.json when this target builds.
let op = DomctlOp.getdomaininfo
print("\(op.cName) = \(op.rawValue) (\(DomctlOp.cPrefix) from \(DomctlOp.header), via \(Hypercall.domctl.cName))")

// The runtime issues the generated requests: in dom0 this prints dom0's pages; elsewhere the clear error.
do {
    let xen = try XenHypervisor()
    let info = try xen.domctl(.getdomaininfo, domain: 0, payload: XenDomctlGetdomaininfo()).payload
    print("dom0 has \(info.totPages) pages")
} catch {
    print(error)
}
