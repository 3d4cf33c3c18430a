import Foundation
import XenIR

/// Findings as SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), which CI systems read:
/// GitLab's SAST reports, GitHub code scanning. One run, one result per finding, each with a rule id,
/// a level and a location in the repository.
public enum SARIFReport {
    /// The schema the output declares.
    public static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// Renders findings.
    /// - Parameter findings: Rule ids with their diagnostics; locations are paths relative to the
    ///   repository's root (or to the folder the tool was given).
    /// - Returns: The SARIF log as JSON.
    /// - Throws: When JSON encoding fails.
    public static func render(_ findings: [(rule: String, diagnostic: GeneratorDiagnostic)]) throws -> Data {
        var rules: [String] = []
        for finding in findings where !rules.contains(finding.rule) { rules.append(finding.rule) }
        let results: [[String: Any]] = findings.map { finding in
            var result: [String: Any] = [
                "ruleId": finding.rule,
                "ruleIndex": rules.firstIndex(of: finding.rule) ?? 0,
                "level": finding.diagnostic.severity.rawValue,
                "message": ["text": finding.diagnostic.message],
            ]
            if let location = finding.diagnostic.location {
                result["locations"] = [
                    [
                        "physicalLocation": [
                            "artifactLocation": ["uri": location.file],
                            "region": ["startLine": max(location.line, 1), "startColumn": max(location.column, 1)],
                        ]
                    ]
                ]
            }
            return result
        }
        let log: [String: Any] = [
            "$schema": schema,
            "version": "2.1.0",
            "runs": [
                [
                    "tool": [
                        "driver": [
                            "name": "xen-swiftgen",
                            "version": ToolVersion.current,
                            "rules": rules.map { ["id": $0, "shortDescription": ["text": description(of: $0)]] },
                        ]
                    ],
                    "results": results,
                ]
            ],
        ]
        return try JSONSerialization.data(withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// One sentence per rule.
    static func description(of rule: String) -> String {
        switch rule {
        case "missing-bump": "An incompatible change without an interface version bump in its development cycle."
        case "bump-of-cycle": "An incompatible change without a bump of its own, covered by the bump of its development cycle."
        case "op-reused": "A number retired (or still held) by one op was given to another."
        case "op-removed": "An op vanished without a tombstone: nothing reserves its number any more."
        case "op-tombstoneDropped": "A tombstone vanished: nothing reserves its number any more."
        case "payload-layout": "A layout change of a record an op carries or reaches."
        case "stable-payload-layout": "A layout change of a record a stable op (interface version 0) carries."
        case "version-changed": "The interface version changed."
        case "record-layout": "A layout change of a record no op of a versioned family carries."
        default: "An op change: \(rule.dropFirst(3))."
        }
    }
}
