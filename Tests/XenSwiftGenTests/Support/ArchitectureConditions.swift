/// The generated files' compile-time conditions, evaluated as the compiler would on one architecture:
/// `#if arch(x86_64)`, `#if arch(x86_64) || arch(arm64)`, `#elseif …`, `#else`, the `#if !(…)` guard,
/// nested in each other and in conditions that name no architecture (those count as true).
enum ArchitectureConditions {
    /// Whether a condition holds on `architecture`.
    static func holds(_ condition: String, on architecture: String) -> Bool {
        var text = condition.trimmingCharacters(in: .whitespaces)
        guard text.contains("arch(") else { return true }
        var negated = false
        if text.hasPrefix("!(") && text.hasSuffix(")") {
            negated = true
            text = String(text.dropFirst(2).dropLast())
        }
        let matches = text.components(separatedBy: " || ").contains { $0.trimmingCharacters(in: .whitespaces) == "arch(\(architecture))" }
        return matches != negated
    }

    /// The lines of `text` the compiler sees on `architecture`, without the directives.
    static func activeLines(_ text: String, on architecture: String) -> [String] {
        struct Frame {
            var parentActive: Bool
            var taken: Bool
            var active: Bool
        }
        var stack: [Frame] = []
        var active: Bool { stack.last?.active ?? true }
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("#if ") {
                let holds = holds(String(line.dropFirst(4)), on: architecture)
                stack.append(Frame(parentActive: active, taken: holds, active: active && holds))
            } else if line.hasPrefix("#elseif "), var frame = stack.popLast() {
                let holds = holds(String(line.dropFirst(8)), on: architecture)
                frame.active = frame.parentActive && !frame.taken && holds
                frame.taken = frame.taken || holds
                stack.append(frame)
            } else if line == "#else", var frame = stack.popLast() {
                frame.active = frame.parentActive && !frame.taken
                frame.taken = true
                stack.append(frame)
            } else if line == "#endif" {
                _ = stack.popLast()
            } else if active {
                lines.append(line)
            }
        }
        return lines
    }

    /// `text` with each condition that names an architecture replaced by `true` or `false` as it
    /// holds on `architecture`, so a compiler on this machine picks what it would pick there.
    static func resolving(_ text: String, as architecture: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            for keyword in ["#if ", "#elseif "] where line.hasPrefix(keyword) && line.contains("arch(") {
                return keyword + (holds(String(line.dropFirst(keyword.count)), on: architecture) ? "true" : "false")
            }
            return String(line)
        }.joined(separator: "\n")
    }
}
