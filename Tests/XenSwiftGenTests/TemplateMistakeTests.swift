import Foundation
import Testing

/// Issue 10, item 6 (the renderer's part): a misspelled name and a template that does not parse are
/// one located, readable error from `generate`, which then writes nothing.
@Suite struct TemplateMistakeTests {
    @Test(
        "mistakes in a user template",
        arguments: [
            (
                "{{accesLevel}} protocol XenOperation {}\n",
                "support.mustache:1:1: error: unknown name 'accesLevel': not a field of SupportContext; did you mean 'accessLevel'?"
            ),
            (
                "// header\n{{#accessLevel}}\n{{accessLevel}} protocol XenOperation {}\n",
                "support.mustache:2:1: error: template does not parse: section 'accessLevel' is never closed (no '{{/accessLevel}}')"
            ),
            (
                "// header\n\n\n{{/accessLevel}}\n",
                "support.mustache:4:1: error: template does not parse: '{{/accessLevel}}' closes no open section"
            ),
        ])
    func mistake(template: String, expected: String) throws {
        let work = try makeTemporaryFolder("template-mistakes")
        defer { try? FileManager.default.removeItem(at: work) }
        let templates = work.appendingPathComponent("templates")
        let output = work.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try "kept\n".write(to: output.appendingPathComponent("XenArchitectureGuard.swift"), atomically: true, encoding: .utf8)
        try template.write(to: templates.appendingPathComponent("support.mustache"), atomically: true, encoding: .utf8)
        let result = try xenSwiftGen([
            "generate", "--xen-headers", Paths.realHeaders, "--output", output.path, "--templates", templates.path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr == "\(templates.path)/\(expected)\n")
        #expect(try String(contentsOf: output.appendingPathComponent("XenArchitectureGuard.swift"), encoding: .utf8) == "kept\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == ["XenArchitectureGuard.swift"])
    }
}
