import ArgumentParser

/// The `xen-swiftgen` command.
@main
struct XenSwiftGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xen-swiftgen",
        abstract: "Generate type-safe Swift bindings from the Xen hypervisor's public C headers.",
        discussion: """
            Reads the headers with libclang (from libclang-dev, or LIBCLANG_PATH), records every op family with \
            its live, obsolete and retired ops, refuses headers that give a retired number to a new op, and \
            writes Swift through the templates.

            Typical use:
              xen-swiftgen generate                       # /usr/include/xen -> ./Generated
              xen-swiftgen generate --check               # fail when ./Generated is stale
              xen-swiftgen dump-ir | jq '.families[0]'    # inspect what was read
            """,
        subcommands: [GenerateCommand.self, DumpIRCommand.self, AuditCommand.self, HistoryCommand.self, DiffCommand.self]
    )
}
