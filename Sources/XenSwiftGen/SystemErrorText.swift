import Foundation

/// The operating system's reason for a failed file operation, without Foundation's long wrapper text
/// ("Permission denied", not "You don't have permission to save the file …").
enum SystemErrorText {
    /// The reason behind `error`.
    /// - Parameter error: An error from a Foundation file operation.
    /// - Returns: A short reason.
    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "Permission denied"
            case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "No such file or directory"
            default: break
            }
        }
        return nsError.localizedDescription
    }
}
