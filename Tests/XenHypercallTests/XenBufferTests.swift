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

    /// A record of two fields whose older layout (Xen 4.16 here) has only the first, as the generated
    /// storage layouts are: C-exact, converting both ways, refusing a field it lacks unless it is zero.
    struct Pair: XenReleaseLayouts, Equatable {
        var a: UInt32
        var b: UInt32

        struct Single: XenStorageLayout {
            var a: UInt32

            init(_ payload: Pair, operation: String, release: XenRelease) throws(XenHypercallError) {
                if payload.b != 0 { throw .fieldUnavailableOnRelease(field: "b", operation: operation, running: release) }
                a = payload.a
            }

            var payload: Pair { Pair(a: a, b: 0) }
        }

        static func storageLayout(on release: XenRelease) -> XenLayoutConversion<Pair>? {
            release == XenRelease(4, 16) ? XenLayoutConversion(Single.self) : nil
        }
    }

    @Test("a buffer of a record with storage layouts holds the running release's layout: stride, handle, region and every access convert")
    func releaseLayouts() throws {
        let old = try XenBuffer<Pair>(capacity: 3, in: .lockedAnonymous, release: XenRelease(4, 16))
        #expect(old.stride == 4 && old.release == XenRelease(4, 16))
        try old.store([Pair(a: 1, b: 0), Pair(a: 2, b: 0), Pair(a: 3, b: 0)])
        let handle = try old.handle(elements: 3)
        // What Xen 4.16 sees at the handle: three 4-byte records.
        #expect(UnsafeBufferPointer(start: UnsafePointer<UInt32>(bitPattern: UInt(handle.address)), count: 3).map { $0 } == [1, 2, 3])
        #expect(try old.region(elements: 3).size == 12)
        UnsafeMutablePointer<UInt32>(bitPattern: UInt(handle.address))?.advanced(by: 1).pointee = 9
        #expect(old[1] == Pair(a: 9, b: 0))
        #expect(old.prefix(5) == [Pair(a: 1, b: 0), Pair(a: 9, b: 0), Pair(a: 3, b: 0)])
        #expect(
            throws: XenHypercallError.fieldUnavailableOnRelease(
                field: "b", operation: "a guest-handle buffer of Pair", running: XenRelease(4, 16))
        ) { try old.set(Pair(a: 4, b: 5), at: 2) }
        #expect(old[2] == Pair(a: 3, b: 0), "a refused element leaves the buffer as it was")

        // The release that lays the record out as itself, and a buffer that knows no release: the record's own layout.
        func recordLayout(_ buffer: borrowing XenBuffer<Pair>) {
            #expect(buffer.stride == 8)
            buffer[1] = Pair(a: 4, b: 5)
            #expect(UnsafePointer<UInt32>(bitPattern: UInt(buffer.handle.address))?.advanced(by: 3).pointee == 5)
        }
        recordLayout(try XenBuffer<Pair>(capacity: 2, in: .lockedAnonymous, release: XenRelease(4, 17)))
        recordLayout(try XenBuffer<Pair>(capacity: 2, in: .lockedAnonymous))

        // A payload union, through the encoding a typed command carries: stored and read back in 4.16's
        // layout, the record's own bytes on 4.17, refused when it sets what 4.16 lacks.
        var union = InlineArray<2, UInt32>(repeating: 7)
        let encoding = XenPayloadEncoding<Pair>.releaseLayouts
        try XenHypervisor.encodePayload(Pair(a: 1, b: 0), into: &union, encoding: encoding, on: XenRelease(4, 16), operation: "op")
        #expect(union[0] == 1 && union[1] == 7)
        #expect(XenHypervisor.decodePayload(union, encoding: encoding, on: XenRelease(4, 16)) == Pair(a: 1, b: 0))
        try XenHypervisor.encodePayload(Pair(a: 1, b: 2), into: &union, encoding: encoding, on: XenRelease(4, 17), operation: "op")
        #expect(union[0] == 1 && union[1] == 2)
        #expect(XenHypervisor.decodePayload(union, encoding: .record, on: XenRelease(4, 16)) == Pair(a: 1, b: 2))
        #expect(throws: XenHypercallError.fieldUnavailableOnRelease(field: "b", operation: "op", running: XenRelease(4, 16))) {
            try XenHypervisor.encodePayload(Pair(a: 3, b: 2), into: &union, encoding: encoding, on: XenRelease(4, 16), operation: "op")
        }
        #expect(union[0] == 1, "a refused payload leaves the union as it was")
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
