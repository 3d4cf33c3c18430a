import XenIR

/// The output files: what each is called, the banner that marks it as generated, and the modules it
/// imports. Written by code, not by the templates, so a user template cannot drop the banner or an
/// import, and the templates render declarations only.
enum OutputFiles {
    /// The support file: the note on the runtime module (`support.mustache`) and the `#error` that stops a
    /// build for an architecture the output was not generated for. It declares no type: the support types
    /// live in the runtime, `XenHypercall`.
    static let support = "XenArchitectureGuard.swift"
    /// The typedefs and enums the records use.
    static let recordSupport = "XenRecordSupport.swift"
    /// The layout table.
    static let layout = "XenRecordLayout.swift"

    /// A family's op enum: `DomctlOp.swift`.
    static func family(_ family: OpFamily) -> String {
        family.swiftName + ".swift"
    }

    /// A family's typed commands: `DomctlCommand.swift`.
    static func commands(_ commandType: String) -> String {
        commandType + ".swift"
    }

    /// A group of the constant table: `XenDomainInfoFlags.swift`.
    static func constantGroup(_ swiftName: String) -> String {
        swiftName + ".swift"
    }

    /// The records of one header: `arch-x86/xen-x86_64.h` → `ArchX86XenX8664Records.swift`,
    /// `hvm/dm_op.h` → `HVMDMOpRecords.swift` (words cased by ``AcronymCasing``).
    static func records(header: String) -> String {
        headerStem(header) + "Records.swift"
    }

    /// The container of a header's value macros that no constant group takes: `xen.h` → `XenConstants`,
    /// `io/xs_wire.h` → `IOXsWireConstants` (the records' file rule).
    static func headerConstantsType(header: String) -> String {
        headerStem(header) + "Constants"
    }

    /// The file of that container: `XenConstants.swift`.
    static func headerConstants(header: String) -> String {
        headerConstantsType(header: header) + ".swift"
    }

    /// A header's name as a type-name stem: its words (split at every character that is no letter or
    /// digit, `.h` dropped) cased by ``AcronymCasing``: `arch-x86/xen-x86_64.h` → `ArchX86XenX8664`.
    private static func headerStem(_ header: String) -> String {
        let stem = header.hasSuffix(".h") ? String(header.dropLast(2)) : header
        return stem.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(AcronymCasing.typeNameWord).joined()
    }

    /// The modules a template's declarations need.
    static func imports(template: String) -> [String] {
        template == "layout" ? [] : ["XenHypercall"]
    }

    /// The first line of every output file.
    /// - Parameter header: The header the file is generated from, when it is one header's.
    static func banner(header: String?) -> String {
        GeneratedFile.bannerLine(from: header.map(SwiftText.lineComment))
    }
}
