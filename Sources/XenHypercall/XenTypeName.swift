/// A type's name for messages, such as the element of a buffer that is too small.
///
/// Embedded Swift keeps no type names, so there the name is the type's size: `a 112-byte element`.
/// - Parameter type: The type.
/// - Returns: Its name.
func xenTypeName<T>(_ type: T.Type) -> String {
    #if hasFeature(Embedded)
    "a \(MemoryLayout<T>.size)-byte element"
    #else
    String(describing: type)
    #endif
}
