import Foundation
import XenChecks
import XenIR

/// The interface diff of two header versions, as a patch check: two folders, or two revisions of a
/// repository (xen.git or the history bundle), with Xen's once-per-cycle bump rule applied when the
/// repository has release tags.
public struct PatchCheck {
    private let reader: TreeReader

    /// - Parameter reader: The tree reader.
    public init(reader: TreeReader) {
        self.reader = reader
    }

    /// Compares two header folders.
    /// - Parameters:
    ///   - old: The old folder.
    ///   - new: The new folder.
    /// - Returns: The diff.
    /// - Throws: ``GenerationFailure`` naming the folder at fault.
    public func compare(folder old: String, _ new: String) throws -> InterfaceDiff {
        let before = try reader.read(old, label: old, setting: "OLD").interface
        let after = try reader.read(new, label: new, setting: "NEW").interface
        return InterfaceDiff.compare(before, after, oldLabel: old, newLabel: new)
    }

    /// Compares two revisions of a repository. A family that misses a bump of its own is checked against
    /// the start of the old revision's development cycle (``DevelopmentCycle``).
    /// - Parameters:
    ///   - old: The revision the patch applies to.
    ///   - new: The revision with the patch.
    ///   - trees: The repository.
    /// - Returns: The diff.
    /// - Throws: ``GenerationFailure`` or `GeneratorDiagnostic` naming the repository and revision at fault.
    public func compare(revision old: String, _ new: String, in trees: GitTrees) throws -> InterfaceDiff {
        let before = try reader.read(revision: old, of: trees)
        let after = try reader.read(revision: new, of: trees)
        var diff = InterfaceDiff.compare(before.interface, after.interface, oldLabel: old, newLabel: new)
        diff.oldFolder = before.headerFolder
        diff.newFolder = after.headerFolder
        guard diff.missesBump else { return diff }
        let cycle = DevelopmentCycle(trees: trees)
        guard let start = try cycle.start(of: old) else { return diff }
        var values: [String: (label: String, value: UInt64, spelling: String)] = [:]
        for family in diff.families where family.missingBump {
            guard let version = before.interface.family(named: family.family)?.interfaceVersion,
                  let found = try cycle.version(version.name, in: version.location.file, at: start.commit) else { continue }
            values[family.family] = (start.label, found.value, found.spelling)
        }
        diff.applyDevelopmentCycle { values[$0] }
        return diff
    }
}
