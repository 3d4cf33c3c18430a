import ArgumentParser
import Foundation
import XenEmitter
import XenSwiftGen

/// `xen-swiftgen coverage`: what the family table leaves out of each family, and why, so that
/// nothing with a family's prefix is dropped in silence.
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract:
            "List what the selected families read per header (numbered groups, tombstones, records) and what they leave out, with reasons.",
        discussion: """
            The reader takes a macro as an op of a family by its name alone: the longest matching \
            prefix, the family table's 'exclude' list, and the row's 'opNames' rule (ops continue in lower \
            case after the prefix, such as XEN_DOMCTL_getdomaininfo; constants around them are upper case, \
            such as XEN_DOMCTL_CDF_hvm). Every other macro or tombstone with a selected family's prefix is \
            printed here, one per line in compiler format (file:line:column: note: NAME (family): reason), \
            followed by a count per family. A named record of a row's 'recordHeaders' that cannot be \
            mirrored is printed the same way (NAME (family): record not mirrored: reason). Last, one line per \
            header: its numbered groups (families), their ops, their tombstones (retired numbers and obsolete \
            ops) and the named records read from it. Then every macro of the headers read that names no integer \
            value, so is no constant (include guards, type aliases, function-like macros), in the same \
            format with '(constants)' and the reason; then every value macro the naming rule cannot emit \
            (its name is no ASCII identifier, or collides) with 'not emitted' and the reason; and the counts: \
            value macros in typed groups, in per-header containers (XenConstants, DomctlConstants, ...) and \
            not emitted. The first target's parse is shown.
            """
    )

    @OptionGroup var common: CommonOptions

    func run() throws {
        try Diagnostics.reporting {
            let request = try Generator.Request(config: try common.mergedConfig())
            let result = try common.makeGenerator().read(request)
            let root = request.xenHeaders.hasSuffix("/") ? request.xenHeaders : request.xenHeaders + "/"
            for entry in result.leftOut + result.nonValues {
                print(
                    "\(root)\(entry.position.file):\(entry.position.line):\(entry.position.column): note: "
                        + "\(entry.name) (\(entry.family)): \(entry.reason)")
            }
            let counts = Dictionary(grouping: result.leftOut, by: \.family).mapValues(\.count)
            let ops = Dictionary(uniqueKeysWithValues: result.interface.families.map { ($0.name, $0.ops.count) })
            for family in request.families.map(\.name) where ops[family] != nil || counts[family] != nil {
                print("coverage: \(family): \(ops[family] ?? 0) ops and tombstones, \(counts[family] ?? 0) other macros with its prefix")
            }
            for entry in result.leftOutRecords {
                print(
                    "\(root)\(entry.position.file):\(entry.position.line):\(entry.position.column): note: "
                        + "\(entry.name) (\(entry.family ?? "no row")): record not mirrored: \(entry.reason)")
            }
            for line in HeaderCoverage.lines(of: result) { print(line) }
            let constants = result.interface.constants
            let grouped = constants.filter { $0.group != nil }.count
            let leftOut = HeaderConstantNames.leftOut(constants)
            for entry in leftOut {
                print(
                    "\(root)\(entry.constant.file):\(entry.constant.line): note: \(entry.constant.name) (constants): not emitted: \(entry.reason)"
                )
            }
            print(
                "coverage: constants: \(constants.count) value macros: \(grouped) in typed groups, "
                    + "\(constants.count - grouped - leftOut.count) in per-header containers, \(leftOut.count) not emitted; "
                    + "\(result.nonValues.count) macros that name no value")
        }
    }
}
