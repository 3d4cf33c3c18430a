import Foundation
import Testing
@testable import XenHypercall

/// Nothing leaks: every buffer is unmapped and every descriptor closed, also on the error paths.
///
/// Other tests run in the same process at the same time, so the checks look only at what is this
/// runtime's own: locked memory (nothing else in the test process locks memory) and descriptors of
/// a device path unique to this test.
@Suite("no leaks")
struct LeakTests {
    /// `VmLck` of this process, in kB.
    static func lockedKiB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmLck:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }

    /// How many of this process's descriptors refer to `path`.
    static func descriptors(of path: String) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").filter { fd in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + fd)) == path
        }.count
    }

    @Test("a thousand buffers and a hundred failed calls leave no locked page and no descriptor behind")
    func buffersAndFailures() throws {
        let before = try Self.lockedKiB()
        // The check below means something only if the pages are locked at all: a kernel that ignores
        // MAP_LOCKED would leave VmLck unchanged and every "nothing left locked" check would pass.
        do {
            let held = try XenBuffer<UInt8>(capacity: 256 * 1024, in: .lockedAnonymous)
            held[0] = 1
            let during = try withExtendedLifetime(held) { try Self.lockedKiB() }
            #expect(during >= 256, "VmLck is \(during) kB while a 256 kB locked buffer is held (before: \(before) kB)")
        }
        for round in 0..<1000 {
            let buffer = try XenBuffer<UInt64>(capacity: 1 + round % 1500, in: .lockedAnonymous)
            buffer[0] = UInt64(round)
            #expect(throws: XenHypercallError.self) { try buffer.handle(elements: buffer.capacity + 1) }
        }
        // A regular file opens like a device, and its ioctl fails (ENOTTY) like a missing driver.
        let device = FileManager.default.temporaryDirectory.appendingPathComponent("privcmd-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: device, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: device) }
        do {
            let xen = try XenHypervisor(privcmd: device, hypercallDevice: "/dev/xen/no-such-hypercall")
            for _ in 0..<100 {
                #expect(throws: XenHypercallError.self) { try xen.hypercall(ProbeHypercall.five) }
                #expect(throws: XenHypercallError.self) { try xen.call(hypercall: 29, operation: ProbeOp.five, payload: UInt64(1)) }
                #expect(throws: XenHypercallError.self) { try xen.issue(ProbeRequest()) }
            }
            #expect(try Self.descriptors(of: device) == 1)
        }
        #expect(try Self.descriptors(of: device) == 0)
        // Another test may hold a buffer for a moment; a leak of the above would stay (at least 4000 kB).
        var after = try Self.lockedKiB()
        for _ in 0..<50 where after > before {
            usleep(20_000)
            after = try Self.lockedKiB()
        }
        #expect(before >= 0 && after <= before, "locked memory \(before) kB before, \(after) kB after")
    }
}
