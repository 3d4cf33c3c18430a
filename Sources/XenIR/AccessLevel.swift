/// The access level of the emitted API, as the config's `accessLevel` and `--access-level` name it.
public enum AccessLevel: String, Codable, Sendable, CaseIterable {
    /// For a library product (the default).
    case `public`
    /// For use inside the module that holds the output.
    case `internal`
    /// For the targets of one package.
    case package

    /// Reads a level, refusing any other word with the one message every input path gives.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError.dataCorrupted` naming the levels.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let level = AccessLevel(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: Self.problem(text))
        }
        self = level
    }

    /// Why `text` is no level.
    /// - Parameter text: The word given.
    /// - Returns: `must be public, internal or package, not 'text'` (`text` as given: the message's writer escapes it).
    public static func problem(_ text: String) -> String {
        "must be \(allCases.map(\.rawValue).dropLast().joined(separator: ", ")) or \(allCases.last!.rawValue), not '\(text)'"
    }
}
