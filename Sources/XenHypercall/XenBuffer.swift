#if canImport(Glibc)
import Glibc
#endif

/// An array of `capacity` elements in hypercall-safe memory, for a `XenGuestHandle64<Element>` to
/// point at: the bounce buffer between Swift values and what Xen reads or writes.
///
/// Noncopyable: exactly one owner, and the pages are unmapped when it ends, so nothing leaks and
/// no handle outlives its memory by accident. Get one from `XenHypervisor.withBuffer(of:capacity:_:)`.
///
/// With bindings generated for several releases, an element record that the running release lays out
/// otherwise (``XenReleaseLayouts``) is held in that release's storage layout: the buffer maps
/// `capacity` elements of that layout's stride, and its subscript, ``prefix(_:)`` and ``store(_:)``
/// convert each element between the record and the layout, so Xen reads and writes the array as its own
/// headers lay it out. Any other element type is stored as it is.
public struct XenBuffer<Element: BitwiseCopyable>: ~Copyable {
    /// The mapping.
    let base: UnsafeMutableRawPointer
    /// The mapping's length in bytes.
    let length: Int
    /// How many elements fit.
    public let capacity: Int
    /// The running release's storage layout of `Element`, or `nil` when the elements are stored as `Element` itself.
    let layout: XenLayoutConversion<Element>?
    /// The running release the buffer was made for (its elements are in that release's layout of
    /// `Element`); `nil` when unknown, and for a buffer made with ``init(capacity:in:)``.
    public let release: XenRelease?

    /// Maps a zero-filled buffer of `capacity` elements, each stored as `Element` lays it out.
    /// - Parameters:
    ///   - capacity: The number of elements.
    ///   - memory: Where hypercall-safe pages come from.
    /// - Throws: ``XenHypercallError/hypercallMemoryUnavailable(bytes:errno:)``.
    public init(capacity: Int, in memory: HypercallMemory) throws(XenHypercallError) {
        try self.init(capacity: capacity, in: memory, layout: nil, release: nil)
    }

    /// Maps a zero-filled buffer of `capacity` elements in `layout` (or as `Element` when `nil`).
    init(capacity: Int, in memory: HypercallMemory, layout: XenLayoutConversion<Element>?, release: XenRelease?)
        throws(XenHypercallError)
    {
        precondition(capacity >= 0, "a buffer cannot hold a negative number of elements")
        (base, length) = try memory.map(bytes: capacity * (layout?.stride ?? MemoryLayout<Element>.stride))
        self.capacity = capacity
        self.layout = layout
        self.release = release
    }

    deinit {
        munmap(base, length)
    }

    /// The distance between two elements in the buffer: the stride of the running release's layout.
    public var stride: Int { layout?.stride ?? MemoryLayout<Element>.stride }

    /// A handle to the whole buffer.
    public var handle: XenGuestHandle64<Element> {
        XenGuestHandle64(address: UInt64(UInt(bitPattern: base)))
    }

    /// A handle to the buffer for a request that lets Xen write (or read) `elements` elements.
    /// - Parameter elements: The count the request gives Xen (such as `max_domains`).
    /// - Returns: The handle.
    /// - Throws: ``XenHypercallError/bufferTooSmall(element:capacity:requested:)`` when they do not fit,
    ///   before anything reaches Xen.
    public func handle(elements: Int) throws(XenHypercallError) -> XenGuestHandle64<Element> {
        guard elements >= 0, elements <= capacity else {
            throw .bufferTooSmall(element: xenTypeName(Element.self), capacity: capacity, requested: elements)
        }
        return handle
    }

    /// The element at `index`, converted from the running release's layout.
    ///
    /// Setting an element that sets a field the running release's layout lacks is a programming error
    /// (it stops the program); ``set(_:at:)`` throws instead.
    public subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < capacity, "index \(index) out of a buffer of \(capacity)")
            if let layout { return layout.load(from: base + index * layout.stride) }
            return base.load(fromByteOffset: index * MemoryLayout<Element>.stride, as: Element.self)
        }
        nonmutating set {
            do {
                try set(newValue, at: index)
            } catch {
                preconditionFailure("\(error)")
            }
        }
    }

    /// Stores `element` at `index` in the running release's layout.
    /// - Parameters:
    ///   - element: The value.
    ///   - index: Its index, below `capacity`.
    /// - Throws: ``XenHypercallError/fieldUnavailableOnRelease(field:operation:running:)`` when `element`
    ///   sets a field that the running release's layout lacks; nothing is stored then.
    public func set(_ element: Element, at index: Int) throws(XenHypercallError) {
        precondition(index >= 0 && index < capacity, "index \(index) out of a buffer of \(capacity)")
        if let layout, let release {
            try layout.store(element, at: base + index * layout.stride, operation: Self.operation, release: release)
        } else {
            base.storeBytes(of: element, toByteOffset: index * MemoryLayout<Element>.stride, as: Element.self)
        }
    }

    /// What a refused element is named in errors.
    private static var operation: String { "a guest-handle buffer of \(xenTypeName(Element.self))" }

    /// Copies the first `count` elements out (at most `capacity`).
    /// - Parameter count: How many, such as the number Xen reported writing.
    /// - Returns: The elements.
    public func prefix(_ count: Int) -> [Element] {
        (0..<max(0, min(count, capacity))).map { self[$0] }
    }

    /// Copies `elements` in from the start.
    /// - Parameter elements: The values; at most `capacity` of them.
    /// - Throws: ``XenHypercallError/bufferTooSmall(element:capacity:requested:)`` when they do not fit,
    ///   or ``XenHypercallError/fieldUnavailableOnRelease(field:operation:running:)`` when one sets a field
    ///   that the running release's layout lacks (the elements before it are stored).
    public func store(_ elements: [Element]) throws(XenHypercallError) {
        guard elements.count <= capacity else {
            throw .bufferTooSmall(element: xenTypeName(Element.self), capacity: capacity, requested: elements.count)
        }
        for (index, element) in elements.enumerated() { try set(element, at: index) }
    }
}

extension XenBuffer where Element: XenReleaseLayouts {
    /// Maps a zero-filled buffer of `capacity` elements in `release`'s layout of `Element`.
    /// - Parameters:
    ///   - capacity: The number of elements.
    ///   - memory: Where hypercall-safe pages come from.
    ///   - release: The running release (``XenHypervisor/release``); `nil` stores the elements as `Element` itself.
    /// - Throws: ``XenHypercallError/hypercallMemoryUnavailable(bytes:errno:)``.
    public init(capacity: Int, in memory: HypercallMemory, release: XenRelease?) throws(XenHypercallError) {
        try self.init(capacity: capacity, in: memory, layout: release.flatMap(Element.storageLayout(on:)), release: release)
    }
}
