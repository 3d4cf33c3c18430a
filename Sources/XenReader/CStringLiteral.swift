import LibClang

/// The text of a macro whose replacement list is C string literals (`"NONE"`, or `"a" "b"`, which C
/// joins): what a `char[N]`-typed value macro names.
enum CStringLiteral {
    /// Decodes the replacement list.
    /// - Parameter tokens: The raw tokens of the replacement list.
    /// - Returns: The joined text, or `nil` when a token is no plain string literal (a prefix such as
    ///   `L"…"`, another macro's name), holds an escape other than `\\`, `\"` and `\'`, or a tab (the
    ///   emitted literal is on one line, so the text must be too).
    static func text(of tokens: [Token]) -> String? {
        guard !tokens.isEmpty else { return nil }
        var text = ""
        for token in tokens {
            let spelling = token.spelling
            guard token.kind == .literal, spelling.count >= 2, spelling.hasPrefix("\""), spelling.hasSuffix("\"") else { return nil }
            var escaped = false
            for character in spelling.dropFirst().dropLast() {
                if escaped {
                    switch character {
                    case "\\", "\"", "'": text.append(character)
                    default: return nil
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\t" {
                    return nil
                } else {
                    text.append(character)
                }
            }
            if escaped { return nil }
        }
        return text
    }
}
