import Foundation
import Testing

/// Ownership the compiler enforces: a mapping, shared pages and a device are noncopyable, so a second
/// owner (which would unmap or close twice, or use the resource after its owner ended it) does not compile.
@Suite("ownership")
struct OwnershipTests {
    @Test("using a mapping, shared pages or a device after moving it away does not compile")
    func secondOwnerDoesNotCompile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let modules = root.appendingPathComponent(".build/debug/Modules").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xen-devices-ownership-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = """
            import XenDevices
            func mapping(_ table: GrantTable) throws -> Int {
                let mapping = try table.map([8], from: 0)
                let other = mapping
                return mapping.length + other.length
            }
            func pages(_ sharing: borrowing GrantSharing) throws -> [UInt32] {
                let pages = try sharing.share(pages: 1, with: 0)
                let other = pages
                return pages.references + other.references
            }
            func device() throws {
                let channels = try EventChannels()
                let events = channels.events()
                try channels.notify(1)
                _ = events
            }

            """
        let file = folder.appendingPathComponent("consumer.swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let compile = Process()
        let errors = Pipe()
        // Not `-o /dev/null`: swiftc writes its output through a temporary file renamed into place,
        // and as root that replaces the device with a regular file, which every later reader sees.
        compile.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compile.arguments = [
            "swiftc", "-swift-version", "6", "-emit-sil", "-o", folder.appendingPathComponent("consumer.sil").path, "-I", modules,
            file.path,
        ]
        compile.standardError = errors
        compile.standardOutput = FileHandle.nullDevice
        try compile.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        compile.waitUntilExit()
        #expect(compile.terminationStatus != 0)
        let lines = output.split(separator: "\n").filter { $0.contains(": error: ") }.map {
            $0.split(separator: "/").last.map(String.init) ?? ""
        }
        #expect(
            lines == [
                "consumer.swift:3:9: error: 'mapping' used after consume",
                "consumer.swift:8:9: error: 'pages' used after consume",
                "consumer.swift:13:9: error: 'channels' used after consume",
            ], "\(output)")
    }
}
