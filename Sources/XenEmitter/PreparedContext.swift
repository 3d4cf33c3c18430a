import Mustache

/// Template contexts reflected once into dictionaries and arrays before rendering.
///
/// swift-mustache looks a name up in a plain struct with `Mirror`: it reflects the value and scans all
/// its children on every lookup, and again at every level of the context stack it climbs. For the ~400
/// ops of the real headers that was a third of `generate`'s time (about 35 ms). Reflecting each value
/// once gives the same answers at dictionary speed: a `nil` optional becomes a missing key, so a
/// lookup climbs the stack exactly as it did, and values swift-mustache treats specially are kept.
enum PreparedContext {
    /// `value` with every struct or class turned into `[String: Any]` and every array of them into `[Any]`.
    /// - Parameter value: A template context.
    /// - Returns: A value that renders exactly as `value` does.
    static func make(_ value: Any) -> Any {
        // Concrete casts first: a cast to a protocol scans the conformance tables for each new type.
        if value is String || value is Bool { return value }
        if let array = value as? [Any] {
            let elements = array.map(make)
            // Arrays of plain values stay typed, so transforms such as `sorted` keep working on them.
            return elements.contains { $0 is [String: Any] || $0 is [Any] } ? elements : value
        }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .struct || mirror.displayStyle == .class else { return value }
        // Values with their own lookup or rendering rules are left to swift-mustache.
        switch value {
        case is MustacheParent, is MustacheCustomRenderable, is MustacheLambda, is MustacheCustomRepresentation:
            return value
        default:
            break
        }
        var fields: [String: Any] = [:]
        for child in mirror.children {
            // Mirror lookups take the first child with the name and unwrap one level of Optional.
            guard let label = child.label, fields[label] == nil else { continue }
            if let optional = child.value as? any OptionalValue {
                if let wrapped = optional.wrapped { fields[label] = make(wrapped) }
            } else {
                fields[label] = make(child.value)
            }
        }
        return fields
    }
}

/// An `Optional` of any type, seen through `Any` without a `Mirror`.
private protocol OptionalValue {
    /// The wrapped value, or `nil`.
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    /// The wrapped value as `Any`, or `nil`.
    fileprivate var wrapped: Any? { map { $0 } }
}
