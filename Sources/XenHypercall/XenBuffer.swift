#if canImport(Glibc)
import Glibc
#endif

/// An array of `capacity` elements in hypercall-safe memory, for a `XenGuestHandle64<Element>` to
/// point at: the bounce buffer between Swift values and what Xen reads or writes.
///
/// Noncopyable: exactly one owner, and the pages are unmapped when it ends, so nothing leaks and
/// no handle outlives its memory by accident. Get one from ``XenHypervisor/withBuffer(of:capacity:_:)``.
public struct XenBuffer<Element: BitwiseCopyable>: ~Copyable {
    /// The mapping.
    let base: UnsafeMutableRawPointer
    /// The mapping's length in bytes.
    let length: Int
    /// How many elements fit.
    public let capacity: Int

    /// Maps a zero-filled buffer of `capacity` elements.
    /// - Parameters:
    ///   - capacity: The number of elements.
    ///   - memory: Where hypercall-safe pages come from.
    /// - Throws: ``XenHypercallError/hypercallMemoryUnavailable(bytes:errno:)``.
    public init(capacity: Int, in memory: HypercallMemory) throws(XenHypercallError) {
        precondition(capacity >= 0, "a buffer cannot hold a negative number of elements")
        (base, length) = try memory.map(bytes: capacity * MemoryLayout<Element>.stride)
        self.capacity = capacity
    }

    deinit {
        munmap(base, length)
    }

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

    /// The element at `index`.
    public subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < capacity, "index \(index) out of a buffer of \(capacity)")
            return base.load(fromByteOffset: index * MemoryLayout<Element>.stride, as: Element.self)
        }
        nonmutating set {
            precondition(index >= 0 && index < capacity, "index \(index) out of a buffer of \(capacity)")
            base.storeBytes(of: newValue, toByteOffset: index * MemoryLayout<Element>.stride, as: Element.self)
        }
    }

    /// Copies the first `count` elements out (at most `capacity`).
    /// - Parameter count: How many, such as the number Xen reported writing.
    /// - Returns: The elements.
    public func prefix(_ count: Int) -> [Element] {
        (0..<max(0, min(count, capacity))).map { self[$0] }
    }

    /// Copies `elements` in from the start.
    /// - Parameter elements: The values; at most `capacity` of them.
    /// - Throws: ``XenHypercallError/bufferTooSmall(element:capacity:requested:)`` when they do not fit.
    public func store(_ elements: [Element]) throws(XenHypercallError) {
        guard elements.count <= capacity else {
            throw .bufferTooSmall(element: xenTypeName(Element.self), capacity: capacity, requested: elements.count)
        }
        for (index, element) in elements.enumerated() { self[index] = element }
    }
}
