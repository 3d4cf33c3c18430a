import Foundation

/// The storage layouts a multi-release output emits, read back from its text, and one compile-only C
/// probe per release and architecture that asserts each of them with that release's own headers.
///
/// Which release has which layout comes from the payloads' release switches
/// (`case (4, 16), (4, 17): XenLayoutConversion(XenSysctlPhysinfo.Layout4_16.self)`); the numbers from the
/// output's layout table (`expect(XenSysctlPhysinfo.Layout4_16.self, "layout 4.16 xen_sysctl_physinfo", size: …)`),
/// which the Swift compiler checks against the Swift structs. A layout's nested records
/// (`…Layout4_16.XenArchDomainconfig`) belong to its releases.
struct ReleaseLayoutProbe {
    /// One `expect` of the layout table: a record's size and alignment, or a field's offset.
    struct Expectation: Hashable {
        var type: String
        var cName: String
        var field: String?
        var size: Int
        var alignment: Int
        var arches: Set<String>
    }

    /// Architecture (`x86_64`, `arm64`) → layout type → releases (`4.16`), from the release switches.
    var releases: [String: [String: [String]]] = [:]
    /// The layout table's expectations for storage layouts (and the payloads that have some).
    var expectations: [Expectation] = []

    /// Reads `output`'s records files and layout table.
    /// - Parameter output: The generated folder.
    init(output: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasSuffix("Records.swift") }
        for file in files {
            var arches = Self.both
            for line in try String(contentsOf: output.appendingPathComponent(file), encoding: .utf8).split(separator: "\n") {
                arches = Self.arches(after: String(line), else: arches)
                guard line.hasPrefix("        case ("), let colon = line.range(of: "): XenLayoutConversion("),
                    let close = line[colon.upperBound...].range(of: ".self)")
                else { continue }
                let type = String(line[colon.upperBound..<close.lowerBound])
                let patterns = (line[line.index(line.startIndex, offsetBy: "        case ".count)..<colon.lowerBound] + ")")
                    .replacingOccurrences(of: "(", with: "").components(separatedBy: "),").map {
                        $0.replacingOccurrences(of: ")", with: "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                            .joined(separator: ".")
                    }
                for arch in arches { releases[arch, default: [:]][type, default: []] += patterns.filter { !$0.isEmpty } }
            }
        }
        var arches = Self.both
        for line in try String(contentsOf: output.appendingPathComponent("XenRecordLayout.swift"), encoding: .utf8).split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            arches = Self.arches(after: text, else: arches)
            guard text.hasPrefix("expect("), text.contains("\"layout ") else { continue }
            let quoted = text.split(separator: "\"")
            guard quoted.count >= 3 else { continue }
            let label = String(quoted[1]).dropFirst("layout ".count).drop { $0 != " " }.dropFirst()
            let head = String(quoted[0].dropFirst("expect(".count))
            let numbers = quoted[2].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            if head.hasSuffix(".self, ") {
                expectations.append(
                    Expectation(
                        type: String(head.dropLast(".self, ".count)), cName: String(label), field: nil,
                        size: numbers.first ?? -1, alignment: numbers.dropFirst().first ?? -1, arches: arches))
            } else if let dot = label.lastIndex(of: "."),
                let offset = head.split(separator: ",").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }).last
            {
                let keyPath = head.dropFirst().split(separator: ",")[0]
                let type = String(keyPath[..<(keyPath.lastIndex(of: ".") ?? keyPath.endIndex)])
                expectations.append(
                    Expectation(
                        type: type, cName: String(label[..<dot]), field: String(label[label.index(after: dot)...]),
                        size: offset, alignment: 0, arches: arches))
            }
        }
    }

    /// Both architectures.
    static let both: Set<String> = ["x86_64", "arm64"]

    /// The architectures a line and what follows it are compiled for, after an `#if arch` line (else `current`).
    static func arches(after line: String, else current: Set<String>) -> Set<String> {
        switch line.trimmingCharacters(in: .whitespaces) {
        case "#if arch(x86_64)": ["x86_64"]
        case "#if arch(arm64)", "#elseif arch(arm64)": ["arm64"]
        case "#endif": both
        default: current
        }
    }

    /// The releases of a layout type, or of a record nested in one, on `arch`.
    func releases(of type: String, arch: String) -> [String] {
        releases[arch]?.first { type == $0.key || type.hasPrefix($0.key + ".") }?.value ?? []
    }

    /// `payload`'s layouts on `arch`: layout type name (`Layout4_16`) → releases.
    func layouts(of payload: String, arch: String) -> [String: [String]] {
        Dictionary(
            uniqueKeysWithValues: (releases[arch] ?? [:]).filter { $0.key.hasPrefix(payload + ".Layout") }.map {
                (String($0.key.dropFirst(payload.count + 1)), $0.value)
            })
    }

    /// A compile-only C program asserting every expectation of `release` on `arch`, and how many.
    /// - Parameters:
    ///   - release: `4.16`.
    ///   - arch: `x86_64` or `arm64`.
    /// - Returns: The program and its assertion count.
    func program(release: String, arch: String) -> (source: String, count: Int) {
        var lines = ["#include <stdint.h>", "#include <stddef.h>"]
        lines += [
            "xen.h", "domctl.h", "sysctl.h", "platform.h", "hvm/dm_op.h", "hvm/hvm_op.h", "event_channel.h", "physdev.h",
            "memory.h", "sched.h", "vcpu.h", "grant_table.h", "version.h",
        ].map { "#include <xen/\($0)>" }
        var count = 0
        for expectation in expectations
        where expectation.arches.contains(arch) && releases(of: expectation.type, arch: arch).contains(release) {
            // Untagged members have no C name to ask about; their fields are covered through the parent's.
            guard !expectation.cName.contains("("), let type = cType(expectation.cName) else { continue }
            if let field = expectation.field {
                guard !field.hasPrefix("_") else { continue }
                lines.append(
                    "_Static_assert(offsetof(\(type), \(field)) == \(expectation.size), \"\(release) \(arch): \(expectation.cName).\(field) is not at \(expectation.size)\");"
                )
            } else {
                lines.append(
                    "_Static_assert(sizeof(\(type)) == \(expectation.size), \"\(release) \(arch): \(expectation.cName) is not \(expectation.size) bytes\");"
                )
                lines.append(
                    "_Static_assert(_Alignof(\(type)) == \(expectation.alignment), \"\(release) \(arch): \(expectation.cName) is not aligned to \(expectation.alignment)\");"
                )
                count += 1
            }
            count += 1
        }
        return (lines.joined(separator: "\n") + "\n", count)
    }

    /// `struct a` for a record, `__typeof__(((struct a *)0)->b)` for a named member record `a.b`.
    private func cType(_ name: String) -> String? {
        let parts = name.split(separator: ".")
        guard let first = parts.first else { return nil }
        return parts.count == 1 ? "struct \(first)" : "__typeof__(((struct \(first) *)0)->\(parts.dropFirst().joined(separator: ".")))"
    }
}
