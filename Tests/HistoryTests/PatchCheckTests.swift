import Foundation
import Testing

/// `xen-swiftgen diff --xen-git` on a repository laid out like xen.git (``XenGitLayout``: real trees of
/// the history bundle under `xen/include/public/`, with planted changes): a revision range as a patch check.
@Suite struct PatchCheckTests {
    /// Runs `diff --xen-git REPO OLD NEW` plus `extra`.
    private func diff(_ old: String, _ new: String, _ extra: [String] = []) throws -> RunResult {
        try xenSwiftGen(["diff", "--xen-git", try XenGitLayout.repository(), old, new] + extra)
    }

    @Test("the seed's change in a xen.git layout: getmemlist retired without a bump of its own, covered by the cycle's")
    func seedInXenGitLayout() throws {
        let repository = try XenGitLayout.repository()
        // A range relative to HEAD, run inside the repository, as a maintainer would.
        let result = try xenSwiftGen(["diff", "--xen-git", ".", "seed~1", "seed", "--strict"], in: URL(fileURLWithPath: repository))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first
                == "seed/xen/include/public/domctl.h:1116:4: warning: domctl: retired: XEN_DOMCTL_getmemlist (6) retired (\"Removed\")")
        let verdict = try #require(lines.dropFirst().first)
        #expect(
            verdict.hasPrefix(
                "seed/xen/include/public/domctl.h:41:9: warning: domctl: incompatible changes without an interface version bump "
                    + "of their own (XEN_DOMCTL_INTERFACE_VERSION 0x00000010 -> 0x00000010); covered by the bump of this development cycle "
                    + "(from RELEASE-4.10.0 branch point "), "\(verdict)")
        #expect(verdict.hasSuffix(" (0x0000000e)), so a backport to that release needs a bump of its own"), "\(verdict)")
        #expect(
            lines.last
                == "seed~1 -> seed: 1 families changed, 0 record layout changes, no bump of its own in domctl (covered by this development cycle's)"
        )
        let head = try xenSwiftGen(["diff", "--xen-git", ".", "HEAD~1", "HEAD"], in: URL(fileURLWithPath: repository))
        #expect(
            head.status == 0
                && head.stdout.contains("HEAD/xen/include/public/domctl.h:1116:4: warning: domctl: retired: XEN_DOMCTL_getmemlist"))
    }

    @Test("on a stable branch the cycle starts at its release tag: a retirement without a bump fails --strict")
    func stableBranchMissingBump() throws {
        let result = try diff("RELEASE-4.10.0", "stable-4.10", ["--strict"])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(
            result.stdout.contains(
                "stable-4.10/xen/include/public/domctl.h:1147:4: warning: domctl: retired: XEN_DOMCTL_pin_mem_cacheattr (41) retired (\"Removed\")\n"
            ))
        #expect(
            result.stdout.contains(
                ": error: domctl: incompatible changes without an interface version bump (XEN_DOMCTL_INTERFACE_VERSION 0x0000000e -> 0x0000000e)\n"
            ))
        #expect(result.stdout.hasSuffix("interface version bump missing in domctl\n"))
    }

    @Test("a planted reuse of a retired number fails --strict, whatever the version")
    func plantedReuse() throws {
        let strict = try diff("seed", "planted-reuse", ["--strict"])
        #expect(strict.status == 1, "\(strict.stdout)")
        #expect(
            strict.stdout.contains(
                "planted-reuse/xen/include/public/domctl.h:1116:9: error: domctl: reused: XEN_DOMCTL_planted_op reuses 6, held by XEN_DOMCTL_getmemlist before\n"
            ),
            "\(strict.stdout)")
        let plain = try diff("seed", "planted-reuse")
        #expect(plain.status == 0)
        #expect(plain.stdout.contains(": warning: domctl: reused: XEN_DOMCTL_planted_op reuses 6"))
    }

    @Test("a tombstone deleted leaves the number unreserved: fails --strict")
    func plantedVanish() throws {
        let result = try diff("seed", "planted-vanish", ["--strict"])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(
            result.stdout.contains(
                "seed/xen/include/public/domctl.h:1116:4: error: domctl: tombstoneDropped: the tombstone of XEN_DOMCTL_getmemlist (6) was dropped; 6 is no longer reserved\n"
            ),
            "\(result.stdout)")
    }

    @Test("a pure addition passes --strict")
    func pureAddition() throws {
        let result = try diff("seed", "planted-addition", ["--strict"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(
            result.stdout == """
                planted-addition/xen/include/public/domctl.h:1116:9: note: domctl: added: XEN_DOMCTL_planted_added (200) added
                seed -> planted-addition: 1 families changed, 0 record layout changes

                """)
    }

    @Test("stable ops: adding one passes; breaking one's payload fails, and no bump is asked of the family")
    func stableOps() throws {
        let added = try diff("latest", "planted-stable-addition", ["--strict"])
        #expect(added.status == 0, "\(added.stdout)")
        #expect(
            added.stdout.contains(": note: domctl: added: XEN_DOMCTL_planted_stable (201) added (stable interface)\n"), "\(added.stdout)")
        let broken = try diff("latest", "planted-stable-break", ["--strict"])
        #expect(broken.status == 1, "\(broken.stdout)")
        #expect(
            broken.stdout.contains(
                ": error: domctl: stable interface payload layout: xen_domctl_get_domain_state.caps: type uint16_t (2 bytes) -> uint32_t (4 bytes) "
                    + "(stable ops are called with interface version 0: no bump protects their callers)\n"), "\(broken.stdout)")
        #expect(!broken.stdout.contains("without an interface version bump"), "\(broken.stdout)")
    }

    @Test("--format sarif is a SARIF 2.1.0 log (validated with python3 jsonschema) carrying the failing finding")
    func sarif() throws {
        let result = try diff("seed", "planted-reuse", ["--strict", "--format", "sarif"])
        #expect(result.status == 1)
        let folder = try makeTemporaryFolder("xsg-sarif")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("log.sarif")
        try Data(result.stdout.utf8).write(to: log)
        let schema = folder.appendingPathComponent("schema.json")
        try Data(Self.sarifStructure.utf8).write(to: schema)
        let validation = try Self.validate(schema: schema, log: log)
        #expect(validation.status == 0, "\(validation.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let reuse = try #require(results.first { $0["ruleId"] as? String == "op-reused" })
        #expect(reuse["level"] as? String == "error")
        let physical = try #require(((reuse["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "xen/include/public/domctl.h")
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 1116)
        // The validation itself can fail: a log without a message is refused.
        try Data(result.stdout.replacingOccurrences(of: "\"message\"", with: "\"messageX\"").utf8).write(to: log)
        let broken = try Self.validate(schema: schema, log: log)
        #expect(broken.status != 0)
    }

    private static func validate(schema: URL, log: URL) throws -> RunResult {
        try run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "python3", "-c",
                """
                import json, sys, jsonschema
                jsonschema.Draft7Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))
                """, schema.path, log.path,
            ])
    }

    /// The structure SARIF 2.1.0 requires of what the report emits, from the OASIS standard (sections 3.13
    /// sarifLog, 3.14 run, 3.18 tool, 3.19 toolComponent, 3.49 reportingDescriptor, 3.27 result, 3.11
    /// message, 3.28 location, 3.29 physicalLocation, 3.4 artifactLocation, 3.30 region): required
    /// properties, their types and the enumerations. The official schema file is not available where the
    /// tests run (no network); the report was also checked against it by hand (see the issue's note).
    static let sarifStructure = #"""
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "required": ["version", "runs"],
          "properties": {
            "version": {"enum": ["2.1.0"]},
            "$schema": {"type": "string", "format": "uri"},
            "runs": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/run"}}
          },
          "definitions": {
            "run": {"type": "object", "required": ["tool"], "properties": {
              "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {"$ref": "#/definitions/toolComponent"}}},
              "results": {"type": "array", "items": {"$ref": "#/definitions/result"}}}},
            "toolComponent": {"type": "object", "required": ["name"], "properties": {
              "name": {"type": "string"}, "version": {"type": "string"},
              "rules": {"type": "array", "uniqueItems": true, "items": {"type": "object", "required": ["id"], "properties": {
                "id": {"type": "string"}, "shortDescription": {"$ref": "#/definitions/message"}}}}}},
            "message": {"type": "object", "anyOf": [{"required": ["text"]}, {"required": ["id"]}], "properties": {"text": {"type": "string"}}},
            "result": {"type": "object", "required": ["message"], "properties": {
              "ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": -1},
              "level": {"enum": ["none", "note", "warning", "error"]},
              "message": {"$ref": "#/definitions/message"},
              "locations": {"type": "array", "items": {"type": "object", "properties": {
                "physicalLocation": {"type": "object", "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}], "properties": {
                  "artifactLocation": {"type": "object", "properties": {"uri": {"type": "string", "format": "uri-reference"}}},
                  "region": {"type": "object", "properties": {
                    "startLine": {"type": "integer", "minimum": 1}, "startColumn": {"type": "integer", "minimum": 1}}}}}}}}}}
          }
        }
        """#

    @Test("errors name the repository, the revision and options the command has, never a temporary folder")
    func errors() throws {
        let repository = try XenGitLayout.repository()
        let missing = try diff("RELEASE-9.9.9", "master")
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: \(repository): no revision 'RELEASE-9.9.9'\n")
        let empty = try makeTemporaryFolder("xsg-empty-git")
        defer { try? FileManager.default.removeItem(at: empty) }
        let made = try run(
            URL(fileURLWithPath: "/bin/sh"),
            [
                "-c",
                """
                cd "$0" && git init -q . && git config user.email t@example.org && git config user.name t \
                && echo hello > README && git add README && git commit -qm one
                """, empty.path,
            ])
        #expect(made.status == 0, "\(made.stderr)")
        let none = try xenSwiftGen(["diff", "--xen-git", empty.path, "HEAD", "HEAD"])
        #expect(none.status == 1)
        #expect(
            none.stderr
                == "error: \(empty.path): revision 'HEAD' has no Xen public headers (looked for xen.h in the root, xen/include/hypervisor-ifs/, xen/include/public/)\n"
        )
        for text in [missing.stderr, none.stderr] {
            #expect(!text.contains("xen-swiftgen-tree") && !text.contains("--xen-headers"))
        }
        // A folder without headers: the hint names the argument diff has.
        let folder = try xenSwiftGen(["diff", empty.path, empty.path])
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("set OLD to the folder that contains domctl.h"), "\(folder.stderr)")
    }

    @Test("history reads the release tags of a xen.git layout")
    func historyOnXenGitLayout() throws {
        let result = try xenSwiftGen(["history", "--xen-git", try XenGitLayout.repository(), "--tags", "RELEASE-4.10.*"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"XEN_DOMCTL_pin_mem_cacheattr\""))
        #expect(result.stderr.hasPrefix("history: 1 releases (RELEASE-4.10.0 … RELEASE-4.10.0)"), "\(result.stderr)")
    }
}
