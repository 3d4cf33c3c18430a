import Foundation
import Testing
@testable import XenHypercall

/// `XenHypervisor.memory` owns the `/dev/xen/hypercall` descriptor it maps from: a copy kept by the
/// caller outlives the hypervisor connection with the descriptor still open, and the last copy closes it.
@Suite("hypercall memory ownership")
struct HypercallMemoryTests {
    @Test("a copy of memory kept after the hypervisor is gone still maps from its open descriptor; the last copy closes it")
    func memoryOutlivesHypervisor() throws {
        // Regular files stand in for the devices: privcmd only has to open, and the hypercall device
        // only has to map (64 KiB, so a page maps without SIGBUS).
        let folder = FileManager.default.temporaryDirectory
        let privcmd = folder.appendingPathComponent("privcmd-\(UUID().uuidString)").path
        let device = folder.appendingPathComponent("hypercall-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: privcmd, contents: nil))
        #expect(FileManager.default.createFile(atPath: device, contents: Data(count: 65_536)))
        defer {
            try? FileManager.default.removeItem(atPath: privcmd)
            try? FileManager.default.removeItem(atPath: device)
        }
        var kept: HypercallMemory?
        do {
            let xen = try XenHypervisor(privcmd: privcmd, hypercallDevice: device)
            #expect(xen.memory.usesHypercallDevice)
            kept = xen.memory
        }
        // The hypervisor is gone; before the fix its deinit closed the descriptor this copy maps from.
        #expect(try LeakTests.descriptors(of: device) == 1)
        if let memory = kept {
            let buffer = try XenBuffer<UInt64>(capacity: 4, in: memory)
            buffer[3] = 0x5A5A
            #expect(buffer[3] == 0x5A5A)
        }
        kept = nil
        #expect(try LeakTests.descriptors(of: device) == 0)
    }
}
