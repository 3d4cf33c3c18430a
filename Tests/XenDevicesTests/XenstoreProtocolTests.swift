import Foundation
import Testing
@testable import XenDevices

/// The xenstore client against a scripted xenstored on a socket pair: events that arrive before a
/// reply (as `/dev/xen/xenbus` may deliver a watch's first event before the `XS_WATCH` reply) are
/// queued for their watch, and a transaction that ends in EAGAIN runs again.
@Suite("xenstore protocol")
struct XenstoreProtocolTests {
    /// One message as the server sees it.
    struct Message {
        var type: UInt32
        var request: UInt32
        var transaction: UInt32
        var payload: [UInt8]
    }

    /// Reads one message from `fd`.
    static func receive(_ fd: Int32) -> Message? {
        func exactly(_ count: Int) -> [UInt8]? {
            var bytes = [UInt8](repeating: 0, count: count)
            var got = 0
            while got < count {
                let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, count - got) }
                if n <= 0 { return nil }
                got += n
            }
            return bytes
        }
        guard let header = exactly(16) else { return nil }
        let words = header.withUnsafeBytes { bytes in (0..<4).map { bytes.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self) } }
        guard let payload = exactly(Int(words[3])) else { return nil }
        return Message(type: words[0], request: words[1], transaction: words[2], payload: payload)
    }

    /// Writes one message to `fd`.
    static func send(
        _ fd: Int32, type: XenstoreMessageType, request: UInt32, transaction: UInt32 = 0, _ payload: [UInt8],
        then next: (XenstoreMessageType, [UInt8])? = nil
    ) {
        var bytes: [UInt8] = []
        for word in [type.rawValue, request, transaction, UInt32(payload.count)] { withUnsafeBytes(of: word) { bytes += $0 } }
        bytes += payload
        if let (nextType, nextPayload) = next {
            for word in [nextType.rawValue, 0, 0, UInt32(nextPayload.count)] { withUnsafeBytes(of: word) { bytes += $0 } }
            bytes += nextPayload
        }
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    static func z(_ text: String) -> [UInt8] { Array(text.utf8) + [0] }

    @Test("events before a reply and events read with a reply are delivered; EAGAIN at commit retries the transaction; replies parse")
    func scriptedServer() async throws {
        var pair: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        let server = pair[1]
        let log = ServerLog()
        let thread = Thread {
            defer { close(server) }
            while let message = Self.receive(server) {
                log.append(message.type)
                switch XenstoreMessageType(rawValue: message.type) {
                case .watch where message.payload.suffix(4).elementsEqual(Self.z("tok")):
                    // As /dev/xen/xenbus may: the watch's first event before the reply.
                    Self.send(server, type: .watchEvent, request: 0, Self.z("/a") + Self.z("tok"))
                    Self.send(server, type: .watch, request: message.request, Self.z("OK"))
                case .watch:
                    // As xenstored's socket does: the reply and the first event in one write, read at once.
                    Self.send(
                        server, type: .watch, request: message.request, Self.z("OK"),
                        then: (.watchEvent, Self.z("/b") + Self.z("tok2")))
                case .read:
                    Self.send(server, type: .watchEvent, request: 0, Self.z("/a/b") + Self.z("tok"))
                    if message.payload == Self.z("/missing") {
                        Self.send(server, type: .error, request: message.request, Self.z("ENOENT"))
                    } else {
                        Self.send(server, type: .read, request: message.request, Array("hello".utf8))
                    }
                case .transactionStart:
                    Self.send(server, type: .transactionStart, request: message.request, Self.z(log.count(6) == 1 ? "7" : "8"))
                case .write, .unwatch:
                    Self.send(server, type: XenstoreMessageType(rawValue: message.type)!, request: message.request, Self.z("OK"))
                case .transactionEnd:
                    if message.transaction == 7 {
                        Self.send(server, type: .error, request: message.request, Self.z("EAGAIN"))
                    } else {
                        Self.send(server, type: .transactionEnd, request: message.request, Self.z("OK"))
                    }
                case .directory:
                    Self.send(server, type: .directory, request: message.request, Self.z("a") + Self.z("dir"))
                case .getPerms:
                    Self.send(server, type: .getPerms, request: message.request, Self.z("n0") + Self.z("r5"))
                default:
                    Self.send(server, type: .error, request: message.request, Self.z("EINVAL"))
                }
            }
        }
        thread.start()
        let store = Xenstore(descriptor: DeviceDescriptor(owning: pair[0], path: "scripted"), transport: .socket("scripted"))
        let watch = try store.watch("/a", token: "tok")
        let other = try store.watch("/b", token: "tok2")
        #expect(try await other.next(timeout: .seconds(5)) == Xenstore.WatchEvent(path: "/b", token: "tok2"))
        #expect(try store.read("/a/b") == "hello")
        #expect(throws: XenDeviceError.xenstore(operation: "XS_READ", path: "/missing", error: "ENOENT")) { _ = try store.read("/missing") }
        #expect(XenDeviceError.xenstore(operation: "XS_READ", path: "/missing", error: "ENOENT").errno == .ENOENT)
        let first = try await watch.next(timeout: .seconds(5))
        let second = try await watch.next(timeout: .seconds(5))
        #expect(first == Xenstore.WatchEvent(path: "/a", token: "tok"))
        #expect(second == Xenstore.WatchEvent(path: "/a/b", token: "tok"))
        var runs = 0
        try store.transaction { transaction in
            runs += 1
            try store.write("/a/b", "v\(runs)", in: transaction)
        }
        #expect(runs == 2)
        #expect(try store.directory("/a") == ["a", "dir"])
        #expect(try store.permissions("/a") == [.init(domain: 0, access: .none), .init(domain: 5, access: .read)])
        watch.cancel()
        other.cancel()
        #expect(try await watch.next(timeout: .zero) == nil)
        #expect(log.types.filter { $0 == XenstoreMessageType.transactionEnd.rawValue }.count == 2)
    }
}

/// What the scripted server received, read from the test.
final class ServerLog: @unchecked Sendable {
    private let lock = NSLock()
    private var received: [UInt32] = []

    func append(_ type: UInt32) { lock.withLock { received.append(type) } }
    var types: [UInt32] { lock.withLock { received } }
    func count(_ type: UInt32) -> Int { lock.withLock { received.filter { $0 == type }.count } }
}
