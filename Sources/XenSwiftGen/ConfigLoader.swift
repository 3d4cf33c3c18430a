import Foundation
import XenIR

/// Reads a config file strictly: unknown keys and wrong types are errors that name the key's path.
public enum ConfigLoader {
    /// Loads and validates `path`.
    /// - Parameter path: A JSON config file.
    /// - Returns: The config, with relative paths resolved against the file's folder.
    /// - Throws: `GeneratorDiagnostic` naming the file (and line, for syntax errors).
    public static func load(_ path: String) throws -> Config {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw GeneratorDiagnostic(.error, at: nil, "\(path): cannot read config file: it is a folder, not a file")
        }
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            // A FIFO would block the read, a device never end it.
            throw GeneratorDiagnostic(
                .error, at: nil, "\(path): cannot read config file: it is not a regular file (a FIFO, a device or a socket)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw GeneratorDiagnostic(.error, at: nil, "\(path): cannot read config file: \(SystemErrorText.reason(error))")
        }
        let config = try decode(data: data, path: path)
        // A user's selection is checked here, against the built-in table (which is itself decoded
        // by `decode`, so the check cannot live there).
        _ = try config.resolvedFamilies(source: path)
        return config
    }

    /// Validates and decodes config bytes (the part of ``load(_:)`` that never touches the disk).
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - path: The file's path, for messages and for resolving relative paths.
    /// - Returns: The config, with relative paths resolved against the folder of `path`.
    /// - Throws: `GeneratorDiagnostic` naming the file and the key's path (or the line, for syntax errors).
    public static func decode(data: Data, path: String) throws -> Config {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw JSONErrorText.syntaxError(error, data: data, path: path)
        }
        try JSONErrorText.rejectTrailingComma(in: data, path: path)
        try JSONErrorText.rejectDuplicateKeys(in: data, path: path)
        guard let root = object as? [String: Any] else {
            throw GeneratorDiagnostic(.error, at: nil, "\(path): the config must be a JSON object")
        }
        for key in root.keys.sorted() where !Config.knownKeys.contains(key) {
            throw GeneratorDiagnostic(
                .error, at: nil,
                "\(path): unknown key '\(JSONErrorText.escaped(key))' (known: \(Config.knownKeys.sorted().joined(separator: ", ")))")
        }
        if let rows = root["familyTable"] as? [Any] {
            for (index, row) in rows.enumerated() {
                guard let fields = row as? [String: Any] else { continue }
                for key in fields.keys.sorted() where !Config.knownFamilyKeys.contains(key) {
                    throw GeneratorDiagnostic(.error, at: nil, "\(path): unknown key 'familyTable[\(index)].\(JSONErrorText.escaped(key))'")
                }
            }
        }
        var config: Config
        do {
            config = try JSONDecoder().decode(Config.self, from: data)
        } catch let error as DecodingError {
            throw GeneratorDiagnostic(.error, at: nil, "\(path): \(JSONErrorText.describe(error))")
        }
        for (index, row) in (config.familyTable ?? []).enumerated() where !SwiftIdentifier.isValid(row.swiftName) {
            // The name becomes a type and a file name: it must not carry a path.
            throw GeneratorDiagnostic(
                .error, at: nil,
                "\(path): 'familyTable[\(index)].swiftName' must be a Swift type name, not '\(JSONErrorText.escaped(row.swiftName))'")
        }
        for (index, define) in (config.defines ?? []).enumerated() {
            if let problem = MacroDefinition.problem(define) {
                throw GeneratorDiagnostic(.error, at: nil, "\(path): 'defines[\(index)]' \(problem)")
            }
        }
        let folder = (path as NSString).deletingLastPathComponent
        func resolve(_ value: String?) -> String? {
            guard let value, !value.hasPrefix("/") else { return value }
            guard !folder.isEmpty else { return value }
            // Lexically tidy (`Sources/App/../../headers` → `headers`) so messages name the file plainly.
            return URL(fileURLWithPath: folder + "/" + value).standardized.path
        }
        config.xenHeaders = resolve(config.xenHeaders)
        config.output = resolve(config.output)
        config.templates = resolve(config.templates)
        config.ledger = resolve(config.ledger)
        config.xenGit = resolve(config.xenGit)
        return config
    }
}

/// Turns JSON errors into one readable sentence with a key path or a line.
enum JSONErrorText {
    /// A decoding error as "'a.b[2].c': expected a string".
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + escaped(key.stringValue) }
            }
            return text.isEmpty ? "(top level)" : text
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "'\(path(context.codingPath))' has the wrong type (expected \(typeName(type)))"
        case .valueNotFound(let type, let context):
            return "'\(path(context.codingPath))' is null (expected \(typeName(type)))"
        case .keyNotFound(let key, let context):
            return "'\(path(context.codingPath + [key]))' is missing"
        case .dataCorrupted(let context):
            return "'\(path(context.codingPath))': \(escaped(context.debugDescription))"
        @unknown default:
            return "\(error)"
        }
    }

    /// A syntax error as a sentence, with the line and column when the parser names an offset.
    /// - Parameters:
    ///   - error: The error `JSONSerialization` threw.
    ///   - data: The bytes it read.
    /// - Returns: The position (1-based) if known, and the text.
    static func describe(_ error: Error, data: Data) -> (position: (line: Int, column: Int)?, text: String) {
        let detail = escaped(((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "")
        // swift-foundation ends with "… around character 36.", "… starting from character 2." or "… at 11."
        // (0-based byte offsets).
        let words = detail.split(separator: " ")
        let offsetWord = words.indices.dropLast().first { index in
            ["character", "at"].contains(words[index]) && Int(words[index + 1].filter(\.isNumber)) != nil
        }
        guard let index = offsetWord, let offset = Int(words[index + 1].filter(\.isNumber)) else {
            return (nil, detail.isEmpty ? "invalid JSON" : "invalid JSON (\(detail.hasSuffix(".") ? String(detail.dropLast()) : detail))")
        }
        var reason = words[..<index]
        while let last = reason.last, ["around", "from", "starting"].contains(last) { reason = reason.dropLast() }
        return (position(of: offset, in: data), "invalid JSON (\(reason.joined(separator: " ")))")
    }

    /// The 1-based line and column of a byte offset.
    static func position(of offset: Int, in data: Data) -> (line: Int, column: Int) {
        let prefix = data.prefix(max(0, min(offset, data.count)))
        let line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
        return (line, prefix.count - (prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1)
    }

    /// Throws at the first comma that ends an object or array (`[1, 2,]`), which Foundation's parser
    /// accepts although JSON does not.
    /// - Parameters:
    ///   - data: JSON text that otherwise parses.
    ///   - path: The file, for the message.
    /// - Throws: `GeneratorDiagnostic` at the comma's line and column.
    static func rejectTrailingComma(in data: Data, path: String) throws {
        var inString = false
        var escaped = false
        var pendingComma: Int?
        for (offset, byte) in data.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if let comma = pendingComma {
                    let (line, column) = position(of: comma, in: data)
                    throw GeneratorDiagnostic(
                        .error, at: SourcePosition(file: path, line: line, column: column),
                        "invalid JSON (a comma may not end an \(byte == UInt8(ascii: "}") ? "object" : "array"))")
                }
            case UInt8(ascii: ","):
                pendingComma = offset
                continue
            case UInt8(ascii: "\""):
                inString = true
            default:
                break
            }
            pendingComma = nil
        }
    }

    /// Throws at the second occurrence of a key in one object. `JSONSerialization` keeps one of the
    /// two silently, and the decoder and the unknown-key check could read different ones.
    /// - Parameters:
    ///   - data: JSON text that otherwise parses.
    ///   - path: The file, for the message.
    /// - Throws: `GeneratorDiagnostic` at the repeated key's line and column.
    static func rejectDuplicateKeys(in data: Data, path: String) throws {
        /// One open object (its keys so far, and whether the next string is a key) or array.
        struct Frame {
            var isObject: Bool
            var keys: [String: Int] = [:]
            var expectsKey = true
        }
        var stack: [Frame] = []
        var stringStart: Int?
        var inEscape = false
        let bytes = [UInt8](data)
        for (offset, byte) in bytes.enumerated() {
            if let start = stringStart {
                if inEscape {
                    inEscape = false
                } else if byte == UInt8(ascii: "\\") {
                    inEscape = true
                } else if byte == UInt8(ascii: "\"") {
                    stringStart = nil
                    guard var frame = stack.last, frame.isObject, frame.expectsKey else { continue }
                    let literal = Data(bytes[start...offset])
                    let key = (try? JSONSerialization.jsonObject(with: literal, options: .fragmentsAllowed) as? String) ?? ""
                    if let first = frame.keys[key] {
                        let (line, column) = position(of: start, in: data)
                        let earlier = position(of: first, in: data)
                        throw GeneratorDiagnostic(
                            .error, at: SourcePosition(file: path, line: line, column: column),
                            "duplicate key '\(escaped(key))' (first at line \(earlier.line), column \(earlier.column))")
                    }
                    frame.keys[key] = start
                    frame.expectsKey = false
                    stack[stack.count - 1] = frame
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): stringStart = offset
            case UInt8(ascii: "{"): stack.append(Frame(isObject: true))
            case UInt8(ascii: "["): stack.append(Frame(isObject: false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = stack.popLast()
            case UInt8(ascii: ","): if stack.last?.isObject == true { stack[stack.count - 1].expectsKey = true }
            default: break
            }
        }
    }

    /// The diagnostic for a JSON syntax error in `path`: at `path:line:col` when the parser says where.
    /// - Parameters:
    ///   - error: The error `JSONSerialization` threw.
    ///   - data: The bytes it read.
    ///   - path: The file, for the message.
    /// - Returns: One error.
    static func syntaxError(_ error: Error, data: Data, path: String) -> GeneratorDiagnostic {
        let (position, text) = describe(error, data: data)
        return GeneratorDiagnostic(
            .error, at: position.map { SourcePosition(file: path, line: $0.line, column: $0.column) },
            position == nil ? "\(path): \(text)" : text)
    }

    /// User text made safe for a one-line message: control characters become Swift-style escapes.
    /// - Parameter text: A key or value from the config.
    /// - Returns: The text with `\n`, `\t`, `\r` and other controls escaped.
    static func escaped(_ text: String) -> String {
        GeneratorDiagnostic.oneLine(text.replacingOccurrences(of: "\\", with: "\\\\"))
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is [String].Type: return "an array of strings"
        case is [Any].Type: return "an array"
        case is [String: Any].Type: return "an object"
        case is Int.Type, is UInt64.Type, is Int64.Type: return "an integer"
        case is Bool.Type: return "a boolean"
        default: return "\(type)"
        }
    }
}
