#if canImport(Glibc)
import Glibc
#endif
import XenDeviceABI
import XenHypercall

/// The event-channel device, `/dev/xen/evtchn` (what libxenevtchn's handle is): bind ports, notify
/// them, and wait for the ones that fire.
///
/// Noncopyable: one owner; when it ends, the descriptor is closed and the kernel unbinds every port
/// bound through it. Ports are plain numbers (`UInt32`), meaningful only with this device.
///
/// A port that fires is masked until ``unmask(_:)``; Xen sets a port bound with
/// ``bindInterdomain(remoteDomain:remotePort:)`` pending right away (notifications to the remote
/// unbound port may have been lost), so expect it from ``pending(timeout:)`` first.
public struct EventChannels: ~Copyable, Sendable {
    /// The device.
    let device: DeviceDescriptor

    /// Opens the event-channel device.
    /// - Parameter path: The device, `/dev/xen/evtchn` unless a test says otherwise.
    /// - Throws: ``XenDeviceError/unavailable(path:errno:)``.
    public init(path: String = "/dev/xen/evtchn") throws(XenDeviceError) {
        device = try DeviceDescriptor(opening: path)
    }

    /// Wraps an open device.
    /// - Parameter device: The device.
    init(device: consuming DeviceDescriptor) {
        self.device = device
    }

    /// The descriptor, readable when a port is pending (for `poll` or an event loop). Do not close it.
    public var fileDescriptor: Int32 { device.raw }

    /// Allocates a port that `remoteDomain` may bind to (`IOCTL_EVTCHN_BIND_UNBOUND_PORT`).
    /// - Parameter remoteDomain: The domain allowed to bind; this domain's own id makes a loopback.
    /// - Returns: The local port.
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)``.
    public func bindUnbound(remoteDomain: UInt32) throws(XenDeviceError) -> UInt32 {
        var argument = IoctlEvtchnBindUnboundPort()
        argument.remoteDomain = remoteDomain
        return UInt32(try device.control(EvtchnIoctl.bindUnboundPort, &argument))
    }

    /// Binds a local port to `remotePort` of `remoteDomain` (`IOCTL_EVTCHN_BIND_INTERDOMAIN`).
    /// - Parameters:
    ///   - remoteDomain: The remote domain.
    ///   - remotePort: Its unbound port.
    /// - Returns: The local port (pending at once).
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)``.
    public func bindInterdomain(remoteDomain: UInt32, remotePort: UInt32) throws(XenDeviceError) -> UInt32 {
        var argument = IoctlEvtchnBindInterdomain()
        argument.remoteDomain = remoteDomain
        argument.remotePort = remotePort
        return UInt32(try device.control(EvtchnIoctl.bindInterdomain, &argument))
    }

    /// Binds a virtual IRQ (`VIRQ_*` of `xen.h`) to a local port (`IOCTL_EVTCHN_BIND_VIRQ`).
    /// - Parameter virq: The VIRQ.
    /// - Returns: The local port.
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)``; EEXIST when another binding has it.
    public func bindVirtualIRQ(_ virq: UInt32) throws(XenDeviceError) -> UInt32 {
        var argument = IoctlEvtchnBindVirq()
        argument.virq = virq
        return UInt32(try device.control(EvtchnIoctl.bindVirq, &argument))
    }

    /// Sends an event on `port` (`IOCTL_EVTCHN_NOTIFY`).
    /// - Parameter port: A local port bound through this device.
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)``.
    public func notify(_ port: UInt32) throws(XenDeviceError) {
        var argument = IoctlEvtchnNotify()
        argument.port = port
        try device.control(EvtchnIoctl.notify, &argument)
    }

    /// Closes `port` (`IOCTL_EVTCHN_UNBIND`).
    /// - Parameter port: A local port bound through this device.
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)``.
    public func unbind(_ port: UInt32) throws(XenDeviceError) {
        var argument = IoctlEvtchnUnbind()
        argument.port = port
        try device.control(EvtchnIoctl.unbind, &argument)
    }

    /// Unbinds every port of this device (`IOCTL_EVTCHN_RESET`).
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)``.
    public func reset() throws(XenDeviceError) {
        try device.control(EvtchnIoctl.reset, pointer: nil)
    }

    /// The next port that fired, waiting at most `timeout` (a blocking `read` of the device after `poll`).
    /// - Parameter timeout: How long to wait; `nil` waits for ever, `.zero` only looks.
    /// - Returns: The port, or `nil` when none fired in time. It stays masked until ``unmask(_:)``.
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)``.
    public func pending(timeout: Duration? = nil) throws(XenDeviceError) -> UInt32? {
        guard try device.waitReadable(timeout: timeout) else { return nil }
        var port: UInt32 = 0
        let count = withUnsafeMutableBytes(of: &port) { read(device.raw, $0.baseAddress, 4) }
        guard count == 4 else {
            throw .callFailed(operation: "read \(device.path)", errno: XenErrno(rawValue: count < 0 ? errno : EIO))
        }
        return port
    }

    /// Unmasks `port` after its event was handled, so that it can fire again (a `write` of the port).
    /// - Parameter port: The port.
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)``.
    public func unmask(_ port: UInt32) throws(XenDeviceError) {
        var value = port
        let count = withUnsafeBytes(of: &value) { write(device.raw, $0.baseAddress, 4) }
        guard count == 4 else {
            throw .callFailed(operation: "write \(device.path)", errno: XenErrno(rawValue: count < 0 ? errno : EIO))
        }
    }

    /// Ports as they fire, as an async sequence; each is unmasked after it is delivered. The device
    /// moves into the sequence (bind the ports first), so its descriptor lives exactly as long as the
    /// sequence. Polls every `interval` (the device has no async interface): for tools, not hot paths.
    /// - Parameter interval: How often to look.
    /// - Returns: The ports; the sequence ends with an error if the device fails.
    public consuming func events(every interval: Duration = .milliseconds(10)) -> AsyncThrowingStream<UInt32, any Error> {
        let owner = DescriptorOwner(device)
        return AsyncThrowingStream { () async throws -> UInt32? in
            while true {
                try Task.checkCancellation()
                if let port = try owner.channels.pending(timeout: .zero) {
                    try owner.channels.unmask(port)
                    return port
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}

/// Shared ownership of a device for an async sequence's closure.
final class DescriptorOwner: Sendable {
    /// The device.
    let channels: EventChannels

    /// Takes `device`.
    /// - Parameter device: The device.
    init(_ device: consuming DeviceDescriptor) {
        channels = EventChannels(device: device)
    }
}
