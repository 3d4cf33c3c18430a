import Foundation
import XenIR

/// `dump-ir` of `/usr/include/xen`, decoded.
/// - Returns: The installed headers' IR, as the CLI reads it.
/// - Throws: ``TestFailure`` when `dump-ir` fails.
func realHeadersInterface() throws -> XenInterface {
    let result = try xenSwiftGen(["dump-ir", "--xen-headers", Paths.realHeaders])
    guard result.status == 0 else { throw TestFailure("dump-ir failed: \(result.stderr)") }
    return try JSONDecoder().decode(XenInterface.self, from: Data(result.stdout.utf8))
}
