import Testing
@testable import XenHypercall

/// Hypercall-safe buffers: locked anonymous memory works without Xen, so the bounce and the size
/// check are tested on the host.
@Suite("hypercall-safe buffers")
struct XenBufferTests {
    @Test("a buffer holds what is stored, hands out a handle to its memory, and rejects a request larger than it")
    func bounce() throws {
        let buffer = try XenBuffer<UInt64>(capacity: 4, in: .lockedAnonymous)
        #expect(buffer.prefix(4) == [0, 0, 0, 0])
        try buffer.store([1, 2, 3])
        #expect(buffer.prefix(10) == [1, 2, 3, 0])
        let handle = try buffer.handle(elements: 4)
        #expect(handle.address % 4096 == 0 && !handle.isNull)
        #expect(UnsafePointer<UInt64>(bitPattern: UInt(handle.address))?.advanced(by: 1).pointee == 2)
        #expect(throws: XenHypercallError.bufferTooSmall(element: "UInt64", capacity: 4, requested: 64)) { try buffer.handle(elements: 64) }
        #expect(throws: XenHypercallError.bufferTooSmall(element: "UInt64", capacity: 4, requested: 5)) {
            try buffer.store([1, 2, 3, 4, 5])
        }
    }

    @Test("a buffer of many pages is zero-filled and page-aligned")
    func largeBuffer() throws {
        let buffer = try XenBuffer<UInt8>(capacity: 3 * 4096 + 1, in: .lockedAnonymous)
        #expect(buffer.length == 4 * 4096)
        #expect(buffer[3 * 4096] == 0)
        buffer[3 * 4096] = 7
        #expect(buffer[3 * 4096] == 7)
    }

    @Test("union and bit-field accessors the generated code calls")
    func accessors() {
        var storage = InlineArray<2, UInt64>(repeating: 0)
        xenUnionStore(UInt32(0xABCD), into: &storage)
        #expect(xenUnionLoad(storage, as: UInt32.self) == 0xABCD)
        var bits = InlineArray<1, UInt8>(repeating: 0)
        xenSetBits(&bits, at: 2, width: 3, to: 0b101)
        #expect(bits[0] == 0b10100)
        #expect(xenBits(bits, at: 2, width: 3, signed: true) == UInt64(bitPattern: -3))
    }
}
