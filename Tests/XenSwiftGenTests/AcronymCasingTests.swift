import Foundation
import Testing
import XenEmitter

/// Acronyms cased one way in every generated type name (`Sources/XenEmitter/AcronymCasing.swift`,
/// its list `Acronyms.txt`).
@Suite struct AcronymCasingTests {
    @Test("a word on the acronym list is spelled as the list writes it; other words are capitalized")
    func rule() {
        #expect(AcronymCasing.typeName("vcpu_runstate_info") == "VCPURunstateInfo")
        #expect(AcronymCasing.typeName("xen_hvm_param") == "XenHVMParam")
        #expect(AcronymCasing.typeName("pciif") == "PCIIf")
        #expect(AcronymCasing.typeName("DOMID_SELF") == "DomidSelf")
        #expect(RecordNaming.upperCamel("xen_dm_op") == "XenDMOp")
        #expect(RecordNaming.commandTypeName(family: "vcpu") == "VCPUCommand")
        #expect(RecordNaming.commandTypeName(family: "event-channel") == "EventChannelCommand")
    }

    /// The listed acronyms written as the old rule wrote them (`Vcpu`, `Fsif`) where they end a word
    /// of `name` (an upper-case letter, a digit or the end follows).
    static func miscased(_ name: String) -> [String] {
        AcronymCasing.spellings.values.compactMap { spelling -> String? in
            let other = spelling.prefix(1) + spelling.dropFirst().lowercased()
            guard other != spelling else { return nil }
            var rest = name[...]
            while let range = rest.range(of: other) {
                let next = rest[range.upperBound...].first
                if next.map({ $0.isUppercase || $0.isNumber }) ?? true { return String(other) }
                rest = rest[range.upperBound...]
            }
            return nil
        }
    }

    @Test("no generated type or file, and no swiftName of the family table, spells a listed acronym another way")
    func outputUsesOneSpelling() throws {
        var names: [String] = []
        let declaration = try Regex(#"(?:struct|enum|typealias|protocol) ([A-Za-z_][A-Za-z0-9_]*)"#)
        for folder in ["Generated", "Sources/XenDeviceABI"] {
            let url = Paths.packageRoot.appendingPathComponent(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: url.path) where file.hasSuffix(".swift") {
                names.append(String(file.dropLast(".swift".count)))
                let text = try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)
                names += text.matches(of: declaration).compactMap { $0.output[1].substring.map(String.init) }
            }
        }
        let table = try String(
            contentsOf: Paths.packageRoot.appendingPathComponent("Sources/XenSwiftGen/BuiltinFamilies.json"), encoding: .utf8)
        let swiftName = try Regex(#""swiftName": *"([^"]*)""#)
        let tableNames = table.matches(of: swiftName).compactMap { $0.output[1].substring.map(String.init) }
        names += tableNames
        // The scan read the output: the op enums, commands and records are there, VCPUOp among them.
        #expect(names.count > 500 && tableNames.count > 50 && names.contains("VCPUCommand") && names.contains("VCPUOp"))
        let findings = names.flatMap { name in Self.miscased(name).map { "\(name) spells \($0)" } }
        #expect(findings.isEmpty, "\(Set(findings).sorted().joined(separator: "\n"))")
        #expect(Self.miscased("XenVcpuAffinityFlags") == ["Vcpu"] && Self.miscased("XenVcpuinfo").isEmpty)
    }
}
