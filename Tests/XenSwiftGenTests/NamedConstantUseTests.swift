import Foundation
import Testing

/// The generated files, the examples and the live tests use named constants: none compares, masks,
/// shifts or sets a flag, state or status field with a bare number.
@Suite struct NamedConstantUseTests {
    /// A field that the constant table types, or any `…flags` field, then an operator and a number:
    /// `info.flags & (1 << 3)`, `flags >> 16`, `state != 3`, `affinity.flags = 1`.
    static var bareNumberUse: Regex<AnyRegexOutput> {
        try! Regex(
            #"\b(\w*[fF]lags|state|status|reason|maxVcpuId)\s*(&|\||\^|==|!=|<|>|<=|>=|>>|<<|&=|\|=|=(?!=))\s*\(*\s*-?(0[xX][0-9a-fA-F]+|[0-9]+)\b"#
        )
        // Unicode's word boundaries see `info.flags` as one word; the simple ones split at the dot.
        .wordBoundaryKind(.simple)
    }

    /// Lines of the Swift files under `folders` (and of the Markdown files, whose examples a user
    /// copies) that use a flag field with a bare number.
    static func offences(in folders: [String]) throws -> [String] {
        var found: [String] = []
        for folder in folders {
            let root = Paths.packageRoot.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["swift", "md"].contains(url.pathExtension) && !url.path.contains("/.build/") {
                let text = try String(contentsOf: url, encoding: .utf8)
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                    // An op enum's `case status = 5` is a declaration, not a use.
                    let isCase = code.trimmingCharacters(in: .whitespaces).hasPrefix("case ")
                    if !isCase, code.contains(bareNumberUse) { found.append("\(folder)/\(url.lastPathComponent):\(index + 1): \(line)") }
                }
            }
        }
        return found
    }

    @Test("the check finds the magic numbers the example had before the constants")
    func checkCanFail() {
        for line in [
            "let shutdown = flags & (1 << 2) != 0", "let crashed = shutdown && (flags >> 16) & 0xFF == 3",
            "check(\"x\", runstate.state != 3)", "affinity.flags = 1", "info.flags & 1 != 0",
        ] {
            #expect(line.contains(Self.bareNumberUse), "\(line)")
        }
        for line in ["flags.contains(.paused)", "info.maxVcpuId != .invalid", "affinity.flags = .hard", "let flags = info.flags"] {
            #expect(!line.contains(Self.bareNumberUse), "\(line)")
        }
    }

    @Test("no generated file, example, documentation example or live test uses a flag field with a bare number")
    func namedConstantsEverywhere() throws {
        // Generated holds XenPublic.docc, whose family pages carry the examples.
        let offences = try Self.offences(in: [
            "Generated", "Examples", "Tests/Live/Swift", "Tests/Live/Devices",
            "Sources/XenHypercall/XenHypercall.docc", "Sources/XenSwiftGen/XenSwiftGen.docc",
        ])
        #expect(offences.isEmpty, "use the named constants:\n\(offences.joined(separator: "\n"))")
    }
}
