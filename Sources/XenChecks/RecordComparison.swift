import XenIR

/// One layout difference of a record both versions mirror.
public struct RecordChange: Codable, Sendable, Equatable {
    /// What changed.
    public enum Kind: String, Codable, Sendable {
        case size, alignment, offset, type, fieldAdded, fieldRemoved
        /// A field under another name at the same offset with the same type (a union member renamed with its op).
        case fieldRenamed
        /// A member dropped from an anonymous union that keeps its size and alignment (an alias such as `_eax`).
        case aliasRemoved
        /// A field's type spelled differently but laid out alike (`XEN_GUEST_HANDLE(ulong)` to `XEN_GUEST_HANDLE(xen_pfn_t)`).
        case typeRenamed
    }

    /// The record's key.
    public var record: String
    /// The kind.
    public var kind: Kind
    /// The field, for field changes.
    public var field: String?
    /// The old value (size, alignment, offset, C type).
    public var before: String?
    /// The new value.
    public var after: String?
    /// Where the new version declares the record (or the field).
    public var location: SourcePosition

    /// A one-line description.
    public var summary: String {
        let subject = field.map { "\(record).\($0)" } ?? record
        switch kind {
        case .size: return "\(subject): size \(before ?? "?") -> \(after ?? "?")"
        case .alignment: return "\(subject): alignment \(before ?? "?") -> \(after ?? "?")"
        case .offset: return "\(subject): offset \(before ?? "?") -> \(after ?? "?")"
        case .type: return "\(subject): type \(before ?? "?") -> \(after ?? "?")"
        case .fieldAdded: return "\(subject): field added (\(after ?? "?"))"
        case .fieldRemoved: return "\(subject): field removed (was \(before ?? "?"))"
        case .aliasRemoved: return "\(subject): union member removed (was \(before ?? "?")); the union keeps its size"
        case .typeRenamed: return "\(subject): type \(before ?? "?") -> \(after ?? "?") (same layout)"
        case .fieldRenamed: return "\(record).\(before ?? "?"): field renamed to \(field ?? "?") (same offset and layout)"
        }
    }
}

/// Compares the records two versions both mirror, by layout: size, alignment, and each field's offset and C type.
public enum RecordComparison {
    /// The changes, by record name.
    /// - Parameters:
    ///   - old: The earlier version's records.
    ///   - new: The later version's records.
    /// - Returns: The layout changes.
    public static func compare(_ old: [Record], _ new: [Record]) -> [RecordChange] {
        let before = Dictionary(old.map { ($0.name, $0) }) { first, _ in first }
        let after = Dictionary(new.map { ($0.name, $0) }) { first, _ in first }
        // Same type, or records of another name laid out alike (a payload struct renamed with its op).
        func sameType(_ was: RecordField, _ now: RecordField) -> Bool {
            guard was.size == now.size else { return false }
            if Self.spelling(was.cType) == Self.spelling(now.cType) || sameShape(was.type, now.type) { return true }
            // A field wrapped in a union of aliases (or the aliases dropped again): one member is laid out as the field was.
            return unionMember(of: now.type, in: after, shapedLike: was.type, in: before)
                || unionMember(of: was.type, in: before, shapedLike: now.type, in: after)
        }
        func unionMember(of union: TypeRef, in records: [String: Record], shapedLike type: TypeRef, in typeRecords: [String: Record])
            -> Bool
        {
            guard case .record(let name) = union, let record = records[name], record.kind == .union,
                let wanted = leaves(type, records: typeRecords)
            else { return false }
            return record.fields.contains { $0.offset == 0 && leaves($0.type, records: records) == wanted }
        }
        // Laid out alike: the same scalars (integers by width and signedness, guest handles, pointers)
        // at the same offsets, whatever the typedefs, record names and nesting (a field wrapped in a struct).
        func sameShape(_ was: TypeRef, _ now: TypeRef) -> Bool {
            guard let old = leaves(was, records: before), let new = leaves(now, records: after) else { return was == now }
            return old == new
        }
        var changes: [RecordChange] = []
        for record in new.sorted(by: { $0.name < $1.name }) {
            guard let previous = before[record.name] else { continue }
            let place = record.location
            // The same scalars at the same offsets under other names (a pad that became a field, names
            // shuffled): only renames, reported by offset.
            if previous.size == record.size, previous.alignment == record.alignment,
                previous.fields.map(\.name) != record.fields.map(\.name),
                let old = leaves(.record(name: previous.name), records: before), old == leaves(.record(name: record.name), records: after)
            {
                let oldNames = Dictionary(previous.fields.compactMap { field in field.name.map { (field.offset, $0) } }) { first, _ in first
                }
                for field in record.fields {
                    guard let name = field.name, let was = oldNames[field.offset], was != name else { continue }
                    changes.append(
                        RecordChange(
                            record: record.name, kind: .fieldRenamed, field: name, before: was, after: name,
                            location: SourcePosition(file: record.file, line: field.line)))
                }
                continue
            }
            if previous.size != record.size {
                changes.append(
                    RecordChange(record: record.name, kind: .size, before: "\(previous.size)", after: "\(record.size)", location: place))
            }
            if previous.alignment != record.alignment {
                changes.append(
                    RecordChange(
                        record: record.name, kind: .alignment, before: "\(previous.alignment)",
                        after: "\(record.alignment)", location: place))
            }
            let oldFields = Dictionary(previous.fields.compactMap { field in field.name.map { ($0, field) } }) { first, _ in first }
            let newNames = Set(record.fields.compactMap(\.name))
            // A field that left and one that came at the same offset with the same type: one field renamed.
            var renamedFrom: [String: String] = [:]
            var renamedInto = Set<String>()
            var gone = previous.fields.filter { $0.name.map { !newNames.contains($0) } ?? false }
            // A field moved into an anonymous union at its offset, beside aliases (`uint64_t r15` into
            // `union { uint64_t r15; uint32_t r15d; }`): the union's member keeps the name, offset and layout.
            for field in record.fields where field.name == nil {
                guard case .record(let name) = field.type, let union = after[name], union.kind == .union else { continue }
                for member in union.fields {
                    guard
                        let index = gone.firstIndex(where: {
                            $0.name == member.name && $0.offset == field.offset + member.offset
                                && $0.size == member.size && sameShape($0.type, member.type)
                        }), let moved = gone[index].name
                    else { continue }
                    changes.append(
                        RecordChange(
                            record: record.name, kind: .fieldRenamed, field: "\(moved) (in an anonymous union)", before: moved,
                            after: moved, location: SourcePosition(file: record.file, line: field.line)))
                    renamedInto.insert(moved)
                    gone.remove(at: index)
                }
            }
            for field in record.fields {
                guard let name = field.name, oldFields[name] == nil,
                    let index = gone.firstIndex(where: {
                        $0.offset == field.offset && $0.bitOffset == field.bitOffset && $0.size == field.size
                            && sameType($0, field)
                    })
                else { continue }
                renamedFrom[name] = gone[index].name
                gone.remove(at: index)
            }
            let renamedAway = Set(renamedFrom.values).union(renamedInto)
            for field in record.fields {
                guard let name = field.name else { continue }
                let at = SourcePosition(file: record.file, line: field.line)
                if let from = renamedFrom[name] {
                    changes.append(
                        RecordChange(record: record.name, kind: .fieldRenamed, field: name, before: from, after: name, location: at))
                    continue
                }
                guard let was = oldFields[name] else {
                    changes.append(
                        RecordChange(record: record.name, kind: .fieldAdded, field: name, after: Self.spelling(field.cType), location: at))
                    continue
                }
                if was.offset != field.offset || was.bitOffset != field.bitOffset {
                    changes.append(
                        RecordChange(
                            record: record.name, kind: .offset, field: name, before: "\(was.offset)",
                            after: "\(field.offset)", location: at))
                }
                if Self.spelling(was.cType) != Self.spelling(field.cType) || was.size != field.size {
                    changes.append(
                        RecordChange(
                            record: record.name, kind: sameType(was, field) ? .typeRenamed : .type, field: name,
                            before: "\(Self.spelling(was.cType)) (\(was.size) bytes)",
                            after: "\(Self.spelling(field.cType)) (\(field.size) bytes)", location: at))
                }
            }
            for field in previous.fields {
                guard let name = field.name, !newNames.contains(name), !renamedAway.contains(name) else { continue }
                // An alias dropped from an anonymous union that keeps its size and alignment moves nothing else. A named
                // union (`xen_domctl.u`, `xen_sysctl_pm_op.u`) is a payload per sub-op: a member dropped is a payload gone.
                let anonymous =
                    record.name.split(separator: ".").last.map { $0.hasPrefix("(anonymous") || $0.hasPrefix("(unnamed") } ?? false
                let alias = anonymous && record.kind == .union && previous.size == record.size && previous.alignment == record.alignment
                changes.append(
                    RecordChange(
                        record: record.name, kind: alias ? .aliasRemoved : .fieldRemoved, field: name, before: Self.spelling(field.cType),
                        location: place))
            }
        }
        return changes
    }

    /// A C type spelling without the source position clang puts in the names of untagged records
    /// (`union (unnamed union at domctl.h:1194:5)` → `union (unnamed union)`): moving a declaration is no change.
    static func spelling(_ cType: String) -> String {
        // Nearly every spelling has no parenthesis: a byte scan answers them without a substring search.
        guard cType.utf8.contains(UInt8(ascii: "(")) else { return cType }
        var result = ""
        var rest = Substring(cType)
        while let open = rest.firstRange(of: "(unnamed ") ?? rest.firstRange(of: "(anonymous "),
            let at = rest[open.upperBound...].firstRange(of: " at "), let close = rest[at.upperBound...].firstIndex(of: ")")
        {
            result += rest[..<at.lowerBound]
            rest = rest[close...]
        }
        return result + rest
    }

    /// Whether a change breaks callers built against the old layout (a field added at the end of a
    /// union member that does not grow the record does not).
    public static func isIncompatible(_ change: RecordChange) -> Bool {
        ![.fieldAdded, .fieldRenamed, .typeRenamed, .aliasRemoved].contains(change.kind)
    }

    /// The scalars a type is made of, with their offsets: `i4u@0` for a `uint32_t` at offset 0, `h8@8` for a
    /// guest handle at 8. `nil` when a record is unknown or an array too long to spell out.
    static func leaves(_ type: TypeRef, records: [String: Record], at base: Int = 0) -> [String]? {
        switch type {
        case .integer(let bits, let signed): return ["i\(bits / 8)\(signed ? "s" : "u")@\(base)"]
        case .bool: return ["b@\(base)"]
        case .typedef(_, let underlying): return leaves(underlying, records: records, at: base)
        // A handle is 8 bytes wherever it points; what it points to is part of the interface too.
        case .guestHandle(let pointee), .pointer(let pointee):
            return ["h@\(base)->" + (leaves(pointee, records: records)?.joined(separator: ",") ?? "\(pointee)")]
        case .enumeration: return ["e@\(base)"]
        case .array(let element, let count):
            guard count <= 256, let one = leaves(element, records: records, at: 0), let stride = elementSize(element, records: records)
            else { return nil }
            return (0..<count).flatMap { index in one.map { leaf in shifted(leaf, by: base + index * stride) } }
        case .record(let name):
            guard let record = records[name] else { return nil }
            var result: [String] = []
            for field in record.fields {
                guard let inner = leaves(field.type, records: records, at: base + field.offset) else { return nil }
                result += inner
            }
            return record.kind == .union ? ["u\(record.size)@\(base):" + result.joined(separator: ",")] : result
        case .void, .opaque: return nil
        }
    }

    /// The size of an array element, when it is known.
    private static func elementSize(_ type: TypeRef, records: [String: Record]) -> Int? {
        switch type {
        case .integer(let bits, _): bits / 8
        case .bool: 1
        case .typedef(_, let underlying): elementSize(underlying, records: records)
        case .guestHandle, .pointer: 8
        case .record(let name): records[name]?.size
        default: nil
        }
    }

    /// A leaf moved by `offset`.
    private static func shifted(_ leaf: String, by offset: Int) -> String {
        guard let at = leaf.firstIndex(of: "@") else { return leaf }
        let rest = leaf[leaf.index(after: at)...]
        let digits = rest.prefix { $0.isNumber }
        return leaf[..<at] + "@" + String((Int(digits) ?? 0) + offset) + rest.dropFirst(digits.count)
    }
}
