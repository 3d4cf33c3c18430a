import XenEmitter
import XenIR

/// Writes, from the IR alone, a C program and a Swift program that print the layout of every record:
/// the C one asks the C compiler (`sizeof`, `__alignof__`, `offsetof`), the Swift one asks
/// `MemoryLayout` about the generated mirrors. Neither uses the numbers the generator recorded.
///
/// Lines are tab-separated: `R name size alignment [stride]`, `F name index offset size`, and for
/// bitfields `B name index bytes` (the record's bytes with only that bitfield set to all ones).
/// C offsets are from the nearest record that has a C type name (anonymous members have none);
/// Swift prints each record's own offsets, and ``absoluteSwiftOffsets(_:)`` adds the hops.
struct LayoutProbe {
    let interface: XenInterface
    let naming: RecordNaming
    let records: [String: Record]

    init(_ interface: XenInterface) {
        self.interface = interface
        naming = RecordNaming(interface)
        records = Dictionary(interface.records.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The record itself, or the nearest ancestor that is not an anonymous member.
    func base(of record: Record) -> Record {
        guard record.isNested, record.member == nil, let parent = record.parent.flatMap({ records[$0] }) else { return record }
        return base(of: parent)
    }

    /// A C type expression for the record, or `nil` for an anonymous member.
    func cType(_ record: Record) -> String? {
        guard let parentName = record.parent else { return "\(record.kind.rawValue) \(record.name)" }
        guard let member = record.member, let parent = records[parentName], let parentType = cType(base(of: parent)) else { return nil }
        // An untagged record can be the element type of an array member: `struct { … } entries[4]`.
        var subscripts = ""
        var type = parent.fields.first { $0.name == member }?.type
        while case .array(let element, _)? = type {
            subscripts += "[0]"
            type = element
        }
        return "__typeof__(((\(parentType) *)0)->\(member)\(subscripts))"
    }

    /// Fields the mirror has a property for: named, not flexible arrays.
    func comparable(_ record: Record) -> [(Int, RecordField)] {
        record.fields.enumerated().filter { $0.element.name?.isEmpty == false && $0.element.size > 0 }.map { ($0.offset, $0.element) }
    }

    /// The C program.
    func cProgram(includes: String) -> String {
        var lines = [
            includes, "", "static void bytes(const char *name, int index, const void *value, size_t size) {",
            "    printf(\"B\\t%s\\t%d\\t\", name, index);",
            "    for (size_t i = 0; i < size; i++) printf(\"%02x\", ((const unsigned char *)value)[i]);",
            "    printf(\"\\n\");", "}", "", "int main(void) {",
        ]
        for record in interface.records {
            let name = cString(record.name)
            if let type = cType(record) {
                lines.append("    printf(\"R\\t%s\\t%zu\\t%zu\\n\", \(name), sizeof(\(type)), __alignof__(\(type)));")
            }
            guard let baseType = cType(base(of: record)) else { continue }
            for (index, field) in comparable(record) {
                let cName = field.name ?? ""
                if field.isBitField {
                    lines.append("    { \(baseType) v; memset(&v, 0, sizeof v); v.\(cName) = ~0; bytes(\(name), \(index), &v, sizeof v); }")
                } else {
                    lines.append(
                        "    printf(\"F\\t%s\\t%d\\t%zu\\t%zu\\n\", \(name), \(index), offsetof(\(baseType), \(cName)), sizeof(((\(baseType) *)0)->\(cName)));"
                    )
                }
            }
        }
        lines += ["    return 0;", "}", ""]
        return lines.joined(separator: "\n")
    }

    /// A compile-only C program (for a target this machine cannot run) that asserts, with one
    /// `_Static_assert` each, that the C compiler's `sizeof`, `__alignof__`, `offsetof` and field
    /// `sizeof` equal what the Swift probe printed. Bitfields are not covered (their bit image needs a run).
    /// - Parameters:
    ///   - includes: The `#include` lines.
    ///   - swift: The Swift probe's output.
    /// - Returns: The program and how many assertions it makes.
    func cStaticAsserts(includes: String, swift: Output) -> (source: String, count: Int) {
        let offsets = absoluteSwiftOffsets(swift)
        var lines = [includes, ""]
        func assert(_ expression: String, _ value: Int?, _ message: String) {
            // A value the Swift probe lacks cannot match anything C says.
            lines.append("_Static_assert(\(expression) == \(value.map(String.init) ?? "-1"), \(cString(message)));")
        }
        for record in interface.records {
            if let type = cType(record) {
                let numbers = swift.records[record.name]
                assert("sizeof(\(type))", numbers?.first, "size of \(record.name)")
                assert("__alignof__(\(type))", numbers.map { $0[1] }, "alignment of \(record.name)")
                assert("sizeof(\(type))", numbers?.last, "stride of \(record.name)")
            }
            guard let baseType = cType(base(of: record)) else { continue }
            for (index, field) in comparable(record) where !field.isBitField {
                let key = record.name + "#\(index)"
                let cName = field.name ?? ""
                assert("offsetof(\(baseType), \(cName))", offsets[key], "offset of \(record.name).\(cName)")
                assert("sizeof(((\(baseType) *)0)->\(cName))", swift.fields[key]?.last, "size of \(record.name).\(cName)")
            }
        }
        let count = lines.count - 2
        return (lines.joined(separator: "\n") + "\n", count)
    }

    /// The Swift program.
    func swiftProgram() -> String {
        var lines = [
            "func bytes<T>(_ name: String, _ index: Int, _ value: T) {",
            "    let hex = withUnsafeBytes(of: value) { $0.map { ($0 < 16 ? \"0\" : \"\") + String($0, radix: 16) }.joined() }",
            "    print(\"B\\t\\(name)\\t\\(index)\\t\\(hex)\")",
            "}",
            "func layout<T>(_ name: String, _: T.Type) {",
            "    print(\"R\\t\\(name)\\t\\(MemoryLayout<T>.size)\\t\\(MemoryLayout<T>.alignment)\\t\\(MemoryLayout<T>.stride)\")",
            "}",
            // A union member's offset, measured: store a value whose bytes are all ones into a zeroed union
            // and find the first byte that changed.
            "func unionOffset<U, M>(_ union: U, _ store: (inout U, M) -> Void, _ member: M) -> Int? {",
            "    var value = member",
            "    withUnsafeMutableBytes(of: &value) { for i in $0.indices { $0[i] = 0xff } }",
            "    var copy = union",
            "    withUnsafeMutableBytes(of: &copy) { for i in $0.indices { $0[i] = 0 } }",
            "    store(&copy, value)",
            "    return withUnsafeBytes(of: copy) { $0.firstIndex(of: 0xff) }",
            "}",
            "func field(_ name: String, _ index: Int, _ offset: Int?, _ size: Int) {",
            "    print(\"F\\t\\(name)\\t\\(index)\\t\\(offset.map(String.init) ?? \"nil\")\\t\\(size)\")",
            "}",
        ]
        for record in interface.records {
            let type = naming.typeName(record.name)
            let name = swiftString(record.name)
            let names = naming.fieldNames[record.name] ?? []
            lines.append("layout(\(name), \(type).self)")
            for (index, field) in record.fields.enumerated() where field.size > 0 && field.name?.isEmpty != true {
                let property = names[index]
                if field.isBitField {
                    let baseType = naming.typeName(base(of: record).name)
                    lines.append("do { var v = \(baseType)(); v.\(property) = ~0; bytes(\(name), \(index), v) }")
                } else {
                    let offset =
                        record.kind == .union
                        ? "unionOffset(\(type)(), { $0.\(property) = $1 }, \(type)().\(property))"
                        : "MemoryLayout<\(type)>.offset(of: \\\(type).\(property))"
                    lines.append("field(\(name), \(index), \(offset), MemoryLayout.size(ofValue: \(type)().\(property)))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parsed probe output.
    struct Output {
        var records: [String: [Int]] = [:]
        var fields: [String: [Int]] = [:]
        var bitFields: [String: String] = [:]

        init(_ text: String) {
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                switch parts.first {
                case "R": records[parts[1]] = parts.dropFirst(2).map { Int($0) ?? -1 }
                case "F": fields[parts[1] + "#" + parts[2]] = parts.dropFirst(3).map { Int($0) ?? -1 }
                case "B": bitFields[parts[1] + "#" + parts[2]] = parts[3]
                default: break
                }
            }
        }
    }

    /// The keys (`record#index`) the C probe must print for fields, from the IR alone.
    func expectedFieldKeys() -> Set<String> {
        var keys: Set<String> = []
        for record in interface.records where cType(base(of: record)) != nil {
            for (index, field) in comparable(record) where !field.isBitField { keys.insert(record.name + "#\(index)") }
        }
        return keys
    }

    /// The keys the C probe must print for bitfields, from the IR alone.
    func expectedBitFieldKeys() -> Set<String> {
        var keys: Set<String> = []
        for record in interface.records where cType(base(of: record)) != nil {
            for (index, field) in comparable(record) where field.isBitField { keys.insert(record.name + "#\(index)") }
        }
        return keys
    }

    /// Swift field offsets made relative to the same base record as C's: anonymous members add
    /// the offset of their property in the parent (0 in a union).
    func absoluteSwiftOffsets(_ output: Output) -> [String: Int] {
        func hop(_ record: Record) -> Int {
            guard record.isNested, record.member == nil, let parent = record.parent.flatMap({ records[$0] }),
                let index = parent.fields.firstIndex(where: { $0.name == nil && $0.type == .record(name: record.name) })
            else { return 0 }
            return hop(parent) + (output.fields[parent.name + "#\(index)"]?.first ?? -1_000_000)
        }
        var result: [String: Int] = [:]
        for record in interface.records {
            for (index, field) in comparable(record) where !field.isBitField {
                guard let offset = output.fields[record.name + "#\(index)"]?.first else { continue }
                result[record.name + "#\(index)"] = hop(record) + offset
            }
        }
        return result
    }

    private func cString(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
    private func swiftString(_ text: String) -> String { cString(text) }
}
