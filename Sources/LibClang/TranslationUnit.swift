import Foundation
import CLibClang

/// A parsed translation unit. Owns its libclang index and unit; not safe for concurrent use.
public final class TranslationUnit: @unchecked Sendable {
    let clang: LibClang
    private let index: CXIndex
    let unit: CXTranslationUnit
    /// File names by libclang's file handle, so each name is converted once.
    private var fileNames: [UnsafeMutableRawPointer: String] = [:]
    /// The most recently named file handle.
    private var lastFileName: (file: UnsafeMutableRawPointer, name: String)?

    /// Parses `contents` as the main file `path` with `arguments` (as given to the clang driver).
    /// - Parameters:
    ///   - clang: The loaded library.
    ///   - path: The main file's name; it need not exist on disk.
    ///   - contents: The main file's text.
    ///   - arguments: Command-line arguments such as `-D__XEN_TOOLS__`.
    ///   - virtualFiles: Further in-memory files by path (for example stand-ins for headers that
    ///     are not part of the tree); they need not exist on disk.
    /// - Throws: ``TranslationUnitError`` when libclang cannot produce a unit at all.
    public init(clang: LibClang, path: String, contents: String, arguments: [String], virtualFiles: [String: String] = [:]) throws {
        self.clang = clang
        guard let index = clang.api.createIndex(0, 0) else { throw TranslationUnitError.noIndex }
        self.index = index
        var unit: CXTranslationUnit?
        // DetailedPreprocessingRecord (0x01) keeps macro definitions as cursors.
        let options: UInt32 = 0x01
        let files = [(path, contents)] + virtualFiles.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let names = files.map { strdup($0.0) }
        let texts = files.map { strdup($0.1) }
        defer {
            names.forEach { free($0) }
            texts.forEach { free($0) }
        }
        var unsaved = files.indices.map { position in
            CXUnsavedFile(Filename: names[position], Contents: texts[position], Length: UInt(files[position].1.utf8.count))
        }
        let code = withCStrings(arguments) { argv in
            clang.api.parseTranslationUnit2(index, names[0], argv, Int32(arguments.count), &unsaved, UInt32(unsaved.count), options, &unit)
        }
        guard code == 0, let unit else {
            clang.api.disposeIndex(index)
            throw TranslationUnitError.parseFailed(code: Int(code))
        }
        self.unit = unit
    }

    deinit {
        clang.api.disposeTranslationUnit(unit)
        clang.api.disposeIndex(index)
    }

    /// Every diagnostic clang produced, in order.
    public var diagnostics: [ClangDiagnostic] {
        (0..<clang.api.getNumDiagnostics(unit)).compactMap { position in
            guard let diagnostic = clang.api.getDiagnostic(unit, position) else { return nil }
            defer { clang.api.disposeDiagnostic(diagnostic) }
            return ClangDiagnostic(
                severity: ClangDiagnostic.Severity(rawValue: Int(clang.api.getDiagnosticSeverity(diagnostic))) ?? .error,
                location: location(clang.api.getDiagnosticLocation(diagnostic)),
                message: clang.string(clang.api.getDiagnosticSpelling(diagnostic))
            )
        }
    }

    /// The unit's root cursor.
    public var cursor: Cursor { Cursor(raw: clang.api.getTranslationUnitCursor(unit), unit: self) }

    /// Every file the unit read, main file included, as clang named them.
    public var includedFiles: [String] {
        final class Collector { var files: [UnsafeMutableRawPointer] = [] }
        let collector = Collector()
        clang.api.getInclusions(
            unit,
            { file, _, _, data in
                guard let file, let data else { return }
                Unmanaged<Collector>.fromOpaque(data).takeUnretainedValue().files.append(file)
            }, Unmanaged.passUnretained(collector).toOpaque())
        return collector.files.map(fileName)
    }

    /// Raw tokens of a whole file, comments included, inactive preprocessor branches included.
    /// - Parameter path: The file, as clang named it.
    /// - Returns: The tokens, or `nil` when the unit did not read that file.
    public func tokens(inFile path: String) -> [Token]? {
        guard let file = clang.api.getFile(unit, path) else { return nil }
        var size = 0
        guard clang.api.getFileContents(unit, file, &size) != nil else { return nil }
        let range = clang.api.getRange(
            clang.api.getLocationForOffset(unit, file, 0),
            clang.api.getLocationForOffset(unit, file, UInt32(size))
        )
        var raw: UnsafeMutablePointer<CXToken>?
        var count: UInt32 = 0
        clang.api.tokenize(unit, range, &raw, &count)
        guard let raw else { return [] }
        defer { clang.api.disposeTokens(unit, raw, count) }
        let contents = fileBytes(file, size: size)
        var tokens: [Token] = []
        tokens.reserveCapacity(Int(count))
        var previousEnd = 0
        for position in 0..<Int(count) {
            let token = raw[position]
            let extent = clang.api.getTokenExtent(unit, token)
            guard let start = location(clang.api.getRangeStart(extent)),
                let end = location(clang.api.getRangeEnd(extent)),
                start.offset <= end.offset, end.offset <= contents.count
            else { continue }
            let kind = Token.Kind(rawValue: Int(clang.api.getTokenKind(token))) ?? .punctuation
            let bytes = UnsafeBufferPointer(rebasing: contents[start.offset..<end.offset])
            let utf8 = String(validating: bytes, as: UTF8.self)
            let spelling = utf8 ?? String(bytes.map { Character(Unicode.Scalar($0)) })
            let continuesLine =
                previousEnd <= start.offset
                && Self.hasLineContinuation(UnsafeBufferPointer(rebasing: contents[previousEnd..<start.offset]))
            previousEnd = end.offset
            tokens.append(
                Token(
                    kind: kind, spelling: spelling, start: start, endLine: end.line, isValidUTF8: utf8 != nil,
                    continuesLine: continuesLine))
        }
        return tokens
    }

    /// Whether the bytes between two tokens hold a backslash-newline (a line continuation).
    private static func hasLineContinuation(_ gap: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = gap.startIndex
        while let backslash = gap[index...].firstIndex(of: UInt8(ascii: "\\")) {
            var next = backslash + 1
            if next < gap.endIndex, gap[next] == UInt8(ascii: "\r") { next += 1 }
            if next < gap.endIndex, gap[next] == UInt8(ascii: "\n") { return true }
            index = backslash + 1
        }
        return false
    }

    /// The spans of `path` that the preprocessor skipped (inactive `#if` branches).
    /// - Parameter path: The file, as clang named it.
    /// - Returns: The skipped spans, in file order.
    public func skippedSpans(inFile path: String) -> [SourceSpan] {
        guard let file = clang.api.getFile(unit, path), let list = clang.api.getSkippedRanges(unit, file) else { return [] }
        defer { clang.api.disposeSourceRangeList(list) }
        return (0..<Int(list.pointee.count)).compactMap { position in
            let range = list.pointee.ranges[position]
            guard let start = location(clang.api.getRangeStart(range)), let end = location(clang.api.getRangeEnd(range))
            else { return nil }
            return SourceSpan(file: start.file, start: start, end: end)
        }
    }

    /// The bytes of a file the unit read.
    private func fileBytes(_ file: CXFile, size: Int) -> UnsafeBufferPointer<UInt8> {
        var length = 0
        guard let pointer = clang.api.getFileContents(unit, file, &length) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// Converts a libclang location to its file location, or `nil` for a location in no file.
    ///
    /// The file location (a macro's expansion, or a macro argument's spelling) is what
    /// `clang_getSpellingLocation` returned up to LLVM 18; from LLVM 19 on, that function returns the
    /// place inside the macro definition or in clang's scratch buffer, so the reader would see other
    /// lines, or no file, for the same declaration with another libclang.
    func location(_ raw: CXSourceLocation) -> SourceLocation? {
        var file: CXFile?
        var line: UInt32 = 0
        var column: UInt32 = 0
        var offset: UInt32 = 0
        clang.api.getFileLocation(raw, &file, &line, &column, &offset)
        guard let file else { return nil }
        return SourceLocation(file: fileName(file), line: Int(line), column: Int(column), offset: Int(offset))
    }

    /// The name of a file handle, cached.
    private func fileName(_ file: UnsafeMutableRawPointer) -> String {
        // Locations come in runs from one file (every token of a header): skip the hash look-up then.
        if let last = lastFileName, last.file == file { return last.name }
        let name: String
        if let cached = fileNames[file] {
            name = cached
        } else {
            name = clang.string(clang.api.getFileName(file))
            fileNames[file] = name
        }
        lastFileName = (file, name)
        return name
    }
}

/// Why a translation unit could not be created.
public enum TranslationUnitError: Error, CustomStringConvertible {
    case noIndex
    case parseFailed(code: Int)

    public var description: String {
        switch self {
        case .noIndex: return "libclang could not create an index"
        case .parseFailed(let code): return "libclang could not parse the translation unit (CXErrorCode \(code))"
        }
    }
}

/// Calls `body` with a NUL-terminated C array of C strings that lives for the duration of the call.
private func withCStrings<Result>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result) -> Result {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}
