import Foundation
import XenChecks
import XenIR

/// Reads and writes the ledger JSON file.
public enum LedgerFile {
    /// Reads a ledger.
    /// - Parameters:
    ///   - path: The file.
    ///   - allowMissing: Return an empty ledger when the file does not exist (for `--update-ledger`).
    /// - Returns: The ledger.
    /// - Throws: `GeneratorDiagnostic` naming the file and the line or key at fault.
    public static func load(_ path: String, allowMissing: Bool) throws -> Ledger {
        guard FileManager.default.fileExists(atPath: path) else {
            if allowMissing { return Ledger() }
            throw GeneratorDiagnostic(.error, at: nil, "\(path): ledger file does not exist (add --update-ledger to create it)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GeneratorDiagnostic(.error, at: nil, "\(path): cannot read ledger file")
        }
        return try decode(data, path: path)
    }

    /// Decodes and validates ledger bytes.
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - path: The file's name, for messages.
    /// - Returns: The ledger.
    /// - Throws: `GeneratorDiagnostic` for invalid JSON, wrong shapes and duplicate numbers.
    public static func decode(_ data: Data, path: String) throws -> Ledger {
        let ledger: Ledger
        do {
            ledger = try JSONDecoder().decode(Ledger.self, from: data)
        } catch let error as DecodingError {
            // Only a failed decode parses again, to tell a syntax error (with its line) from a wrong shape.
            do { _ = try JSONSerialization.jsonObject(with: data) } catch { throw JSONErrorText.syntaxError(error, data: data, path: path) }
            throw GeneratorDiagnostic(.error, at: nil, "\(path): \(JSONErrorText.describe(error))")
        }
        try JSONErrorText.rejectTrailingComma(in: data, path: path)
        guard ledger.formatVersion == 1 else {
            throw GeneratorDiagnostic(
                .error, at: nil, "\(path): unsupported ledger formatVersion \(ledger.formatVersion) (this xen-swiftgen writes 1)")
        }
        var families = Set<String>()
        for family in ledger.families {
            guard families.insert(family.name).inserted else {
                throw GeneratorDiagnostic(.error, at: nil, "\(path): family '\(family.name)' is listed twice")
            }
            var numbers = Set<UInt64>()
            for entry in family.numbers where !numbers.insert(entry.number).inserted {
                throw GeneratorDiagnostic(.error, at: nil, "\(path): family '\(family.name)' lists number \(entry.number) twice")
            }
        }
        return ledger
    }

    /// The canonical bytes of a ledger: sorted keys, sorted entries, two-space indentation, final newline.
    /// - Parameter ledger: The ledger.
    /// - Returns: The file contents.
    /// - Throws: Encoding errors.
    public static func encode(_ ledger: Ledger) throws -> Data {
        var canonical = ledger
        canonical.canonicalize()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(canonical) + Data("\n".utf8)
    }

    /// Writes the ledger atomically (temporary file beside it, then rename), only when it changed.
    /// - Parameters:
    ///   - ledger: The ledger.
    ///   - path: The file.
    /// - Returns: Whether the file changed.
    /// - Throws: `GeneratorDiagnostic` when the file cannot be written.
    @discardableResult
    public static func write(_ ledger: Ledger, to path: String) throws -> Bool {
        let data = try encode(ledger)
        if FileManager.default.contents(atPath: path) == data { return false }
        let temporary = path + ".xen-swiftgen-tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
        } catch {
            throw GeneratorDiagnostic(.error, at: nil, "\(path): cannot write ledger: \(SystemErrorText.reason(error))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw GeneratorDiagnostic(.error, at: nil, "\(path): cannot write ledger: \(reason)")
        }
        return true
    }
}
