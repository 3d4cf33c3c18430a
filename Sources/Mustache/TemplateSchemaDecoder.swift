/// Reads a context type's shape by letting its synthesized `init(from:)` ask for every field.
///
/// Nothing is decoded from data: each field request is recorded (name, order, type) and answered
/// with a placeholder; an array is asked for one element so its element type is seen even when the
/// context would be empty; an optional is seen because `decodeIfPresent` asks `decodeNil` first.
final class TemplateSchemaDecoder: Decoder {
    /// The shape recorded so far.
    private(set) var shape: TemplateSchema?
    /// The fields of a keyed container, in the order they were asked for.
    fileprivate var fields: [TemplateSchema.Field] = []
    /// How deep in nested types this decoder is (a recursive type would never end).
    fileprivate let depth: Int

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// A decoder for one type.
    /// - Parameter depth: How deep in nested types.
    private init(depth: Int) {
        self.depth = depth
    }

    /// The shape of `type`, with a placeholder value.
    /// - Parameters:
    ///   - type: The type.
    ///   - depth: How deep in nested types.
    /// - Returns: The shape and a value of the type.
    /// - Throws: `DecodingError` for a shape templates cannot use.
    static func read<T: Decodable>(_ type: T.Type, depth: Int) throws -> (TemplateSchema, T) {
        if let primitive = Primitive.placeholder(for: type) { return primitive }
        guard depth < 32 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "'\(T.self)' contains itself"))
        }
        let decoder = TemplateSchemaDecoder(depth: depth + 1)
        let value = try T(from: decoder)
        // `Module.Outer.Inner` → `Outer.Inner`: how the documentation names the context types. `_typeName`
        // reads the metadata directly; `String(reflecting:)` first casts the metatype to every printing
        // protocol, and each failed cast scans all conformance records.
        let name = _typeName(T.self, qualified: true).split(separator: ".").dropFirst().joined(separator: ".")
        return (decoder.shape ?? .record(name, decoder.fields), value)
    }

    /// The shape of `type`.
    /// - Parameters:
    ///   - type: The type.
    ///   - depth: How deep in nested types.
    /// - Returns: The shape.
    /// - Throws: `DecodingError` for a shape templates cannot use.
    static func schema<T: Decodable>(of type: T.Type, depth: Int) throws -> TemplateSchema {
        try read(type, depth: depth).0
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedSchemaContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedSchemaContainer(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueSchemaContainer(decoder: self)
    }

    /// Records the shape of a field, an element or a single value.
    /// - Parameters:
    ///   - type: Its type.
    ///   - optional: Whether it was asked for through `decodeIfPresent`.
    /// - Returns: The shape and a placeholder.
    /// - Throws: `DecodingError` for a shape templates cannot use.
    fileprivate func read<T: Decodable>(_ type: T.Type, optional: Bool) throws -> (TemplateSchema, T) {
        let (schema, value) = try Self.read(type, depth: depth)
        return (optional ? .optional(schema) : schema, value)
    }

    /// Records a list's element shape.
    /// - Parameter element: The element's shape.
    fileprivate func recordList(of element: TemplateSchema) { shape = .list(element) }

    /// Records the shape of a single-value type (a raw-value enum, a wrapper).
    /// - Parameter value: The wrapped value's shape.
    fileprivate func recordSingle(_ value: TemplateSchema) { shape = value }

    /// The error for a floating-point value: it has no one printed form, so templates do not take it.
    /// - Parameter type: The type.
    /// - Returns: Never.
    /// - Throws: Always.
    static func floatingPoint<T>(_ type: T.Type) throws -> T {
        throw DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "templates print no floating-point values"))
    }

    /// The placeholders of the types a template prints.
    private enum Primitive {
        /// A shape and value for a printable type, else `nil`.
        /// - Parameter type: The type.
        /// - Returns: Its shape and a placeholder.
        static func placeholder<T>(for type: T.Type) -> (TemplateSchema, T)? {
            // Metatype comparisons, not casts to protocols: a failed conformance lookup scans every conformance record.
            if T.self == String.self { return ("" as? T).map { (.text, $0) } }
            if T.self == Bool.self { return (false as? T).map { (.bool, $0) } }
            guard let zero = integerZeros.first(where: { $0.type == T.self })?.zero as? T else { return nil }
            return (.int, zero)
        }

        /// Every integer type with its zero.
        private static var integerZeros: [(type: Any.Type, zero: Any)] {
            [
                (Int.self, 0 as Int), (Int8.self, 0 as Int8), (Int16.self, 0 as Int16), (Int32.self, 0 as Int32), (Int64.self, 0 as Int64),
                (UInt.self, 0 as UInt), (UInt8.self, 0 as UInt8), (UInt16.self, 0 as UInt16), (UInt32.self, 0 as UInt32),
                (UInt64.self, 0 as UInt64),
            ]
        }
    }
}

/// The fields of a struct, as its `init(from:)` asks for them.
private struct KeyedSchemaContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: TemplateSchemaDecoder
    /// The key `decodeIfPresent` just asked `decodeNil` about: the next `decode` is an optional.
    private final class Pending { var key: String? }
    private let pending = Pending()

    init(decoder: TemplateSchemaDecoder) { self.decoder = decoder }

    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }
    func contains(_ key: Key) -> Bool { true }

    func decodeNil(forKey key: Key) throws -> Bool {
        pending.key = key.stringValue
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let optional = pending.key == key.stringValue
        pending.key = nil
        let (schema, value) = try decoder.read(type, optional: optional)
        decoder.fields.append(.init(name: key.stringValue, schema: schema))
        return value
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try TemplateSchemaDecoder.floatingPoint(Double.self) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try TemplateSchemaDecoder.floatingPoint(Float.self) }

    /// The generic path for the primitive overloads.
    private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T { try decode(type, forKey: key) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.typeMismatch(
            type, .init(codingPath: [key], debugDescription: "custom Codable layouts are not template contexts"))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch(
            [Any].self, .init(codingPath: [key], debugDescription: "custom Codable layouts are not template contexts"))
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
}

/// An array's elements: one is asked for, so the element type is seen even for an empty array.
private struct UnkeyedSchemaContainer: UnkeyedDecodingContainer {
    let decoder: TemplateSchemaDecoder
    private var optional = false
    var currentIndex = 0

    init(decoder: TemplateSchemaDecoder) { self.decoder = decoder }

    var codingPath: [any CodingKey] { [] }
    var count: Int? { nil }
    var isAtEnd: Bool { currentIndex > 0 }

    mutating func decodeNil() throws -> Bool {
        optional = true
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (schema, value) = try decoder.read(type, optional: optional)
        decoder.recordList(of: schema)
        currentIndex += 1
        return value
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try generic(type) }
    mutating func decode(_ type: String.Type) throws -> String { try generic(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try generic(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try generic(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try generic(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try generic(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try generic(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try generic(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try generic(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try generic(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try generic(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try generic(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try TemplateSchemaDecoder.floatingPoint(Double.self) }
    mutating func decode(_ type: Float.Type) throws -> Float { try TemplateSchemaDecoder.floatingPoint(Float.self) }

    /// The generic path for the primitive overloads.
    private mutating func generic<T: Decodable>(_ type: T.Type) throws -> T { try decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "nested lists are not template contexts"))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "nested lists are not template contexts"))
    }

    mutating func superDecoder() throws -> any Decoder { decoder }
}

/// A single wrapped value (a raw-value enum, a wrapper struct).
private struct SingleValueSchemaContainer: SingleValueDecodingContainer {
    let decoder: TemplateSchemaDecoder
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (schema, value) = try decoder.read(type, optional: false)
        decoder.recordSingle(schema)
        return value
    }

    func decode(_ type: Bool.Type) throws -> Bool { try generic(type) }
    func decode(_ type: String.Type) throws -> String { try generic(type) }
    func decode(_ type: Int.Type) throws -> Int { try generic(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try generic(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try generic(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try generic(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try generic(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try generic(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try generic(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try generic(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try generic(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try generic(type) }
    func decode(_ type: Double.Type) throws -> Double { try TemplateSchemaDecoder.floatingPoint(Double.self) }
    func decode(_ type: Float.Type) throws -> Float { try TemplateSchemaDecoder.floatingPoint(Float.self) }

    /// The generic path for the primitive overloads.
    private func generic<T: Decodable>(_ type: T.Type) throws -> T { try decode(type) }

}
