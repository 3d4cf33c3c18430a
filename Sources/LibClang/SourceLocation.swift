/// A position in a source file, as libclang reports it (1-based line and column).
public struct SourceLocation: Sendable, Hashable {
    /// The file's path as clang saw it.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// Byte offset from the start of the file.
    public var offset: Int
}

/// A half-open range of byte offsets in one file, with the lines it spans.
public struct SourceSpan: Sendable, Hashable {
    /// The file's path as clang saw it.
    public var file: String
    /// Where the range starts.
    public var start: SourceLocation
    /// Where the range ends.
    public var end: SourceLocation

    /// Whether `location` lies inside the span (same file, start ≤ offset < end).
    /// - Parameter location: The location to test.
    /// - Returns: `true` when it is inside.
    public func contains(_ location: SourceLocation) -> Bool {
        location.file == file && location.offset >= start.offset && location.offset < end.offset
    }
}
