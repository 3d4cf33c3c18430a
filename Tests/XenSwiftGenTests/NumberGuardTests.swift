import Foundation
import Testing

/// The number guard holds when the generated file or a template is edited by hand.
@Suite struct NumberGuardTests {
    /// Generates the real bindings into a fresh folder, optionally with a template folder.
    func generated(templates: URL? = nil) throws -> URL {
        let folder = try makeTemporaryFolder("guard")
        let extra = templates.map { ["--templates", $0.path] } ?? []
        let result = try xenSwiftGen(
            ["generate", "--xen-headers", Paths.realHeaders, "--output", folder.appendingPathComponent("out").path] + extra)
        guard result.status == 0 else { throw TestFailure(result.stderr) }
        return folder
    }

    func typecheck(_ folder: URL) throws -> RunResult {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted()
        return try swiftc(["-typecheck", "-swift-version", "6"] + files, in: folder)
    }

    func line(of needle: String, in file: URL) throws -> Int {
        let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        return try #require(lines.firstIndex { $0.contains(needle) }) + 1
    }

    @Test("a second name on a retired number in the guard: raw value for enum case is not unique")
    func handEditGuard() throws {
        let root = try generated()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let file = out.appendingPathComponent("DomctlOp.swift")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(
                of: "enum DomctlOpNumberGuard: UInt32 {\n", with: "enum DomctlOpNumberGuard: UInt32 {\n    case XEN_DOMCTL_sneaky = 6\n")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try typecheck(out)
        #expect(result.status != 0)
        let tombstoneLine = try line(of: "case XEN_DOMCTL_getmemlist = 6", in: file)
        #expect(
            result.stderr.contains("DomctlOp.swift:\(tombstoneLine):34: error: raw value for enum case is not unique"), "\(result.stderr)")
    }

    @Test("a case added by hand to the public enum must enter the guard: switch must be exhaustive")
    func handEditEnum() throws {
        let root = try generated()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let file = out.appendingPathComponent("DomctlOp.swift")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "    case createdomain = 1\n", with: "    case createdomain = 1\n    case sneaky = 6\n")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try typecheck(out)
        #expect(result.status != 0)
        let guardLine = try line(of: "var numberGuard: DomctlOpNumberGuard", in: file) + 1
        #expect(result.stderr.contains("DomctlOp.swift:\(guardLine):9: error: switch must be exhaustive"), "\(result.stderr)")
        #expect(result.stderr.contains("note: add missing case: '.sneaky'"))
    }

    @Test("a template edited to list retired ops as live again does not compile: the generator's switch must be exhaustive")
    func templateEdit() throws {
        let builtin = Paths.packageRoot.appendingPathComponent("Templates/swift/family.mustache")
        let templates = try makeTemporaryFolder("templates")
        defer { try? FileManager.default.removeItem(at: templates) }
        // The edit: retired ops rendered as cases of the op enum under a second name, as a careless template might.
        let original = try String(contentsOf: builtin, encoding: .utf8)
        let first = try #require(original.range(of: "{{#cases}}"))
        let edited = original.replacingCharacters(
            in: first, with: "{{#retired}}\n{{#.member}}\n    case {{name}}Again = {{literal}}\n{{/.member}}\n{{/retired}}\n{{#cases}}")
        try edited.write(to: templates.appendingPathComponent("family.mustache"), atomically: true, encoding: .utf8)
        let root = try generated(templates: templates)
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let result = try typecheck(out)
        #expect(result.status != 0)
        let file = out.appendingPathComponent("DomctlOp.swift")
        let guardLine = try line(of: "var numberGuard: DomctlOpNumberGuard", in: file) + 1
        #expect(result.stderr.contains("DomctlOp.swift:\(guardLine):9: error: switch must be exhaustive"), "\(result.stderr)")
        #expect(result.stderr.contains("note: add missing case: '.getmemlistAgain'"), "\(result.stderr)")
    }

    @Test("the number guard is written by the generator, not the template: a family template without it still yields it")
    func guardWrittenByGenerator() throws {
        let builtin = try String(
            contentsOf: Paths.packageRoot.appendingPathComponent("Templates/swift/family.mustache"), encoding: .utf8)
        #expect(!builtin.contains("NumberGuard") && !builtin.contains("guardEntries"), "the built-in family template renders the guard")
        // A user template that renders the op enum only.
        let output = try OutputBaseline.populatedFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let templates = try makeTemporaryFolder("templates")
        defer { try? FileManager.default.removeItem(at: templates) }
        try
            "{{accessLevel}} enum {{typeName}}: {{rawType}} {\n{{#cases}}{{#.member}}    case {{name}} = {{literal}}\n{{/.member}}{{/cases}}}\n"
            .write(to: templates.appendingPathComponent("family.mustache"), atomically: true, encoding: .utf8)
        let bare = try xenSwiftGen(["generate", "--xen-headers", Paths.realHeaders, "--output", output.path, "--templates", templates.path])
        #expect(bare.status == 0, "\(bare.stderr)")
        let file = try String(contentsOf: output.appendingPathComponent("BlkifOp.swift"), encoding: .utf8)
        #expect(file.contains("\nenum BlkifOpNumberGuard: UInt8 {\n"))
        #expect(file.contains("\n    var numberGuard: BlkifOpNumberGuard {\n"))
    }
}
