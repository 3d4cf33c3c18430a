#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import XenDeviceABI
import XenHypercall

/// A xenstore client speaking the protocol of `io/xs_wire.h` (libxenstore's handle), over xenstored's
/// Unix socket or the kernel's `/dev/xen/xenbus`.
///
/// Requests from several tasks are sent one at a time; watch events that arrive while a reply is
/// awaited are queued for their watch (over `/dev/xen/xenbus` the first event of a watch may even come
/// before the reply to `XS_WATCH`). The connection closes when the last reference goes.
public final class Xenstore: Sendable {
    /// Where xenstored is reached.
    public enum Transport: Sendable, Hashable {
        /// xenstored's Unix socket.
        case socket(String)
        /// The kernel's xenbus device (works in any domain, through the dom0 kernel's ring in dom0).
        case device(String)

        /// xenstored's socket as libxenstore finds it.
        public static let defaultSocket = Transport.socket("/var/run/xenstored/socket")
        /// The kernel's xenbus device.
        public static let defaultDevice = Transport.device("/dev/xen/xenbus")

        var path: String {
            switch self {
            case .socket(let path), .device(let path): path
            }
        }
    }

    /// A transaction, for the `in:` argument of the operations; see ``transaction(_:)``.
    public struct Transaction: Sendable, Hashable {
        /// The id xenstored gave; 0 is no transaction.
        public let id: UInt32
    }

    /// One entry of a node's permissions: `domain` may do `access`; the first entry names the owner and
    /// what every domain not listed may do.
    public struct Permission: Sendable, Hashable, CustomStringConvertible {
        /// What a domain may do with a node.
        public enum Access: Character, Sendable, Hashable {
            case none = "n", read = "r", write = "w", readWrite = "b"
        }

        /// The domain.
        public var domain: UInt32
        /// Its access.
        public var access: Access

        /// An entry.
        /// - Parameters:
        ///   - domain: The domain.
        ///   - access: What it may do.
        public init(domain: UInt32, access: Access) {
            self.domain = domain
            self.access = access
        }

        /// The wire form, such as `r5`.
        public var description: String { "\(access.rawValue)\(domain)" }
    }

    /// A watch event: `path` (the watched node or one below it) changed.
    public struct WatchEvent: Sendable, Hashable {
        /// The node that changed.
        public var path: String
        /// The watch's token.
        public var token: String
    }

    /// The connection and what has been read from it.
    struct Connection: ~Copyable {
        let descriptor: DeviceDescriptor
        var buffer: [UInt8] = []
        var nextRequest: UInt32 = 1
        var nextToken = 1
        var events: [String: [WatchEvent]] = [:]
    }

    /// The connection, one user at a time.
    let connection: Mutex<Connection>
    /// Where it goes.
    public let transport: Transport

    /// Connects.
    /// - Parameter transport: The socket or the device; by default the socket when xenstored runs here,
    ///   else the device (as libxenstore does).
    /// - Throws: ``XenDeviceError/unavailable(path:errno:)``.
    public convenience init(transport: Transport? = nil) throws(XenDeviceError) {
        let chosen = transport ?? (access(Transport.defaultSocket.path, F_OK) == 0 ? .defaultSocket : .defaultDevice)
        let descriptor: DeviceDescriptor
        switch chosen {
        case .device(let path):
            descriptor = try DeviceDescriptor(opening: path)
        case .socket(let path):
            descriptor = try Self.connect(path)
        }
        self.init(descriptor: descriptor, transport: chosen)
    }

    /// A client over an open connection.
    /// - Parameters:
    ///   - descriptor: The connection.
    ///   - transport: What it is.
    init(descriptor: consuming DeviceDescriptor, transport: Transport) {
        self.transport = transport
        connection = Mutex(Connection(descriptor: descriptor))
    }

    /// Connects to a Unix socket.
    private static func connect(_ path: String) throws(XenDeviceError) -> DeviceDescriptor {
        let raw = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard raw >= 0 else { throw .unavailable(path: path, errno: XenErrno(rawValue: errno)) }
        let descriptor = DeviceDescriptor(owning: raw, path: path)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw .unavailable(path: path, errno: XenErrno(rawValue: ENAMETOOLONG))
        }
        withUnsafeMutableBytes(of: &address.sun_path) { target in
            for (index, byte) in bytes.enumerated() { target[index] = byte }
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(raw, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else { throw .unavailable(path: path, errno: XenErrno(rawValue: errno)) }
        return descriptor
    }

    // MARK: Operations

    /// The value of `path` (`XS_READ`).
    /// - Parameters:
    ///   - path: The node.
    ///   - transaction: The transaction, if any.
    /// - Returns: The value as text.
    /// - Throws: ``XenDeviceError/xenstore(operation:path:error:)`` (ENOENT for a missing node).
    public func read(_ path: String, in transaction: Transaction? = nil) throws(XenDeviceError) -> String {
        String(decoding: try readBytes(path, in: transaction), as: UTF8.self)
    }

    /// The raw value of `path` (`XS_READ`).
    /// - Parameters:
    ///   - path: The node.
    ///   - transaction: The transaction, if any.
    /// - Returns: The bytes.
    /// - Throws: ``XenDeviceError/xenstore(operation:path:error:)``.
    public func readBytes(_ path: String, in transaction: Transaction? = nil) throws(XenDeviceError) -> [UInt8] {
        try request(.read, path: path, payload: Self.string(path), in: transaction)
    }

    /// Writes `value` to `path`, creating it and its parents (`XS_WRITE`).
    /// - Parameters:
    ///   - path: The node.
    ///   - value: The value.
    ///   - transaction: The transaction, if any.
    /// - Throws: ``XenDeviceError/xenstore(operation:path:error:)``.
    public func write(_ path: String, _ value: String, in transaction: Transaction? = nil) throws(XenDeviceError) {
        _ = try request(.write, path: path, payload: Self.string(path) + Array(value.utf8), in: transaction)
    }

    /// The names of the children of `path` (`XS_DIRECTORY`).
    /// - Parameters:
    ///   - path: The node.
    ///   - transaction: The transaction, if any.
    /// - Returns: The names, in xenstored's order.
    /// - Throws: ``XenDeviceError/xenstore(operation:path:error:)``.
    public func directory(_ path: String, in transaction: Transaction? = nil) throws(XenDeviceError) -> [String] {
        Self.strings(try request(.directory, path: path, payload: Self.string(path), in: transaction))
    }

    /// Creates `path` with an empty value, if it does not exist (`XS_MKDIR`).
    /// - Parameters:
    ///   - path: The node.
    ///   - transaction: The transaction, if any.
    /// - Throws: ``XenDeviceError/xenstore(operation:path:error:)``.
    public func makeDirectory(_ path: String, in transaction: Transaction? = nil) throws(XenDeviceError) {
        _ = try request(.mkdir, path: path, payload: Self.string(path), in: transaction)
    }

    /// Removes `path` and everything below it (`XS_RM`).
    /// - Parameters:
    ///   - path: The node.
    ///   - transaction: The transaction, if any.
    /// - Throws: ``XenDeviceError/xenstore(operation:path:error:)``.
    public func remove(_ path: String, in transaction: Transaction? = nil) throws(XenDeviceError) {
        _ = try request(.rm, path: path, payload: Self.string(path), in: transaction)
    }

    /// The permissions of `path` (`XS_GET_PERMS`).
    /// - Parameters:
    ///   - path: The node.
    ///   - transaction: The transaction, if any.
    /// - Returns: The entries; the first is the owner's and the default.
    /// - Throws: ``XenDeviceError/xenstore(operation:path:error:)``, or
    ///   ``XenDeviceError/protocolViolation(operation:detail:)`` for an entry that does not parse.
    public func permissions(_ path: String, in transaction: Transaction? = nil) throws(XenDeviceError) -> [Permission] {
        var result: [Permission] = []
        for entry in Self.strings(try request(.getPerms, path: path, payload: Self.string(path), in: transaction)) {
            guard let letter = entry.first, let access = Permission.Access(rawValue: letter), let domain = UInt32(entry.dropFirst()) else {
                throw .protocolViolation(operation: "XS_GET_PERMS \(path)", detail: "unreadable permission '\(entry)'")
            }
            result.append(Permission(domain: domain, access: access))
        }
        return result
    }

    /// Sets the permissions of `path` (`XS_SET_PERMS`).
    /// - Parameters:
    ///   - path: The node.
    ///   - permissions: The entries; the first is the owner's and the default.
    ///   - transaction: The transaction, if any.
    /// - Throws: ``XenDeviceError/xenstore(operation:path:error:)``.
    public func setPermissions(_ path: String, _ permissions: [Permission], in transaction: Transaction? = nil) throws(XenDeviceError) {
        let payload = Self.string(path) + permissions.flatMap { Self.string($0.description) }
        _ = try request(.setPerms, path: path, payload: payload, in: transaction)
    }

    /// The home path of `domain` (`XS_GET_DOMAIN_PATH`), such as `/local/domain/0`.
    /// - Parameter domain: The domain.
    /// - Returns: The path.
    /// - Throws: ``XenDeviceError/xenstore(operation:path:error:)``.
    public func domainPath(_ domain: UInt32) throws(XenDeviceError) -> String {
        Self.strings(try request(.getDomainPath, path: "\(domain)", payload: Self.string("\(domain)"), in: nil)).first ?? ""
    }

    /// Runs `body` in a transaction and commits it; when another writer got in between (EAGAIN at the
    /// commit), runs it again in a new transaction, as libxenstore's callers do.
    /// - Parameters:
    ///   - attempts: How many times at most.
    ///   - body: The reads and writes, each passed the transaction.
    /// - Returns: What the committed run of `body` returned.
    /// - Throws: What `body` throws (the transaction is then abandoned), or the last EAGAIN.
    public func transaction<Value>(attempts: Int = 16, _ body: (Transaction) throws -> Value) throws -> Value {
        var attempt = 1
        while true {
            let reply = try request(.transactionStart, path: "", payload: [0], in: nil)
            guard let id = UInt32(Self.strings(reply).first ?? "") else {
                throw XenDeviceError.protocolViolation(operation: "XS_TRANSACTION_START", detail: "no transaction id in the reply")
            }
            let transaction = Transaction(id: id)
            let result: Value
            do {
                result = try body(transaction)
            } catch {
                _ = try? request(.transactionEnd, path: "", payload: Self.string("F"), in: transaction)
                throw error
            }
            switch Result(catching: { () throws(XenDeviceError) in
                try request(.transactionEnd, path: "", payload: Self.string("T"), in: transaction)
            }) {
            case .success:
                return result
            case .failure(let error):
                guard error.errno?.name == "EAGAIN", attempt < attempts else { throw error }
                attempt += 1
            }
        }
    }

    /// Watches `path` and everything below it (`XS_WATCH`). xenstored sends a first event for `path`
    /// itself at once.
    /// - Parameters:
    ///   - path: The node, or a special path such as `@introduceDomain`.
    ///   - token: The token events carry; a unique one by default.
    /// - Returns: The events, as an async sequence; the watch is removed when it is released or with
    ///   ``XenstoreWatch/cancel()``.
    /// - Throws: ``XenDeviceError/xenstore(operation:path:error:)``.
    public func watch(_ path: String, token: String? = nil) throws(XenDeviceError) -> XenstoreWatch {
        let chosen =
            token
            ?? connection.withLock { connection in
                defer { connection.nextToken += 1 }
                return "swift-\(getpid())-\(connection.nextToken)"
            }
        connection.withLock { $0.events[chosen] = $0.events[chosen] ?? [] }
        _ = try request(.watch, path: path, payload: Self.string(path) + Self.string(chosen), in: nil)
        return XenstoreWatch(store: self, path: path, token: chosen)
    }

    /// Removes a watch (`XS_UNWATCH`) and drops its queued events.
    func unwatch(_ path: String, token: String) throws(XenDeviceError) {
        defer { connection.withLock { _ = $0.events.removeValue(forKey: token) } }
        _ = try request(.unwatch, path: path, payload: Self.string(path) + Self.string(token), in: nil)
    }

    /// The next queued or readable event for `token`, without waiting.
    func nextEvent(token: String) throws(XenDeviceError) -> WatchEvent? {
        try connection.withLock { (connection: inout Connection) throws(XenDeviceError) -> WatchEvent? in
            // Only events arrive unasked: every reply is read by its request, under this lock. Whole
            // messages already read (behind a reply, in the same read) come first, then the descriptor.
            while connection.events[token]?.isEmpty ?? true {
                if Self.parse(&connection) != nil { continue }
                guard try connection.descriptor.waitReadable(timeout: .zero) else { break }
                try Self.fill(&connection, operation: "XS_WATCH_EVENT")
            }
            guard var queue = connection.events[token], !queue.isEmpty else { return nil }
            let event = queue.removeFirst()
            connection.events[token] = queue
            return event
        }
    }

    // MARK: The wire

    /// Sends one request and returns its reply's payload; events read meanwhile are queued.
    private func request(
        _ type: XenstoreMessageType, path: String, payload: [UInt8], in transaction: Transaction?
    ) throws(XenDeviceError) -> [UInt8] {
        try connection.withLock { (connection: inout Connection) throws(XenDeviceError) -> [UInt8] in
            let id = connection.nextRequest
            connection.nextRequest &+= 1
            var header = XsdSockmsg()
            header.type = type.rawValue
            header.reqId = id
            header.txId = transaction?.id ?? 0
            header.len = UInt32(payload.count)
            let message = withUnsafeBytes(of: header) { Array($0) } + payload
            try Self.send(message, on: connection.descriptor, operation: type.cName)
            while true {
                let reply = try Self.receive(&connection, operation: type.cName)
                guard reply.header.type != XenstoreMessageType.watchEvent.rawValue, reply.header.reqId == id else { continue }
                if reply.header.type == XenstoreMessageType.error.rawValue {
                    throw .xenstore(operation: type.cName, path: path, error: Self.strings(reply.payload).first ?? "")
                }
                guard reply.header.type == type.rawValue else {
                    throw .protocolViolation(operation: type.cName, detail: "reply of type \(reply.header.type)")
                }
                return reply.payload
            }
        }
    }

    /// Writes all of `message`.
    private static func send(_ message: [UInt8], on descriptor: borrowing DeviceDescriptor, operation: String) throws(XenDeviceError) {
        var sent = 0
        while sent < message.count {
            let count = message.withUnsafeBytes { Glibc.write(descriptor.raw, $0.baseAddress! + sent, $0.count - sent) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .callFailed(operation: "\(operation): write \(descriptor.path)", errno: XenErrno(rawValue: errno))
            }
            sent += count
        }
    }

    /// Reads one whole message (blocking), queueing it when it is a watch event.
    private static func receive(
        _ connection: inout Connection, operation: String
    ) throws(XenDeviceError) -> (header: XsdSockmsg, payload: [UInt8]) {
        while true {
            if let message = parse(&connection) { return message }
            try fill(&connection, operation: operation)
        }
    }

    /// The first whole message of what has been read, if there is one; a watch event is also queued.
    private static func parse(_ connection: inout Connection) -> (header: XsdSockmsg, payload: [UInt8])? {
        let headerSize = MemoryLayout<XsdSockmsg>.size
        guard connection.buffer.count >= headerSize else { return nil }
        let header = connection.buffer.withUnsafeBytes { $0.loadUnaligned(as: XsdSockmsg.self) }
        let total = headerSize + Int(header.len)
        guard connection.buffer.count >= total else { return nil }
        let payload = Array(connection.buffer[headerSize..<total])
        connection.buffer.removeFirst(total)
        if header.type == XenstoreMessageType.watchEvent.rawValue {
            let parts = strings(payload)
            if parts.count >= 2 { connection.events[parts[1], default: []].append(WatchEvent(path: parts[0], token: parts[1])) }
        }
        return (header, payload)
    }

    /// Reads what the descriptor has (blocking until something comes) onto the buffer.
    private static func fill(_ connection: inout Connection, operation: String) throws(XenDeviceError) {
        var chunk = [UInt8](repeating: 0, count: 4096 + MemoryLayout<XsdSockmsg>.size)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(connection.descriptor.raw, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .callFailed(operation: "\(operation): read \(connection.descriptor.path)", errno: XenErrno(rawValue: errno))
            }
            guard count > 0 else { throw .protocolViolation(operation: operation, detail: "xenstored closed the connection") }
            connection.buffer += chunk[0..<count]
            return
        }
    }

    /// `text` and a NUL.
    static func string(_ text: String) -> [UInt8] { Array(text.utf8) + [0] }

    /// The NUL-terminated strings of a payload.
    static func strings(_ payload: [UInt8]) -> [String] {
        var parts = payload.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if payload.last == 0 { parts.removeLast() }
        return parts
    }
}

/// The events of one xenstore watch, as an async sequence. Removing the watch: ``cancel()``, or
/// releasing the last reference.
public final class XenstoreWatch: AsyncSequence, Sendable {
    public typealias Element = Xenstore.WatchEvent

    /// The connection.
    let store: Xenstore
    /// The watched path.
    public let path: String
    /// The token.
    public let token: String
    /// Whether ``cancel()`` ran.
    let cancelled = Atomic<Bool>(false)

    init(store: Xenstore, path: String, token: String) {
        self.store = store
        self.path = path
        self.token = token
    }

    deinit {
        cancel()
    }

    /// Removes the watch; iteration then ends.
    public func cancel() {
        guard !cancelled.exchange(true, ordering: .relaxed) else { return }
        try? store.unwatch(path, token: token)
    }

    /// The next event, waiting at most `timeout`.
    /// - Parameter timeout: How long; `nil` waits for ever.
    /// - Returns: The event, or `nil` on timeout or after ``cancel()``.
    /// - Throws: ``XenDeviceError`` when the connection fails.
    public func next(timeout: Duration?) async throws -> Xenstore.WatchEvent? {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now.advanced(by: $0) }
        while !cancelled.load(ordering: .relaxed) {
            try Task.checkCancellation()
            if let event = try store.nextEvent(token: token) { return event }
            if let deadline, clock.now >= deadline { return nil }
            try await Task.sleep(for: .milliseconds(5))
        }
        return nil
    }

    /// Iterates the events.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let watch: XenstoreWatch

        /// The next event; `nil` once the watch is cancelled.
        public mutating func next() async throws -> Xenstore.WatchEvent? {
            try await watch.next(timeout: nil)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(watch: self) }
}
