/// A finding of the reader or the checks, printed in compiler format so editors can jump to it.
public struct GeneratorDiagnostic: Codable, Sendable, Equatable, Error {
    /// How serious the finding is.
    public enum Severity: String, Codable, Sendable, Equatable {
        case error, warning, note
    }

    /// Severity.
    public var severity: Severity
    /// Where in the headers (relative to the tree), when the finding has a place.
    public var location: SourcePosition?
    /// One sentence.
    public var message: String
    /// Follow-up notes, such as the tombstone a reuse collides with.
    public var notes: [GeneratorDiagnostic]

    /// Creates a diagnostic.
    public init(_ severity: Severity, at location: SourcePosition?, _ message: String, notes: [GeneratorDiagnostic] = []) {
        self.severity = severity
        self.location = location
        self.message = message
        self.notes = notes
    }

    /// `path:line:col: severity: message`, followed by the notes on their own lines.
    /// - Parameter root: The header folder as the user named it, joined in front of relative paths.
    /// - Returns: The rendered text, one line per diagnostic.
    public func rendered(root: String) -> String {
        var line = ""
        if let location {
            let path = location.file.hasPrefix("/") || root.isEmpty
                ? location.file : (root.hasSuffix("/") ? root : root + "/") + location.file
            line = "\(path):\(location.line):\(location.column): "
        }
        line += "\(severity.rawValue): \(message)"
        return ([line] + notes.map { $0.rendered(root: root) }).joined(separator: "\n")
    }
}
