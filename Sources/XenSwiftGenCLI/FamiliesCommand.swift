import ArgumentParser
import Foundation
import XenSwiftGen

/// `xen-swiftgen families`: the family table, so users can pick names for `families` in the config.
struct FamiliesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "families",
        abstract: "List the op families the generator knows: the names the config's 'families' key takes.",
        discussion: """
            One line per family: its name, the C prefix of its ops, the header that declares them and the \
            Swift type it becomes. With --config, rows of the config's 'familyTable' are included and the \
            families the config selects are marked with '*'.
            """
    )

    @Option(help: ArgumentHelp("JSON config file whose familyTable and families to apply.", valueName: "file"))
    var config: String?

    func run() throws {
        try Diagnostics.reporting {
            let loaded = try config.map(ConfigLoader.load) ?? Config()
            let selected = Set(try loaded.resolvedFamilies().map(\.name))
            let rows = try loaded.resolvedTable().map { spec in
                [
                    (loaded.families != nil && selected.contains(spec.name) ? "* " : "  ") + spec.name, spec.prefix, spec.header,
                    spec.swiftName,
                ]
            }
            let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                print(
                    row.enumerated().map {
                        $0.offset == 3 ? $0.element : $0.element.padding(toLength: widths[$0.offset] + 2, withPad: " ", startingAt: 0)
                    }
                    .joined())
            }
        }
    }
}
