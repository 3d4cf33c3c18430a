import Foundation
import XenChecks
import XenIR

/// The history ledger built from every Xen release (`xen-swiftgen history` on the history bundle),
/// shipped as a resource: `generate` applies it by default, so a number any release used stays
/// reserved even when the user's headers no longer mention it.
public enum ShippedHistory {
    /// How messages name it.
    public static let name = "the shipped Xen history"
    /// The tags it was built from.
    public static let tags = "RELEASE-4.*"

    /// The ledger file inside the resource bundle.
    public static var url: URL? {
        Bundle.module.url(forResource: "xen-history", withExtension: "json", subdirectory: "History")
    }

    /// Loads the shipped ledger.
    /// - Returns: The ledger.
    /// - Throws: `GeneratorDiagnostic` when the resource is missing or invalid.
    public static func load() throws -> Ledger {
        guard let url, let data = FileManager.default.contents(atPath: url.path) else {
            throw GeneratorDiagnostic(
                .error, at: nil, "\(name) (History/xen-history.json) is missing from the tool's resources; pass --no-history")
        }
        return try LedgerFile.decode(data, path: url.path)
    }

    /// The shipped ledger, restricted to the families that `table` takes unchanged from the built-in
    /// table: a family whose row a config replaces describes another interface than Xen's history.
    /// - Parameter table: The run's family table.
    /// - Returns: The ledger for those families.
    /// - Throws: `GeneratorDiagnostic` when the resource is missing or invalid.
    public static func load(for table: [FamilySpec]) throws -> Ledger {
        var ledger = try load()
        let all = try BuiltinFamilies.table()
        let builtin = Set(table.filter { spec in all.contains(spec) }.map(\.name))
        ledger.families.removeAll { !builtin.contains($0.name) }
        return ledger
    }

    /// Loads a list of acknowledgements (a JSON array).
    /// - Parameter path: The file.
    /// - Returns: The acknowledgements.
    /// - Throws: `GeneratorDiagnostic` naming the file.
    public static func acknowledgements(at path: String) throws -> [Acknowledgement] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GeneratorDiagnostic(.error, at: nil, "\(path): cannot read acknowledgements")
        }
        do {
            return try JSONDecoder().decode([Acknowledgement].self, from: data)
        } catch let error as DecodingError {
            throw GeneratorDiagnostic(.error, at: nil, "\(path): \(JSONErrorText.describe(error))")
        }
    }
}
