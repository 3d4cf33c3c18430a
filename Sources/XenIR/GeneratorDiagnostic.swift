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

    /// `text` with every character that would end or hide a line, or reorder what a terminal shows
    /// (``UnsafeScalar``: controls, line terminators, bidi controls), and tab written as an escape, so a message is one line whatever the user's input held
    /// (a revision or a path with a newline, a terminal escape sequence).
    /// - Parameter text: A message or a path.
    /// - Returns: The text on one line.
    public static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where needsEscape(scalar): result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || UnsafeScalar.isLineTerminator(scalar) || UnsafeScalar.isHidden(scalar)
    }

    /// `path:line:col: severity: message`, followed by the notes on their own lines.
    /// - Parameter root: The header folder as the user named it, joined in front of relative paths.
    /// - Returns: The rendered text, one line per diagnostic.
    public func rendered(root: String) -> String {
        var line = ""
        if let location {
            let path =
                location.file.hasPrefix("/") || root.isEmpty
                ? location.file : (root.hasSuffix("/") ? root : root + "/") + location.file
            line = "\(Self.oneLine(path)):\(location.line):\(location.column): "
        }
        line += "\(severity.rawValue): \(Self.oneLine(message))"
        return ([line] + notes.map { $0.rendered(root: root) }).joined(separator: "\n")
    }
}
