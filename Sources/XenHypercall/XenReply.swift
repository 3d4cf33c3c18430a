/// What every typed call gives back, whatever the family: the hypercall's return value, the payload
/// as Xen left it, and, for a family whose payload travels in a request record (domctl, sysctl,
/// platform, dm), that record as Xen wrote it back.
///
/// One shape for every family, so a caller reads `reply.payload` for what Xen wrote into the
/// payload, `reply.value` for what the hypercall returned (the packed version of `XENVER_version`,
/// the frame count of `XENMEM_maximum_ram_page`), and the generated accessors for the request's own
/// fields (the new domain's id in `reply.domain` after `XEN_DOMCTL_createdomain`). Every typed call
/// is `@discardableResult`: success is a status, and for an op that only sets something there is
/// nothing else to read.
public struct XenReply<Payload, Request> {
    /// The hypercall's return value: 0 for most ops, data for the few that answer in it. Request
    /// families return 0 on success; their answers are in `payload` and `request`.
    public let value: Int
    /// The payload after the hypercall (an array of them for a family whose hypercall takes a count).
    public let payload: Payload
    /// The request record after the hypercall; ``XenNoPayload`` for a family without one.
    public let request: Request
    /// The release whose layout Xen's answer was read in (the running release); `nil` when unknown.
    public let release: XenRelease?

    /// - Parameters:
    ///   - value: The hypercall's return value.
    ///   - payload: The payload after the hypercall.
    ///   - request: The request record after the hypercall, or ``XenNoPayload``.
    ///   - release: The release the answer came from, or `nil` when unknown.
    public init(value: Int, payload: Payload, request: Request, release: XenRelease? = nil) {
        self.value = value
        self.payload = payload
        self.request = request
        self.release = release
    }

    /// The payload as ``release`` answered it: a field that only some releases of the bindings have is
    /// optional there (`reply.available.archCapabilities` is `nil` on a release whose layout lacks it),
    /// where ``payload`` reads it as zero.
    public var available: XenReleased<Payload> {
        XenReleased(payload, release: release)
    }
}

extension XenReply: Sendable where Payload: Sendable, Request: Sendable {}

extension XenReply where Request == XenNoPayload {
    /// A reply of a family without a request record.
    /// - Parameters:
    ///   - value: The hypercall's return value.
    ///   - payload: The payload after the hypercall.
    ///   - release: The release the answer came from, or `nil` when unknown.
    public init(value: Int, payload: Payload, release: XenRelease? = nil) {
        self.init(value: value, payload: payload, request: XenNoPayload(), release: release)
    }
}
