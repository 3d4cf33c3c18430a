import XenIR

/// What the emitter takes from the IR as code, checked before anything is rendered: every name that
/// becomes a Swift identifier is an ASCII C identifier, the raw type is one the output can declare,
/// and every number fits it. The IR may come from hostile headers, a ledger file or a JSON dump;
/// whatever got past the reader, output that does not compile (or compiles into something else) is
/// never written.
enum CodeInputCheck {
    /// Checks one family and the numbers its ledger reserves (`OpFamily.reserved`).
    /// - Parameter family: The family.
    /// - Throws: ``GeneratorDiagnostic`` at the op (or naming the ledger entry) that cannot be emitted.
    static func check(_ family: OpFamily) throws {
        guard let rawType = OpRawType(rawValue: family.rawType) else {
            throw GeneratorDiagnostic(
                .error, at: nil,
                "family '\(family.name)' has the raw type '\(SwiftText.lineComment(family.rawType))'; "
                    + "it must be one of \(OpRawType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for name in [family.swiftName] where !SwiftText.isASCIIIdentifier(name) {
            throw GeneratorDiagnostic(
                .error, at: nil, "family '\(family.name)' has the Swift name '\(SwiftText.lineComment(name))', which is no identifier")
        }
        for op in family.ops {
            guard SwiftText.isASCIIIdentifier(op.name) else {
                throw GeneratorDiagnostic(
                    .error, at: op.location, "'\(SwiftText.lineComment(op.name))' is not an ASCII C identifier; op names become Swift names"
                )
            }
            guard op.number <= rawType.maximum else {
                throw GeneratorDiagnostic(
                    .error, at: op.location,
                    "\(op.name) has the number \(op.number), which does not fit \(family.name)'s raw type \(rawType.rawValue) (at most \(rawType.maximum))"
                )
            }
        }
        for alias in family.aliases where !SwiftText.isASCIIIdentifier(alias.name) || !SwiftText.isASCIIIdentifier(alias.target) {
            throw GeneratorDiagnostic(
                .error, at: SourcePosition(file: alias.file, line: alias.line),
                "the alias '\(SwiftText.lineComment(alias.name))' is not an ASCII C identifier")
        }
        for number in family.reserved ?? [] {
            guard SwiftText.isASCIIIdentifier(number.name) else {
                throw GeneratorDiagnostic(
                    .error, at: nil,
                    "the ledger reserves \(family.name) \(number.number) for '\(SwiftText.lineComment(number.name))', which is not an ASCII C identifier"
                )
            }
            guard number.number <= rawType.maximum else {
                throw GeneratorDiagnostic(
                    .error, at: nil,
                    "the ledger reserves \(family.name) \(number.number) for \(number.name), which does not fit the raw type \(rawType.rawValue)"
                )
            }
        }
    }
}
