import Foundation

/// The casing rule of Swift type names: a name is its words, each capitalized, and a word on the
/// acronym list (`Acronyms.txt`) is spelled as the list writes it, in capitals.
///
/// Every generated type name passes through here: records, enums and typedefs (``RecordNaming``), the
/// typed commands of a family (`vcpu` → `VCPUCommand`, beside the table's `VCPUOp`) and the records
/// files (`hvm/dm_op.h` → `HVMDMOpRecords.swift`). Swift's API design guidelines ask that an acronym
/// be cased one way, so `VCPUOp` and `VcpuCommand` cannot both be written. The family table's
/// `swiftName`s are data a user writes; `AcronymCasingTests` checks they follow the same list.
public enum AcronymCasing {
    /// Spelling of each acronym by its lowercase form: `vcpu` → `VCPU`, `fsif` → `FSIf`.
    public static let spellings: [String: String] = {
        let text = String(decoding: PackageResources.Acronyms_txt, as: UTF8.self)
        var spellings: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let spelling = line.trimmingCharacters(in: .whitespaces)
            if !spelling.isEmpty { spellings[spelling.lowercased()] = spelling }
        }
        return spellings
    }()

    /// One word of a type name: the acronym's spelling, or the word capitalized (a word written all in
    /// capitals in C, such as `DOMID`, is lowercased first: `Domid`).
    /// - Parameter word: A word of a C name, without separators.
    /// - Returns: The word as it appears in the type name.
    public static func typeNameWord<Word: StringProtocol>(_ word: Word) -> String {
        if let spelling = spellings[word.lowercased()] { return spelling }
        let letters = word.contains(where: \.isLowercase) ? String(word) : word.lowercased()
        return letters.prefix(1).uppercased() + letters.dropFirst()
    }

    /// `snake_case` (or `kebab-case`) → `UpperCamelCase` by ``typeNameWord(_:)``: `xen_hvm_param` →
    /// `XenHVMParam`, `domctl` → `Domctl`.
    /// - Parameter name: A C identifier or a family name.
    /// - Returns: The type name, not yet checked against Swift's reserved names.
    public static func typeName(_ name: String) -> String {
        name.split(whereSeparator: { $0 == "_" || $0 == "-" }).map(typeNameWord).joined()
    }
}
