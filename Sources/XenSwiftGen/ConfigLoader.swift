import Foundation
import XenIR

/// Reads a config file strictly: unknown keys and wrong types are errors that name the key's path.
public enum ConfigLoader {
    /// Loads and validates `path`.
    /// - Parameter path: A JSON config file.
    /// - Returns: The config, with relative paths resolved against the file's folder.
    /// - Throws: ``GeneratorDiagnostic`` naming the file (and line, for syntax errors).
    public static func load(_ path: String) throws -> Config {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GeneratorDiagnostic(.error, at: nil, "\(path): cannot read config file")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw GeneratorDiagnostic(.error, at: nil, "\(path): \(JSONErrorText.describe(error, data: data))")
        }
        guard let root = object as? [String: Any] else {
            throw GeneratorDiagnostic(.error, at: nil, "\(path): the config must be a JSON object")
        }
        for key in root.keys.sorted() where !Config.knownKeys.contains(key) {
            throw GeneratorDiagnostic(.error, at: nil, "\(path): unknown key '\(key)' (known: \(Config.knownKeys.sorted().joined(separator: ", ")))")
        }
        if let rows = root["familyTable"] as? [Any] {
            for (index, row) in rows.enumerated() {
                guard let fields = row as? [String: Any] else { continue }
                for key in fields.keys.sorted() where !Config.knownFamilyKeys.contains(key) {
                    throw GeneratorDiagnostic(.error, at: nil, "\(path): unknown key 'familyTable[\(index)].\(key)'")
                }
            }
        }
        var config: Config
        do {
            config = try JSONDecoder().decode(Config.self, from: data)
        } catch let error as DecodingError {
            throw GeneratorDiagnostic(.error, at: nil, "\(path): \(JSONErrorText.describe(error))")
        }
        if let accessLevel = config.accessLevel, !["public", "internal", "package"].contains(accessLevel) {
            throw GeneratorDiagnostic(.error, at: nil, "\(path): 'accessLevel' must be public, internal or package, not '\(accessLevel)'")
        }
        let folder = (path as NSString).deletingLastPathComponent
        func resolve(_ value: String?) -> String? {
            guard let value, !value.hasPrefix("/") else { return value }
            return folder.isEmpty ? value : folder + "/" + value
        }
        config.xenHeaders = resolve(config.xenHeaders)
        config.output = resolve(config.output)
        config.templates = resolve(config.templates)
        config.ledger = resolve(config.ledger)
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
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
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
            return "'\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// A syntax error, with the line it is on when the parser says where.
    static func describe(_ error: Error, data: Data) -> String {
        let nsError = error as NSError
        if let index = nsError.userInfo["NSJSONSerializationErrorIndex"] as? Int {
            let prefix = data.prefix(index)
            let line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
            return "line \(line): invalid JSON"
        }
        return "invalid JSON (\(nsError.localizedDescription))"
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is [String].Type: return "an array of strings"
        case is Int.Type, is UInt64.Type, is Int64.Type: return "an integer"
        case is Bool.Type: return "a boolean"
        default: return "\(type)"
        }
    }
}
