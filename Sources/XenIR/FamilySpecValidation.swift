extension FamilySpec {
    /// What is wrong with this row, as a sentence, or `nil` when nothing is. Its names reach the
    /// generated code (as identifiers, in string literals and comments), so every name is an ASCII C
    /// identifier, the header a plain relative path, and the raw type one of ``OpRawType``.
    public var problem: String? {
        let isIdentifier = CIdentifier.isValid
        func isRelativePath(_ text: String) -> Bool {
            !text.isEmpty && !text.hasPrefix("/") && !text.split(separator: "/").contains("..")
                && text.utf8.allSatisfy {
                    CIdentifier.isIdentifierByte($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
                }
        }
        if !isIdentifier(prefix) { return "'prefix' must be a C identifier prefix (letters, digits, '_')" }
        if !(otherPrefixes ?? []).allSatisfy(isIdentifier) { return "'otherPrefixes' must be C identifier prefixes (letters, digits, '_')" }
        if !isIdentifier(swiftName) { return "'swiftName' must be an ASCII identifier" }
        if !isRelativePath(header) { return "'header' must be a relative path of letters, digits, '_', '-', '.' and '/'" }
        if let bad = ((recordHeaders ?? []) + (includes ?? [])).first(where: { !isRelativePath($0) }) {
            return
                "'recordHeaders' or 'includes' entry '\(bad.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "?" }.joined())' "
                + "must be a relative path of letters, digits, '_', '-', '.' and '/'"
        }
        if OpRawType(rawValue: rawType) == nil {
            return "'rawType' must be one of \(OpRawType.allCases.map(\.rawValue).joined(separator: ", "))"
        }
        let names =
            [
                within, enumeration, interfaceVersion, hypercall, request?.record, request?.opField, request?.versionField,
                request?.unionField, opInPayload,
            ]
            .compactMap { $0 } + (exclude ?? []) + (payloads ?? []) + Array((payloadMembers ?? [:]).keys)
            + Array((scalarArguments ?? [:]).keys) + (regionArguments ?? []).map(\.label)
        // A scalar's C type reaches the docs: words of C identifiers (`unsigned int`).
        if let bad = (scalarArguments ?? [:]).values.first(where: { !$0.split(separator: " ").allSatisfy { isIdentifier(String($0)) } }) {
            return "'\(bad.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "?" }.joined())' is no C type name"
        }
        if let bad = names.first(where: { !isIdentifier($0) }) {
            return "'\(bad.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "?" }.joined())' is no C identifier"
        }
        return nil
    }
}
