import XenIR

/// Turns the evaluated object-like macros of the scanned headers into ``XenConstant``s, each with the
/// constant table row that takes it, and lists the macros that name no value with the reason.
struct ConstantReader {
    /// What the reader made of the headers' macros.
    struct Output {
        /// The value macros, in header order.
        var constants: [XenConstant] = []
        /// The table rows that took at least one constant, in table order.
        var groups: [ConstantGroup] = []
        /// The macros that name no value.
        var nonValues: [LeftOutMacro] = []
    }

    /// The constant table.
    var groups: [ConstantGroup]
    /// The headers' comments, for doc text.
    var comments: RecordComments

    /// Reads the constant candidates.
    /// - Parameters:
    ///   - scanned: The scanned headers by relative path, with their evaluated values.
    ///   - subjects: The indices of the candidate defines per header, in scan order.
    /// - Returns: The constants, the rows that apply, and the macros that are no values.
    func read(_ scanned: [String: ScannedHeader], subjects: [(file: String, indices: [Int])]) -> Output {
        var output = Output()
        var seen = Set<String>()
        var used = Set<String>()
        for subject in subjects {
            guard let header = scanned[subject.file] else { continue }
            // The line of each name's first definition in this header, for the bit-number lookup below
            // (a scan of the header per constant made this loop quadratic).
            var firstLine: [String: Int] = [:]
            for define in header.defines where firstLine[define.name] == nil { firstLine[define.name] = define.location.line }
            for index in subject.indices {
                let define = header.defines[index]
                // A header included twice, or a name defined again in another active branch: the first one counts.
                guard seen.insert(define.name).inserted else { continue }
                let position = SourcePosition(file: subject.file, line: define.location.line, column: define.location.column)
                let value: XenConstant.Value
                switch define.evaluated {
                case .string(let text)?: value = .string(text)
                case .number(let number)?: value = .unsigned(number)
                case .negative(let number)?: value = .negative(number)
                case .invalid(let reason)?:
                    output.nonValues.append(
                        LeftOutMacro(
                            name: define.name, family: "constants", position: position, reason: "names no integer value (clang: \(reason))"
                        ))
                    continue
                case nil:
                    let reason = define.isFunctionLike ? "a function-like macro" : "clang gave it no value"
                    output.nonValues.append(LeftOutMacro(name: define.name, family: "constants", position: position, reason: reason))
                    continue
                }
                let group = groups.first {
                    $0.header == subject.file && ($0.memberName(of: define.name) != nil || $0.isPartMacro(define.name))
                }
                if let group { used.insert(group.name) }
                let trailing = define.trailingComment.map {
                    MarkerParser.lines(of: $0.spelling).filter { !$0.isEmpty }.joined(separator: " ")
                }
                // A flag often follows its bit number (`#define _XEN_DOMINF_dying 0`), which carries the comment.
                let bitLine = firstLine["_" + define.name]
                let above =
                    comments.doc(file: subject.file, line: define.location.line)
                    ?? bitLine.flatMap { comments.doc(file: subject.file, line: $0) }
                let doc = [above, trailing]
                    .compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: "\n")
                output.constants.append(
                    XenConstant(
                        name: define.name, value: value, cType: define.evaluatedType, group: group?.name, doc: doc.isEmpty ? nil : doc,
                        file: subject.file, line: define.location.line
                    ))
            }
        }
        output.groups = groups.filter { used.contains($0.name) }
        return output
    }
}
