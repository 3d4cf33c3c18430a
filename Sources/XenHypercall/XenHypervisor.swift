#if canImport(Glibc)
import Glibc
#endif

/// A connection to the hypervisor from a Xen domain (dom0, or a domain allowed to issue hypercalls):
/// the privcmd channel plus hypercall-safe memory. Requests and guest-handle buffers are bounced
/// through that memory, so callers never touch locked pages.
///
/// `Sendable`: it holds only descriptors, and every call uses its own buffers, so several tasks may
/// issue requests at once.
public final class XenHypervisor: Sendable {
    /// The privcmd channel.
    public let channel: PrivcmdChannel
    /// Where request and guest-handle buffers come from.
    public let memory: HypercallMemory
    /// The release the hypervisor runs, from `XENVER_version`, learned once when the connection opens;
    /// `nil` when Xen did not answer. Bindings generated for several releases pick each request's
    /// interface version by it, and refuse ops the release cannot take before sending anything.
    public let release: XenRelease?

    /// `__HYPERVISOR_xen_version` and its `XENVER_version` command (xen.h, version.h): part of the
    /// stable ABI since Xen 3.0, so the runtime may ask before it knows anything else.
    static let xenVersionHypercall: UInt64 = 17
    static let xenVersionCommand: UInt64 = 0

    /// Opens the privcmd device and, when present, `/dev/xen/hypercall`.
    /// - Parameters:
    ///   - privcmd: The privcmd device.
    ///   - hypercallDevice: The hypercall buffer device; without it, locked anonymous memory is used.
    /// - Throws: ``XenHypercallError/privcmdUnavailable(path:errno:)`` saying why and how to fix it.
    public init(privcmd: String = "/dev/xen/privcmd", hypercallDevice: String = "/dev/xen/hypercall") throws(XenHypercallError) {
        channel = try PrivcmdChannel(path: privcmd)
        let device = open(hypercallDevice, O_RDWR | O_CLOEXEC)
        memory = HypercallMemory(device: device >= 0 ? device : nil)
        let word = try? channel.hypercall(Self.xenVersionHypercall, [Self.xenVersionCommand, 0], operation: "XENVER_version")
        release = word.map(XenRelease.init(versionWord:))
    }

    /// Refuses `operation` before anything is sent when the running release cannot take it as these
    /// bindings lay it out.
    /// - Parameter operation: The op about to be issued.
    /// - Throws: ``XenHypercallError/unavailableOnRelease(operation:running:releases:)``.
    public func requireRelease<Operation: XenOperation>(for operation: Operation) throws(XenHypercallError) {
        guard let release, let releases = operation.releases, !releases.contains(release) else { return }
        if let set = Operation.releaseSet, !set.contains(release) {
            throw .releaseNotCovered(operation: operation.cName, running: release, releases: set)
        }
        throw .unavailableOnRelease(operation: operation.cName, running: release, releases: releases)
    }

    /// `request` with the interface version the running release wants: 0 for a stable op, the
    /// release's own for bindings generated for several releases, else as built.
    /// - Parameters:
    ///   - request: The request.
    ///   - payloadEncoded: Whether a typed command stored the payload in the running release's layout;
    ///     else a release that takes the op only in a storage layout refuses it.
    func versioned<Request: XenRequest>(_ request: Request, payloadEncoded: Bool) throws(XenHypercallError) -> Request {
        let operation = Request.Operation(rawValue: request.operationNumber)
        if let operation {
            try requireRelease(for: operation)
            if !payloadEncoded, let release, let same = operation.recordLayoutReleases, !same.contains(release) {
                throw .unavailableOnRelease(operation: operation.cName, running: release, releases: same)
            }
        }
        guard request.carriedInterfaceVersion != nil else { return request }
        var versioned = request
        if operation?.isStableInterface == true {
            versioned.carriedInterfaceVersion = 0
        } else if let release, let version = Request.Operation.interfaceVersion(on: release) {
            versioned.carriedInterfaceVersion = version
        } else if let release, let set = Request.Operation.releaseSet, !set.contains(release) {
            throw .releaseNotCovered(operation: request.operationName, running: release, releases: set)
        }
        return versioned
    }

    /// Issues a plain hypercall whose arguments are numbers (no memory), such as
    /// `xen_version(XENVER_version, NULL)`.
    /// - Parameters:
    ///   - call: The hypercall, a case of the generated `Hypercall` enum (only it is a
    ///     ``XenHypercallNumber``: an op of another family is not a hypercall number).
    ///   - arguments: Up to five arguments.
    /// - Returns: The hypercall's result.
    /// - Throws: ``XenHypercallError/hypercallFailed(operation:errno:)``.
    public func hypercall<Call: XenHypercallNumber>(_ call: Call, _ arguments: UInt64...) throws(XenHypercallError) -> Int {
        try channel.hypercall(UInt64(call.rawValue), arguments, operation: call.cName)
    }

    /// Issues `request` through its hypercall, bounced through hypercall-safe memory, and returns it
    /// as Xen wrote it back with the hypercall's return value.
    /// - Parameters:
    ///   - request: A request record, such as a `XenDomctl` built from a typed command.
    ///   - payloadEncoded: Whether the payload is in the running release's layout (the typed commands
    ///     store it so); a request built by hand holds the bindings' record, which some releases lay out otherwise.
    /// - Returns: The hypercall's return value and the request after the hypercall.
    /// - Throws: ``XenHypercallError/interfaceVersionMismatch(operation:bindings:hypervisor:)`` when Xen
    ///   speaks another interface version, else ``XenHypercallError/hypercallFailed(operation:errno:)``.
    @discardableResult
    public func issue<Request: XenRequest>(
        _ request: Request, payloadEncoded: Bool = false
    ) throws(XenHypercallError) -> (value: Int, request: Request) {
        let request = try versioned(request, payloadEncoded: payloadEncoded)
        let buffer = try XenBuffer<Request>(capacity: 1, in: memory)
        buffer[0] = request
        let value: Int
        do {
            value = try channel.hypercall(Request.hypercall, [buffer.handle.address], operation: request.operationName)
        } catch {
            if error.errno == .EACCES, let mismatch = versionMismatch(request) {
                throw mismatch
            }
            throw error
        }
        return (value, buffer[0])
    }

    /// Issues `request` as the first of an array of buffers, `hypercall(arguments…, nr_bufs, bufs)`
    /// (the shape of `HYPERVISOR_dm_op(domid, nr_bufs, bufs)`), bounced through hypercall-safe memory,
    /// and returns it as Xen wrote it back with the hypercall's return value.
    /// - Parameters:
    ///   - request: A request record, such as a `XenDMOp` built from a typed command.
    ///   - arguments: The numbers before the buffer count (the domain of `dm_op`).
    ///   - buffers: More buffers the op points Xen at, passed as `bufs[1…]`.
    ///   - payloadEncoded: Whether the payload is in the running release's layout (see ``issue(_:payloadEncoded:)``).
    /// - Returns: The hypercall's return value and the request after the hypercall.
    /// - Throws: ``XenHypercallError/hypercallFailed(operation:errno:)``.
    @discardableResult
    public func issue<Request: XenRequest>(
        _ request: Request, arguments: [UInt64], buffers: [XenBufferRegion] = [], payloadEncoded: Bool = false
    ) throws(XenHypercallError) -> (value: Int, request: Request) {
        let request = try versioned(request, payloadEncoded: payloadEncoded)
        let buffer = try XenBuffer<Request>(capacity: 1, in: memory)
        buffer[0] = request
        let array = try XenBuffer<XenBufferRegion>(capacity: 1 + buffers.count, in: memory)
        array[0] = try buffer.region(elements: 1)
        for (index, region) in buffers.enumerated() { array[index + 1] = region }
        let value = try channel.hypercall(
            Request.hypercall, arguments + [UInt64(array.capacity), array.handle.address], operation: request.operationName)
        return (value, buffer[0])
    }

    /// Issues `hypercall(op, arguments…, &payload)` for the argument families (memory, physdev, sched,
    /// and with `arguments` vcpu), the payload bounced through hypercall-safe memory.
    /// - Parameters:
    ///   - hypercall: The `__HYPERVISOR_*` number.
    ///   - operation: The op.
    ///   - arguments: Arguments between the op and the payload (the vcpu of `vcpu_op`).
    ///   - payload: The payload; an empty one is passed as NULL.
    /// - Returns: The hypercall's result and the payload as Xen left it.
    /// - Throws: ``XenHypercallError/hypercallFailed(operation:errno:)``.
    public func call<Operation: XenOperation, Payload: BitwiseCopyable>(
        hypercall: UInt64, operation: Operation, arguments: [UInt64] = [], payload: Payload
    ) throws(XenHypercallError) -> (result: Int, payload: Payload) {
        let (result, payloads) = try bouncing([payload], hypercall: hypercall, operation: operation) { address in
            [UInt64(operation.rawValue)] + arguments + [address]
        }
        return (result, payloads[0])
    }

    /// Issues `hypercall(op, &payloads, count)`, the shape of `HYPERVISOR_grant_table_op(cmd, uop, count)`:
    /// the payloads are an array that Xen works through in order, and the count after them is their
    /// number, so the caller never passes it.
    /// - Parameters:
    ///   - hypercall: The `__HYPERVISOR_*` number.
    ///   - operation: The op.
    ///   - payloads: The payloads, at least one.
    /// - Returns: The hypercall's result and the payloads as Xen left them.
    /// - Throws: ``XenHypercallError/hypercallFailed(operation:errno:)``.
    public func call<Operation: XenOperation, Payload: BitwiseCopyable>(
        hypercall: UInt64, operation: Operation, counted payloads: [Payload]
    ) throws(XenHypercallError) -> (result: Int, payload: [Payload]) {
        try bouncing(payloads, hypercall: hypercall, operation: operation) { address in
            [UInt64(operation.rawValue), address, UInt64(payloads.count)]
        }
    }

    /// Issues `hypercall(&payloads, count, NULL, arguments…)`, the shape of
    /// `HYPERVISOR_mmuext_op(ops, count, pdone, foreigndom)`: each payload carries its own op, so no op
    /// number is passed; Xen works through the array in order, and the count after it is their number.
    /// The done count is NULL: Xen needs it only to resume a call it preempted itself, and an error
    /// is thrown for the whole batch.
    /// - Parameters:
    ///   - hypercall: The `__HYPERVISOR_*` number.
    ///   - operation: The op the payloads carry, for the release check and the error.
    ///   - payloads: The payloads, each with its op already in it.
    ///   - arguments: The numbers after the done count (the domain of `mmuext_op`).
    /// - Returns: The hypercall's result and the payloads as Xen left them.
    /// - Throws: ``XenHypercallError/hypercallFailed(operation:errno:)``.
    public func call<Operation: XenOperation, Payload: BitwiseCopyable>(
        hypercall: UInt64, operation: Operation, batch payloads: [Payload], arguments: [UInt64] = []
    ) throws(XenHypercallError) -> (result: Int, payload: [Payload]) {
        try bouncing(payloads, hypercall: hypercall, operation: operation) { address in
            [address, UInt64(payloads.count), 0] + arguments
        }
    }

    /// What the payload calls share: the release check, the payloads copied into one hypercall-safe
    /// buffer, the hypercall with the arguments `arguments` makes of the buffer's address (0 for empty
    /// payloads, which Xen reads as NULL), and the payloads as Xen left them.
    /// - Parameters:
    ///   - payloads: The payloads, in the order Xen reads them.
    ///   - hypercall: The `__HYPERVISOR_*` number.
    ///   - operation: The op, for the release check and the error.
    ///   - arguments: The hypercall's arguments, given the payloads' address.
    /// - Returns: The hypercall's result and the payloads after it.
    /// - Throws: ``XenHypercallError/hypercallFailed(operation:errno:)``.
    private func bouncing<Operation: XenOperation, Payload: BitwiseCopyable>(
        _ payloads: [Payload], hypercall: UInt64, operation: Operation, arguments: (_ address: UInt64) -> [UInt64]
    ) throws(XenHypercallError) -> (result: Int, payload: [Payload]) {
        try requireRelease(for: operation)
        let buffer = try XenBuffer<Payload>(capacity: max(payloads.count, 1), in: memory)
        for (index, payload) in payloads.enumerated() { buffer[index] = payload }
        let address = MemoryLayout<Payload>.size == 0 ? 0 : buffer.handle.address
        let result = try channel.hypercall(hypercall, arguments(address), operation: operation.cName)
        return (result, payloads.indices.map { buffer[$0] })
    }

    /// Issues `hypercall(op, region.address, region.size, …)`, the shape of
    /// `HYPERVISOR_hypfs_op(cmd, arg1, arg2, arg3, arg4)`: the op, then memory regions each given by
    /// its address and its size in bytes, and no payload.
    /// - Parameters:
    ///   - hypercall: The `__HYPERVISOR_*` number.
    ///   - operation: The op.
    ///   - regions: At most two regions; an empty one is `(0, 0)`, NULL and no length.
    /// - Returns: The hypercall's result.
    /// - Throws: ``XenHypercallError/hypercallFailed(operation:errno:)``.
    public func call<Operation: XenOperation>(
        hypercall: UInt64, operation: Operation, regions: [XenBufferRegion]
    ) throws(XenHypercallError) -> Int {
        try requireRelease(for: operation)
        let words = regions.flatMap { [$0.address, $0.size] }
        return try channel.hypercall(hypercall, [UInt64(operation.rawValue)] + words, operation: operation.cName)
    }

    // Embedded Swift has no untyped throws: there `buffer(of:capacity:)` serves instead.
    #if !hasFeature(Embedded)
    /// Calls `body` with a zero-filled buffer of `capacity` elements in hypercall-safe memory, for a
    /// guest handle of a request; the buffer is unmapped when `body` returns.
    /// - Parameters:
    ///   - element: The element type.
    ///   - capacity: The number of elements.
    ///   - body: Builds and issues the request, and reads the buffer.
    /// - Returns: What `body` returns.
    /// - Throws: ``XenHypercallError/hypercallMemoryUnavailable(bytes:errno:)``, or what `body` throws.
    ///   Not under Embedded Swift, which has no untyped throws: use `buffer(of:capacity:)` there.
    public func withBuffer<Element: BitwiseCopyable, Result>(
        of element: Element.Type, capacity: Int, _ body: (borrowing XenBuffer<Element>) throws -> Result
    ) throws -> Result {
        let buffer = try self.buffer(of: element, capacity: capacity)
        return try body(buffer)
    }

    /// Calls `body` with a zero-filled buffer of `capacity` elements of a record that the releases of the
    /// bindings lay out differently, held in the running release's layout (`release`), so that Xen reads
    /// and writes the array as its own headers lay it out; the buffer converts each element to and from
    /// the record. The buffer is unmapped when `body` returns.
    /// - Parameters:
    ///   - element: The element type.
    ///   - capacity: The number of elements.
    ///   - body: Builds and issues the request, and reads the buffer.
    /// - Returns: What `body` returns.
    /// - Throws: ``XenHypercallError/hypercallMemoryUnavailable(bytes:errno:)``, or what `body` throws.
    public func withBuffer<Element: XenReleaseLayouts, Result>(
        of element: Element.Type, capacity: Int, _ body: (borrowing XenBuffer<Element>) throws -> Result
    ) throws -> Result {
        let buffer = try self.buffer(of: element, capacity: capacity)
        return try body(buffer)
    }
    #endif

    /// A zero-filled buffer of `capacity` elements in hypercall-safe memory, for a guest handle of a
    /// request; it is unmapped when its owner lets it go (``XenBuffer`` is noncopyable).
    ///
    /// Throws only ``XenHypercallError``, so code that uses it builds under Embedded Swift too.
    /// - Parameters:
    ///   - element: The element type.
    ///   - capacity: The number of elements.
    /// - Returns: The buffer.
    /// - Throws: ``XenHypercallError/hypercallMemoryUnavailable(bytes:errno:)``.
    public func buffer<Element: BitwiseCopyable>(of element: Element.Type, capacity: Int) throws(XenHypercallError) -> XenBuffer<Element> {
        try XenBuffer<Element>(capacity: capacity, in: memory)
    }

    /// A zero-filled buffer of `capacity` elements of a record that the releases of the bindings lay out
    /// differently, held in the running release's layout: the buffer converts each element to and from the record.
    ///
    /// Throws only ``XenHypercallError``, so code that uses it builds under Embedded Swift too.
    /// - Parameters:
    ///   - element: The element type.
    ///   - capacity: The number of elements.
    /// - Returns: The buffer.
    /// - Throws: ``XenHypercallError/hypercallMemoryUnavailable(bytes:errno:)``.
    public func buffer<Element: XenReleaseLayouts>(of element: Element.Type, capacity: Int) throws(XenHypercallError) -> XenBuffer<Element>
    {
        try XenBuffer<Element>(capacity: capacity, in: memory, release: release)
    }

    /// Whether `request`'s EACCES is an interface-version mismatch, and which version Xen speaks.
    ///
    /// Xen checks the version before anything else and refuses any other with EACCES; an op number no
    /// family uses (the maximum) passes that check and then fails harmlessly (ENOSYS). Trying the
    /// versions one by one with that op finds the hypervisor's.
    /// - Parameter request: The refused request; one without an interface version has no mismatch.
    /// - Returns: The mismatch error, or `nil` when Xen refuses every version (a plain permission error).
    func versionMismatch<Request: XenRequest>(_ request: Request) -> XenHypercallError? {
        guard let carried = request.carriedInterfaceVersion else { return nil }
        let buffer: XenBuffer<Request>
        do { buffer = try XenBuffer<Request>(capacity: 1, in: memory) } catch { return nil }
        for candidate in UInt32(0)...0xFF where candidate != carried {
            var probe = request
            probe.carriedInterfaceVersion = candidate
            probe.operationNumber = .max
            buffer[0] = probe
            do {
                _ = try channel.hypercall(Request.hypercall, [buffer.handle.address], operation: probe.operationName)
            } catch  where error.errno == .EACCES {
                continue
            } catch {}
            return .interfaceVersionMismatch(operation: request.operationName, bindings: carried, hypervisor: candidate)
        }
        return nil
    }
}
