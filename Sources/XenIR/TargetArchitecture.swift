/// A clang target triple the generator reads the headers for, and the Swift architecture that
/// selects its declarations in the output (`#if arch(…)`).
public struct TargetArchitecture: Codable, Sendable, Equatable, Hashable {
    /// The triples read when neither the config nor the command line names any: every architecture
    /// the generator supports, so one output serves x86_64 and arm64 builders. Stated here only.
    public static let defaultTriples = ["x86_64-linux-gnu", "aarch64-linux-gnu"]

    /// The Swift `arch(…)` name for each supported clang architecture (the triple's first component).
    static let swiftArchitectures = ["x86_64": "x86_64", "aarch64": "arm64", "arm64": "arm64"]

    /// The clang target triple, such as `aarch64-linux-gnu`.
    public var triple: String
    /// The Swift architecture, such as `arm64`.
    public var swiftArchitecture: String

    /// Resolves a triple.
    /// - Parameter triple: A clang target triple.
    /// - Throws: ``GeneratorDiagnostic`` for an architecture or ABI whose layouts the generator cannot
    ///   prove: only Linux with the GNU (LP64) environment is, so `x86_64-linux-gnux32` (32-bit
    ///   pointers), `aarch64-linux-gnu_ilp32` and `x86_64-windows-gnu` (LLP64) are refused, though
    ///   their CPU is supported.
    public init(triple: String) throws {
        let parts = triple.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let architecture = parts[0]
        // ARCH-linux-gnu or ARCH-VENDOR-linux-gnu, the environment optional (clang then assumes gnu).
        let system = Array(parts.dropFirst(parts.count >= 3 && parts[1] != "linux" ? 2 : 1))
        let isLinuxLP64 = system.first == "linux" && (system.count == 1 || (system.count == 2 && system[1] == "gnu"))
        guard let swift = Self.swiftArchitectures[architecture], isLinuxLP64 else {
            throw GeneratorDiagnostic(
                .error, at: nil,
                "target '\(triple)' is not supported: xen-swiftgen generates for \(Self.defaultTriples.joined(separator: " and ")) "
                    + "(64-bit little-endian targets whose layouts it can prove)")
        }
        self.triple = triple
        swiftArchitecture = swift
    }

    /// The targets for a list of triples, in order, without repeated architectures.
    /// - Parameter triples: Clang triples.
    /// - Returns: The targets.
    /// - Throws: ``GeneratorDiagnostic`` for an unsupported triple, an empty list or two triples of one architecture.
    public static func resolve(_ triples: [String]) throws -> [TargetArchitecture] {
        guard !triples.isEmpty else { throw GeneratorDiagnostic(.error, at: nil, "no target: name at least one target triple") }
        var result: [TargetArchitecture] = []
        for triple in triples {
            let target = try TargetArchitecture(triple: triple)
            if let other = result.first(where: { $0.swiftArchitecture == target.swiftArchitecture }) {
                if other.triple == triple { continue }
                throw GeneratorDiagnostic(
                    .error, at: nil,
                    "targets '\(other.triple)' and '\(triple)' are both \(target.swiftArchitecture); name one triple per architecture")
            }
            result.append(target)
        }
        return result
    }
}
