/// Encodes a context into a ``TemplateValue`` through its synthesized `encode(to:)`: one pass per
/// render, after which every lookup is an index (no name is looked up while rendering).
final class TemplateValueEncoder: Encoder {
    /// What the value is so far: nothing yet, a struct's fields or an array's elements.
    private enum Kind { case single, record, list }
    private var kind = Kind.single
    /// A single value, before any container was asked for.
    private var single: TemplateValue = .null
    /// The fields or elements so far, appended in place (not through a copy held in an enum).
    private var elements: [TemplateValue] = []

    /// What was encoded.
    fileprivate var value: TemplateValue {
        switch kind {
        case .single: single
        case .record: .record(elements)
        case .list: .list(elements)
        }
    }

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// `value` as a template sees it.
    /// - Parameter value: A context value.
    /// - Returns: Its encoded form.
    /// - Throws: `EncodingError` for a value templates cannot show (a floating-point number).
    static func encode<T: Encodable>(_ value: T) throws -> TemplateValue {
        // Metatype comparisons, not casts to protocols: a failed conformance lookup costs more than the whole encode.
        if T.self == String.self, let text = value as? String { return .text(text) }
        if T.self == Int.self, let number = value as? Int { return .int(number) }
        if T.self == Bool.self, let flag = value as? Bool { return .bool(flag) }
        // Anything else encodes itself; other integers and floating-point numbers arrive at the typed overloads.
        let encoder = TemplateValueEncoder()
        try value.encode(to: encoder)
        return encoder.value
    }

    /// A printable primitive's value.
    /// - Parameter value: An integer.
    /// - Returns: Its template value.
    static func primitive<I: BinaryInteger>(_ value: I) -> TemplateValue { .int(Int(value)) }

    /// The error for a floating-point value: it has no one printed form, so templates do not take it.
    /// - Parameter value: The value.
    /// - Returns: Never.
    /// - Throws: Always.
    static func floatingPoint(_ value: Any) throws -> TemplateValue {
        throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "templates print no floating-point values"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        kind = .record
        elements = []
        return KeyedEncodingContainer(KeyedValueContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        kind = .list
        elements = []
        return UnkeyedValueContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }

    /// Appends a field or an element.
    /// - Parameter element: Its encoded form.
    fileprivate func append(_ element: TemplateValue) {
        if kind == .single { single = element } else { elements.append(element) }
    }
}

/// A struct's fields, in the order `encode(to:)` writes them (declaration order); a `nil` optional
/// keeps its slot as ``TemplateValue/null`` so indices stay those of the schema.
private struct KeyedValueContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: TemplateValueEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { encoder.append(.null) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { encoder.append(try TemplateValueEncoder.encode(value)) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try put(value) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { encoder.append(.bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { encoder.append(.text(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try put(value) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try put(value) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try put(value) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try put(value) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try put(value) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try put(value) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try put(value) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try put(value) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try put(value) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try put(value) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try put(value) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try put(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { encoder.append(try TemplateValueEncoder.floatingPoint(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { encoder.append(try TemplateValueEncoder.floatingPoint(value)) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try put(value) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try put(value) }

    /// An optional: its value, or ``TemplateValue/null`` in its slot.
    /// - Parameter value: The optional.
    /// - Throws: `EncodingError` for a value templates cannot show.
    private func put<T: Encodable>(_ value: T?) throws {
        guard let value else { return encoder.append(.null) }
        encoder.append(try TemplateValueEncoder.encode(value))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<
        NestedKey
    > {
        preconditionFailure("template contexts use synthesized Codable conformances")
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        preconditionFailure("template contexts use synthesized Codable conformances")
    }

    mutating func superEncoder() -> any Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }
}

/// An array's elements.
private struct UnkeyedValueContainer: UnkeyedEncodingContainer {
    let encoder: TemplateValueEncoder
    var codingPath: [any CodingKey] { [] }
    var count = 0

    mutating func encodeNil() throws { encoder.append(.null); count += 1 }
    mutating func encode<T: Encodable>(_ value: T) throws { encoder.append(try TemplateValueEncoder.encode(value)); count += 1 }
    mutating func encode(_ value: Bool) throws { encoder.append(.bool(value)); count += 1 }
    mutating func encode(_ value: String) throws { encoder.append(.text(value)); count += 1 }
    mutating func encode(_ value: Int) throws { encoder.append(TemplateValueEncoder.primitive(value)); count += 1 }
    mutating func encode(_ value: Int8) throws { encoder.append(TemplateValueEncoder.primitive(value)); count += 1 }
    mutating func encode(_ value: Int16) throws { encoder.append(TemplateValueEncoder.primitive(value)); count += 1 }
    mutating func encode(_ value: Int32) throws { encoder.append(TemplateValueEncoder.primitive(value)); count += 1 }
    mutating func encode(_ value: Int64) throws { encoder.append(TemplateValueEncoder.primitive(value)); count += 1 }
    mutating func encode(_ value: UInt) throws { encoder.append(TemplateValueEncoder.primitive(value)); count += 1 }
    mutating func encode(_ value: UInt8) throws { encoder.append(TemplateValueEncoder.primitive(value)); count += 1 }
    mutating func encode(_ value: UInt16) throws { encoder.append(TemplateValueEncoder.primitive(value)); count += 1 }
    mutating func encode(_ value: UInt32) throws { encoder.append(TemplateValueEncoder.primitive(value)); count += 1 }
    mutating func encode(_ value: UInt64) throws { encoder.append(TemplateValueEncoder.primitive(value)); count += 1 }
    mutating func encode(_ value: Double) throws { encoder.append(try TemplateValueEncoder.floatingPoint(value)) }
    mutating func encode(_ value: Float) throws { encoder.append(try TemplateValueEncoder.floatingPoint(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("template contexts use synthesized Codable conformances")
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("template contexts use synthesized Codable conformances")
    }

    mutating func superEncoder() -> any Encoder { encoder }
}

/// A single wrapped value (a raw-value enum, a wrapper struct).
private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: TemplateValueEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoder.append(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { encoder.append(try TemplateValueEncoder.encode(value)) }
    mutating func encode(_ value: Bool) throws { encoder.append(.bool(value)) }
    mutating func encode(_ value: String) throws { encoder.append(.text(value)) }
    mutating func encode(_ value: Int) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: Int8) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: Int16) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: Int32) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: Int64) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: UInt) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.append(TemplateValueEncoder.primitive(value)) }
    mutating func encode(_ value: Double) throws { encoder.append(try TemplateValueEncoder.floatingPoint(value)) }
    mutating func encode(_ value: Float) throws { encoder.append(try TemplateValueEncoder.floatingPoint(value)) }
}
