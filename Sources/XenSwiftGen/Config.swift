import Foundation
import XenChecks
import XenIR

/// The settings of a run, from a config file (JSON), with command-line flags taking precedence.
///
/// Every key is optional. Relative paths are resolved against the config file's folder.
public struct Config: Codable, Sendable, Equatable {
    /// Folder of Xen public headers. Default `/usr/include/xen`.
    public var xenHeaders: String?
    /// Output folder. Default `Generated`.
    public var output: String?
    /// A template folder that overrides the built-in templates.
    public var templates: String?
    /// The access level of the emitted API: `public` (default), `internal` or `package`.
    public var accessLevel: AccessLevel?
    /// Names of the families to emit. Default: every family whose header exists.
    public var families: [String]?
    /// Rows added to the built-in family table, or replacing the row with the same name.
    public var familyTable: [FamilySpec]?
    /// Rows added to the built-in constant table, or replacing the row with the same name.
    public var constantGroups: [ConstantGroup]?
    /// Macros defined for the parse. Default `["__XEN_TOOLS__"]`.
    public var defines: [String]?
    /// Clang target triples to read and emit for, one `#if arch` branch each.
    /// Default `TargetArchitecture.defaultTriples` (x86_64 and aarch64).
    public var targets: [String]?
    /// The former single-target key: `"target": T` means `"targets": [T]`. Not together with `targets`.
    public var target: String?
    /// The op ledger file.
    public var ledger: String?
    /// Reviewed renames and reuses (`family`, `number`, `from`, `to`, `reason`).
    public var acknowledgements: [Acknowledgement]?
    /// Revisions of `xenGit` (release tags such as `RELEASE-4.17.7`), one per release series, to
    /// generate one output for: every op of any of them, each usable on the releases that can take it.
    /// Replaces `xenHeaders`.
    public var releases: [String]?
    /// The git repository `releases` are read from: a clone of xen.git or the history bundle's.
    public var xenGit: String?

    /// Creates an empty config.
    public init(
        xenHeaders: String? = nil, output: String? = nil, templates: String? = nil, accessLevel: AccessLevel? = nil,
        families: [String]? = nil, familyTable: [FamilySpec]? = nil, defines: [String]? = nil, targets: [String]? = nil,
        target: String? = nil,
        ledger: String? = nil, acknowledgements: [Acknowledgement]? = nil, constantGroups: [ConstantGroup]? = nil
    ) {
        self.constantGroups = constantGroups
        self.xenHeaders = xenHeaders
        self.output = output
        self.templates = templates
        self.accessLevel = accessLevel
        self.families = families
        self.familyTable = familyTable
        self.defines = defines
        self.targets = targets
        self.target = target
        self.ledger = ledger
        self.acknowledgements = acknowledgements
    }

    /// The keys of a config file; the unknown-key check reads them here.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case xenHeaders, output, templates, accessLevel, families, familyTable, defines, targets, target, ledger, acknowledgements,
            releases, xenGit
        case constantGroups
    }

    /// The keys a config file may hold, for the unknown-key check.
    static let knownKeys = Set(CodingKeys.allCases.map(\.rawValue))
    /// The keys of a `familyTable` row.
    static let knownFamilyKeys = FamilySpec.jsonKeys

    /// The target triples of the run: `targets`, else the one of `target`, else the defaults.
    /// - Returns: The triples, in order.
    /// - Throws: `GeneratorDiagnostic` when both keys are set.
    public func resolvedTargets() throws -> [String] {
        if let targets {
            guard target == nil else {
                throw GeneratorDiagnostic(.error, at: nil, "config: set 'targets' or the older 'target', not both")
            }
            return targets
        }
        return target.map { [$0] } ?? TargetArchitecture.defaultTriples
    }

    /// The built-in family table with `familyTable`'s rows added or replacing rows of the same name.
    /// - Returns: Every row, in order.
    /// - Throws: `GeneratorDiagnostic` when the built-in table cannot be read.
    public func resolvedTable() throws -> [FamilySpec] {
        var table = try BuiltinFamilies.table()
        for row in familyTable ?? [] {
            if let problem = row.problem {
                throw GeneratorDiagnostic(.error, at: nil, "familyTable row '\(JSONErrorText.escaped(row.name))': \(problem)")
            }
            if let index = table.firstIndex(where: { $0.name == row.name }) { table[index] = row } else { table.append(row) }
        }
        return table
    }

    /// The built-in constant table with `constantGroups`' rows added or replacing rows of the same name.
    /// - Returns: Every row, in order.
    /// - Throws: `GeneratorDiagnostic` when the built-in table cannot be read, or when a group's prefix
    ///   is a family row's (`ConstantGroup.owningFamily(in:)` in XenIR): that family would take every member.
    public func resolvedConstantGroups() throws -> [ConstantGroup] {
        var table = try BuiltinFamilies.constantGroups()
        for row in constantGroups ?? [] {
            if let index = table.firstIndex(where: { $0.name == row.name }) { table[index] = row } else { table.append(row) }
        }
        let families = try resolvedTable()
        for group in table {
            if let owner = group.owningFamily(in: families) {
                throw GeneratorDiagnostic(
                    .error, at: nil,
                    "constantGroups row '\(JSONErrorText.escaped(group.name))': family '\(JSONErrorText.escaped(owner.name))' owns the prefix "
                        + "'\(JSONErrorText.escaped(group.prefix ?? ""))' in \(JSONErrorText.escaped(group.header)), so the group would be empty; "
                        + "use the family's op enum, another prefix, or replace the group by its name")
            }
        }
        return table
    }

    /// The rows of ``resolvedTable()`` that `families` selects (all when it is absent).
    /// - Parameter source: Where `families` came from, for the message (the config file's path).
    /// - Returns: The rows to emit, in table order.
    /// - Throws: `GeneratorDiagnostic` when `families` names an unknown family.
    public func resolvedFamilies(source: String = "config") throws -> [FamilySpec] {
        let table = try resolvedTable()
        guard let selected = families else { return table }
        guard !selected.isEmpty else {
            throw GeneratorDiagnostic(
                .error, at: nil,
                "\(source): 'families' is empty; name at least one family (known: \(table.map(\.name).joined(separator: ", ")))")
        }
        for name in selected where !table.contains(where: { $0.name == name }) {
            throw GeneratorDiagnostic(
                .error, at: nil,
                "\(source): 'families' names unknown family '\(JSONErrorText.escaped(name))' (known: \(table.map(\.name).joined(separator: ", ")))"
            )
        }
        return table.filter { selected.contains($0.name) }
    }
}
