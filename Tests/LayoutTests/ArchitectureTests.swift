import Foundation
import Testing
import XenIR

/// The multi-architecture output: the arm64 branch against the C compiler for aarch64, each branch
/// against the single-target output, and the `#error` for every other architecture.
@Suite struct ArchitectureTests {
    /// The `#error` text of the architecture chains, up to the generated architectures.
    static let errorText = "error: xen-swiftgen generated these declarations for x86_64 and arm64 only"

    @Test(
        "the arm64 branch, compiled on this machine, has clang -target aarch64's layout: every size, alignment, stride, field offset and size"
    )
    func arm64LayoutMatchesClang() throws {
        let merged = try GeneratedBindings.real(targets: [], irTarget: "aarch64-linux-gnu")
        defer { try? FileManager.default.removeItem(at: merged.folder) }
        // Sound because PortableLayoutCheck lets only types with one layout on every 64-bit
        // little-endian Swift target be stored (the Architectures article).
        let arm = try merged.hostView(of: "arm64", interface: merged.interface)
        defer { try? FileManager.default.removeItem(at: arm.folder) }
        #expect(arm.interface.record(named: "xen_arch_domainconfig")?.file == "arch-arm.h", "not the aarch64 IR")

        let probe = LayoutProbe(arm.interface)
        let output = try arm.runSwift(
            probe.swiftProgram() + "for mismatch in XenRecordLayout.mismatches() { print(\"M\\t\\(mismatch)\") }\n")
        let swift = LayoutProbe.Output(output)
        // The generated check compares the same mirrors with the numbers clang gave the generator for aarch64.
        #expect(
            !output.contains("\nM\t") && !output.hasPrefix("M\t"),
            "\(output.split(separator: "\n").filter { $0.hasPrefix("M\t") }.prefix(20))")

        let (source, count) = probe.cStaticAsserts(includes: arm.headerIncludes, swift: swift)
        let clang = try arm.checkC(source, target: "aarch64-linux-gnu")
        #expect(clang.status == 0, "clang -target aarch64-linux-gnu disagrees with the Swift arm64 layouts:\n\(clang.stderr.prefix(6000))")
        #expect(count > 3000, "only \(count) assertions")
        // The assertions bite: for x86_64 the same numbers are wrong (its records have other layouts).
        let x86 = try arm.checkC(source, target: "x86_64-linux-gnu")
        #expect(
            x86.status != 0 && x86.stderr.contains("static assertion failed"),
            "the arm64 numbers also hold on x86_64: \(x86.stderr.prefix(2000))")
        print(
            "arm64: \(count) static assertions (sizes, alignments, strides, field offsets and sizes of \(probe.interface.records.count) records) hold under clang -target aarch64-linux-gnu"
        )
    }

    @Test(
        "each branch of the merged output is the single-target output of its architecture",
        arguments: [
            ("aarch64-linux-gnu", "arm64"), ("x86_64-linux-gnu", "x86_64"),
        ])
    func branchEqualsSingleTarget(triple: String, architecture: String) throws {
        let merged = try GeneratedBindings.real(targets: [], irTarget: triple)
        defer { try? FileManager.default.removeItem(at: merged.folder) }
        let single = try GeneratedBindings.real(targets: [triple], irTarget: triple)
        defer { try? FileManager.default.removeItem(at: single.folder) }
        let mergedFiles = try Self.resolvedFiles(merged, architecture: architecture)
        let singleFiles = try Self.resolvedFiles(single, architecture: architecture)
        #expect(mergedFiles.keys.sorted() == singleFiles.keys.sorted())
        var lines = 0
        for (file, expected) in singleFiles.sorted(by: { $0.key < $1.key }) {
            let actual = mergedFiles[file] ?? []
            let difference = Set(actual).symmetricDifference(expected).sorted().prefix(10)
            #expect(actual == expected, "\(file): the merged \(architecture) branch differs from the \(triple) output: \(difference)")
            lines += expected.count
        }
        #expect(lines > 10_000)
        // The single-target output still refuses other architectures.
        let guardText = try String(contentsOf: single.folder.appendingPathComponent("XenArchitectureGuard.swift"), encoding: .utf8)
        #expect(
            guardText.contains("#if !(arch(\(architecture)))\n#error(\"xen-swiftgen generated these declarations for \(architecture) only"))
    }

    @Test(
        "an architecture the output was not generated for fails to compile with the #error of XenArchitectureGuard.swift; x86_64 and arm64 do not",
        arguments: [
            "riscv64-unknown-linux-gnu", "powerpc64le-unknown-linux-gnu", "s390x-unknown-linux-gnu", "i686-unknown-linux-gnu",
            "armv7-unknown-linux-gnueabihf", "x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu",
        ])
    func unsupportedArchitectureFails(target: String) throws {
        let bindings = try GeneratedBindings.real(targets: [], irTarget: "x86_64-linux-gnu")
        defer { try? FileManager.default.removeItem(at: bindings.folder) }
        var conditioned: [String] = []
        for file in bindings.swiftFiles {
            let text = try String(contentsOf: bindings.folder.appendingPathComponent(file), encoding: .utf8)
            if text.contains("\n#if arch(") { conditioned.append(file) }
        }
        // Members that only some targets have sit under `#if arch(…)` in many files; one guard stops other architectures.
        #expect(conditioned.contains("ArchArmRecords.swift") && conditioned.contains("DomctlRecords.swift") && conditioned.count > 5)
        // The runtime module exists for the host only; the chains do not depend on it, so the copies
        // checked here leave out `import XenHypercall` (else the missing module stops the compiler first).
        for file in bindings.swiftFiles {
            let url = bindings.folder.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            try text.replacingOccurrences(of: "\nimport XenHypercall\n", with: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        // With -parse-stdlib the compiler needs no standard library for `target`, yet evaluates every
        // `#if arch` as it would there and reports each active `#error` (type errors are expected and ignored).
        let result = try swiftc(["-typecheck", "-parse-stdlib", "-target", target] + bindings.swiftFiles, in: bindings.folder)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains(Self.errorText) && !$0.hasPrefix(" ") }
        let files = errors.compactMap { $0.split(separator: ":").first.map(String.init) }.map { ($0 as NSString).lastPathComponent }
        if target.hasPrefix("x86_64") || target.hasPrefix("aarch64") {
            #expect(errors.isEmpty, "\(errors)")
            // The chains are evaluated: something of the active branch was type-checked.
            #expect(result.stderr.contains("error:"))
        } else {
            #expect(
                files == ["XenArchitectureGuard.swift"],
                "the #error on \(target) came from \(files), not once from XenArchitectureGuard.swift")
        }
    }

    /// Documentation is prose outside any `#if`: the merged output keeps once what every architecture
    /// says, and marks what only some say. A command type's op table marks a row
    /// (`| XEN_DOMCTL_x (x86_64 only) | …`), any other doc line a sentence (`/// On x86_64: …`). On
    /// `architecture` such a line reads as the single-target line, or is not there. Every other line is
    /// returned as it is.
    static func proseLine(_ line: String, on architecture: String) -> String? {
        let text = line.drop { $0 == " " }
        let indent = line.prefix(line.count - text.count)
        if text.hasPrefix("/// On "), let colon = text.range(of: ": ") {
            let architectures = text[text.index(text.startIndex, offsetBy: 7)..<colon.lowerBound].components(separatedBy: ", ")
            guard architectures.contains(architecture) else { return nil }
            return indent + "/// " + text[colon.upperBound...]
        }
        guard line.hasPrefix("/// | "), let open = line.range(of: " ("), let close = line.range(of: " only) |"),
            open.upperBound <= close.lowerBound
        else { return line }
        let architectures = line[open.upperBound..<close.lowerBound].components(separatedBy: ", ")
        guard architectures.contains(architecture) else { return nil }
        return String(line[..<open.lowerBound]) + " |" + line[close.upperBound...]
    }

    /// Every generated file as the compiler sees it on `architecture`: its active lines, without the
    /// directives, header comments, imports and blank lines, its doc lines as ``proseLine(_:on:)`` reads
    /// them, sorted; files with nothing left are left out.
    static func resolvedFiles(_ bindings: GeneratedBindings, architecture: String) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for file in bindings.swiftFiles {
            let text = try String(contentsOf: bindings.folder.appendingPathComponent(file), encoding: .utf8)
            // Blank doc lines separate paragraphs; a merged doc keeps one that only some architectures have
            // unmarked, so they are left out like blank lines.
            let lines = ArchitectureConditions.activeLines(text, on: architecture).filter { line in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return !line.hasPrefix("// Generated by xen-swiftgen") && !line.hasPrefix("import ") && !trimmed.isEmpty && trimmed != "///"
            }.compactMap { line in Self.proseLine(line, on: architecture) }
            if !lines.isEmpty { result[file] = lines.sorted() }
        }
        return result
    }
}
