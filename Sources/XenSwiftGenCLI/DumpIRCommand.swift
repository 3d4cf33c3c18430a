import ArgumentParser
import Foundation
import XenSwiftGen

/// `xen-swiftgen dump-ir`.
struct DumpIRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump-ir",
        abstract: "Print the intermediate representation as JSON on standard output.",
        discussion: """
            The object has `defines`, `headers` and `families`. Each family has `name`, `prefix`, `swiftName`, \
            `rawType`, `file`, `interfaceVersion` (when it has one), `ops` and `aliases`. Each op has `name` \
            (the C macro), `number`, `status` (live, obsolete or retired), `marker`, `replacement`, \
            `condition`, `isActive`, `file`, `line`, `column` and `doc`. `records` holds every mirrored struct \
            and union (`name`, `kind`, `size`, `alignment`, `fields` with `offset`, `size`, `type`, …), `enums` \
            the C enums they use, and `requests` the op → payload bindings of each request family with the \
            ops left `unmapped`. Keys are sorted; absent values are omitted.
            """
    )

    @OptionGroup var common: CommonOptions

    func run() throws {
        try Diagnostics.reporting {
            let request = try Generator.Request(config: try common.mergedConfig())
            let result = try common.makeGenerator().read(request)
            for warning in result.warnings { Diagnostics.print(warning.rendered(root: request.xenHeaders)) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(result.interface) + Data("\n".utf8))
        }
    }
}
