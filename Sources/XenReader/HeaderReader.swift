import Foundation
import LibClang
import XenIR

/// Reads a Xen header tree with libclang into the IR.
///
/// One parse per configuration: a virtual main file includes `<stdint.h>` (the headers are not
/// self-contained) and every family header; libclang's raw tokens of each header then give the
/// `#define`s and comments, including those in inactive `#if` branches.
public struct HeaderReader {
    /// What to read and how.
    public struct Options: Sendable {
        /// The families to read.
        public var families: [FamilySpec]
        /// The whole family table. Ops go to the family with the longest matching prefix among all of
        /// its rows, selected or not, so that a nested sub-op list (`XENMEM_access_op_*`) never lands
        /// in its parent family when only the parent is selected.
        public var table: [FamilySpec]
        /// Macros defined for the parse, such as `__XEN_TOOLS__`.
        public var defines: [String]
        /// The clang target triple.
        public var target: String
        /// In-memory stand-ins for headers outside the public tree, by include path
        /// (`xen/lib.h`, which the headers include under `__XEN__`).
        public var standIns: [String: String]
        /// The constant table: which value macros form one Swift type.
        public var constantGroups: [ConstantGroup]

        /// - Parameters:
        ///   - families: The families to read.
        ///   - table: The whole family table; `nil` means `families`.
        ///   - defines: Macros to define.
        ///   - target: The clang target triple.
        ///   - standIns: Stand-in headers by include path.
        ///   - constantGroups: The constant table.
        public init(
            families: [FamilySpec], table: [FamilySpec]? = nil, defines: [String] = ["__XEN_TOOLS__"], target: String,
            standIns: [String: String] = [:], constantGroups: [ConstantGroup] = []
        ) {
            self.constantGroups = constantGroups
            self.families = families
            self.table = table ?? families
            self.defines = defines
            self.target = target
            self.standIns = standIns
        }
    }

    /// What a read produced.
    public struct Result: Sendable {
        /// The IR.
        public var interface: XenInterface
        /// Non-fatal findings (unknown marker wording).
        public var warnings: [GeneratorDiagnostic]
        /// Absolute paths of every file clang read, for build-system dependency tracking.
        public var filesRead: [String]
        /// Families of the table that this header version does not have (their `within` record is missing).
        public var skippedFamilies: [String]
        /// Every table entry these headers lack (also reported as one warning in `warnings`).
        public var gaps = TableGaps()
        /// Macros with a selected family's prefix that are no op, with the reason, in header order.
        public var leftOut: [LeftOutMacro] = []
        /// Named records of the selected rows' record headers that are not mirrored, with the reason.
        public var leftOutRecords: [LeftOutRecord] = []
        /// Object-like or function-like macros that name no integer value (guards, type aliases,
        /// function-like macros), with the reason, in header order; their family is `constants`.
        public var nonValues: [LeftOutMacro] = []
    }

    private let clang: LibClang

    /// - Parameter clang: The loaded libclang.
    public init(clang: LibClang) {
        self.clang = clang
    }

    /// Parses the tree and builds the IR.
    /// - Parameters:
    ///   - tree: The header tree.
    ///   - options: Families and configuration.
    /// - Returns: The IR and warnings.
    /// - Throws: ``ReaderError`` with clang's errors, or a ``GeneratorDiagnostic``.
    public func read(_ tree: HeaderTree, options: Options) throws -> Result {
        let headers = try tree.headers(for: options.families)
        let mainPath = tree.root + "/.xen-swiftgen-main.c"
        // <stddef.h> too: the ring macros of io/ (`DEFINE_XEN_FLEX_RING`) use size_t unincluded.
        // <errno.h> for io/xs_wire.h's error table, which old trees fill without checking that EINVAL exists.
        let source =
            (["#include <stdint.h>", "#include <stddef.h>", "#include <errno.h>"] + headers.map { "#include \"\($0)\"" }).joined(
                separator: "\n") + "\n"
        let standInRoot = tree.root + "/.xen-swiftgen-stand-ins"
        // -I comes before the system folders, so <stdint.h> is ours whatever libclang and libc are installed.
        let arguments =
            ["-x", "c", "-std=gnu11", "-target", options.target, "-ffreestanding", "-Wno-everything"]
            + options.defines.map { "-D" + $0 } + (options.standIns.isEmpty ? [] : ["-I", standInRoot])
            + ["-I", FreestandingHeaders.root]
        let virtualFiles = Dictionary(
            uniqueKeysWithValues: options.standIns.map { (standInRoot + "/" + $0.key, $0.value) }
                + FreestandingHeaders.files.map { (FreestandingHeaders.root + "/" + $0.key, $0.value) })
        let unit: TranslationUnit
        do {
            unit = try TranslationUnit(clang: clang, path: mainPath, contents: source, arguments: arguments, virtualFiles: virtualFiles)
        } catch let error as TranslationUnitError {
            throw GeneratorDiagnostic(
                .error, at: nil,
                "\(tree.displayPath): \(error.description) for target '\(options.target)'; "
                    + "check that clang knows this target triple (such as x86_64-linux-gnu or aarch64-linux-gnu)")
        }
        let errors = unit.diagnostics.filter { $0.severity >= .error }
        if !errors.isEmpty { throw ReaderError(errors, tree: tree) }

        let filesRead = Array(Set(unit.includedFiles.map(HeaderTree.normalize)))
            .filter { $0 != mainPath && !$0.hasPrefix(standInRoot + "/") && !$0.hasPrefix(FreestandingHeaders.root + "/") }.sorted()
        let treeFiles = filesRead.filter { $0.hasPrefix(tree.root + "/") }
        var scanned: [String: ScannedHeader] = [:]
        var allDefines: [String: ScannedHeader.Define] = [:]
        var scanOrder: [String] = []
        let scanner = DirectiveScanner()
        var warnings: [GeneratorDiagnostic] = []
        for file in treeFiles {
            guard let tokens = unit.tokens(inFile: file) else { continue }
            for token in tokens where !token.isValidUTF8 {
                warnings.append(
                    GeneratorDiagnostic(
                        .warning,
                        at: SourcePosition(file: tree.relative(file), line: token.start.line, column: token.start.column),
                        "\(token.kind == .comment ? "comment" : "token") is not valid UTF-8; its bytes are read as Latin-1"))
            }
            let header = scanner.scan(tokens: tokens, file: tree.relative(file), skipped: unit.skippedSpans(inFile: file))
            scanned[header.file] = header
            scanOrder.append(header.file)
        }
        let specs = options.table + options.families.filter { spec in !options.table.contains { $0.name == spec.name } }
        let constantSubjects = try evaluateValues(
            of: &scanned, in: scanOrder, specs: specs,
            parse: ValueEvaluator.Parse(clang: clang, mainPath: mainPath, source: source, arguments: arguments, virtualFiles: virtualFiles)
        )
        for file in scanOrder {
            for define in scanned[file]?.defines ?? [] where define.isActive && allDefines[define.name] == nil {
                allDefines[define.name] = define
            }
        }
        let selected = Set(options.families.map(\.name))
        let topLevel = unit.cursor.children
        let enumerations = Dictionary(
            specs.compactMap(\.enumeration).compactMap { EnumeratedFamily.read($0, in: topLevel) }.map { ($0.name, $0) },
            uniquingKeysWith: { first, _ in first })
        let familyReader = FamilyReader(
            specs: specs,
            selected: selected, recordSpans: recordSpans(unit, tree: tree), allDefines: allDefines, relativePath: tree.relative,
            enumerations: enumerations
        )
        var byName: [String: OpFamily] = [:]
        var skipped: [String] = []
        var leftOut: [LeftOutMacro] = []
        for header in headers {
            guard let scannedHeader = scanned[header] else { continue }
            // A family without a defined op in this version (`XENMEM_access_op_*` before Xen 4.2) is absent from it.
            for family in try familyReader.families(in: scannedHeader, warnings: &warnings, skipped: &skipped, leftOut: &leftOut)
            where !family.definedOps.isEmpty {
                byName[family.name] = family
            }
        }
        let families = options.families.compactMap { byName[$0.name] }
        // A row that mirrors its header's records is read wherever the header is, even when its prefix
        // names no op there (`arch-x86/hvm/save.h` numbers its records through a function-like macro).
        let recordRows = Set(options.families.filter { $0.recordHeaders != nil && headers.contains($0.header) }.map(\.name))
        let readSpecs = options.families.filter { byName[$0.name] != nil || recordRows.contains($0.name) }
        var gaps = TableGaps()
        // Families missing from a whole public tree (it holds xen.h) are missing from this Xen version; a
        // partial tree (a fixture with only domctl.h) is no Xen version and lacks no family.
        if FileManager.default.fileExists(atPath: tree.root + "/xen.h") {
            gaps.families = options.families.filter { byName[$0.name] == nil && !recordRows.contains($0.name) }.map(\.name)
        }
        var leftOutRecords: [LeftOutRecord] = []
        let (records, enums) = readRecords(
            unit, tree: tree, specs: readSpecs, families: byName, comments: RecordComments(headers: scanned), gaps: &gaps,
            leftOut: &leftOutRecords
        )
        let recordsByName = Dictionary(records.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let requests = try readSpecs.compactMap { spec -> RequestBinding? in
            guard let family = byName[spec.name] else { return nil }
            if spec.payloadArgument == true, spec.request == nil {
                return ArgumentPayloadBinder(spec: spec).bind(family, records: recordsByName, warnings: &warnings, gaps: &gaps)
            }
            return try PayloadBinder(spec: spec, records: recordsByName).bind(family, warnings: &warnings, gaps: &gaps)
        }
        if let warning = gaps.warning { warnings.append(warning) }
        let constants = ConstantReader(groups: options.constantGroups, comments: RecordComments(headers: scanned))
            .read(scanned, subjects: constantSubjects)
        let interface = XenInterface(
            defines: options.defines, headers: treeFiles.map(tree.relative).sorted(), families: families,
            records: records, enums: enums, requests: requests, constants: constants.constants, constantGroups: constants.groups
        )
        return Result(
            interface: interface, warnings: warnings, filesRead: filesRead, skippedFamilies: skipped, gaps: gaps, leftOut: leftOut,
            leftOutRecords: leftOutRecords, nonValues: constants.nonValues
        )
    }

    /// Gives every `#define` the reader takes a number from its value (``ValueEvaluator``), in one
    /// parse: each object-like macro that is an op name of the row owning it in its header, every
    /// interface-version macro, and every other active object-like macro (a constant, if it names a
    /// value). An op name whose value is another op's name (an alias) is left to the family reader.
    /// The values land in the defines' `evaluated` (and the constants' C types in `evaluatedType`).
    /// - Returns: The indices of the constant candidates (active macros that are no op) per header.
    private func evaluateValues(
        of scanned: inout [String: ScannedHeader], in order: [String], specs: [FamilySpec], parse: ValueEvaluator.Parse
    ) throws -> [(file: String, indices: [Int])] {
        let versionNames = Set(specs.compactMap(\.interfaceVersion))
        var specsByHeader: [String: [FamilySpec]] = [:]
        for spec in specs { specsByHeader[spec.header, default: []].append(spec) }
        specsByHeader = specsByHeader.mapValues(\.byPrefixLength)
        var subjects: [(file: String, indices: [Int])] = []
        var constants: [(file: String, indices: [Int])] = []
        var expressions: [[Token]] = []
        for file in order {
            guard let header = scanned[file] else { continue }
            let here = specsByHeader[file] ?? []
            func isOpName(_ name: String) -> Bool { here.owner(of: name)?.takesAsOp(name) ?? false }
            let opNames = Set(header.defines.lazy.filter { !$0.isFunctionLike }.map(\.name).filter(isOpName))
            let isAlias = { (define: ScannedHeader.Define) in define.aliasTarget.map(opNames.contains) ?? false }
            let indices = header.defines.indices.filter { index in
                let define = header.defines[index]
                if define.isFunctionLike { return false }
                if versionNames.contains(define.name) { return true }
                if opNames.contains(define.name) { return !isAlias(define) }
                return define.isActive
            }
            subjects.append((file, indices))
            expressions += indices.map { header.defines[$0].value }
            // Every active macro that is no op and no op alias is a constant candidate (function-like ones
            // are listed as non-values).
            constants.append(
                (
                    file,
                    header.defines.indices.filter { index in
                        let define = header.defines[index]
                        return define.isActive && !opNames.contains(define.name)
                    }
                ))
        }
        var values = try ValueEvaluator.evaluateWithTypes(expressions, parse: parse)[...]
        for subject in subjects {
            guard var header = scanned[subject.file] else { continue }
            for index in subject.indices {
                let evaluation = values.popFirst()
                header.defines[index].evaluated = evaluation?.value
                header.defines[index].evaluatedType = evaluation?.type
            }
            scanned[subject.file] = header
        }
        return constants
    }

    /// Reads the request and payload records the family table names, the structs that `arg ==`
    /// comments name for argument-payload families, the named records of the rows' `recordHeaders`, and
    /// everything they reach. A named record these headers do not define goes to `gaps`; a record of the
    /// record headers that cannot be mirrored goes to `leftOut` with its reason.
    private func readRecords(
        _ unit: TranslationUnit, tree: HeaderTree, specs: [FamilySpec], families: [String: OpFamily], comments: RecordComments,
        gaps: inout TableGaps, leftOut: inout [LeftOutRecord]
    ) -> ([Record], [CEnum]) {
        var definitions: [String: Cursor] = [:]
        for cursor in unit.cursor.children {
            guard let kind = cursor.kind, kind == .structDecl || kind == .unionDecl, cursor.isDefinition,
                let name = cursor.declaredName, definitions[name] == nil
            else { continue }
            definitions[name] = cursor
        }
        var reader = RecordReader(tree: tree, comments: comments)
        // Walked once: every row with record headers, and the listing below, filter the same candidates.
        let roots = headerRecordRoots(unit, tree: tree)
        for spec in specs {
            for root in (spec.request.map { [$0.record] } ?? []) + (spec.payloads ?? []) {
                guard let cursor = definitions[root] else {
                    gaps.records.append("\(spec.name): struct \(root)")
                    continue
                }
                reader.readRoot(cursor)
            }
            if let files = spec.recordHeaders {
                for cursor in roots.roots(in: Set(files)) {
                    guard let reason = reader.readRootIfMirrorable(cursor), let location = cursor.location else { continue }
                    let position = SourcePosition(file: tree.relative(location.file), line: location.line, column: location.column)
                    let entry = LeftOutRecord(
                        name: cursor.declaredName ?? cursor.spelling, family: spec.name, position: position, reason: reason)
                    if !leftOut.contains(entry) { leftOut.append(entry) }
                }
            }
            if spec.payloadArgument == true, spec.request == nil, let family = families[spec.name] {
                for name in ArgumentPayloadBinder(spec: spec).namedRecords(family, isRecord: { definitions[$0] != nil }) {
                    if let cursor = definitions[name] { reader.readRoot(cursor) }
                }
            }
        }
        // The other named records of the tree's headers: no selected row mirrors them. Listed, never dropped in silence.
        let listed = Set(leftOut.map(\.name))
        for cursor in roots.roots(in: nil)
        where !reader.hasRead(cursor.declaredName ?? "") && !listed.contains(cursor.declaredName ?? "") {
            guard let location = cursor.location, let name = cursor.declaredName else { continue }
            leftOut.append(
                LeftOutRecord(
                    name: name, family: nil,
                    position: SourcePosition(file: tree.relative(location.file), line: location.line, column: location.column),
                    reason: "no selected row mirrors its header's records (recordHeaders) and no payload reaches it"))
        }
        return (reader.orderedRecords, reader.orderedEnums)
    }

    /// The named struct and union definitions of the tree's headers at top level, in parse order, each
    /// with its tree-relative header: the candidate roots of a row with ``FamilySpec/recordHeaders``
    /// (``RecordRoots/roots(in:)``). Named records nested in them are reached through their fields;
    /// the guest handle wrappers (`__guest_handle_*`) are no records of their own but a field's type, and
    /// an untagged record named by a typedef (`typedef struct { … } xen_uuid_t`) has no tag that names it.
    private func headerRecordRoots(_ unit: TranslationUnit, tree: HeaderTree) -> RecordRoots {
        // Thousands of records share a few files: decide each file once (nil: outside the tree).
        var relativePaths: [String: String?] = [:]
        func insideTree(_ file: String) -> String? {
            if let known = relativePaths[file] { return known }
            let relative = tree.relative(file)
            let inside = relative != HeaderTree.normalize(file) ? relative : nil
            relativePaths[file] = inside
            return inside
        }
        return RecordRoots(
            candidates: unit.cursor.children.compactMap { cursor in
                guard let kind = cursor.kind, kind == .structDecl || kind == .unionDecl, cursor.isDefinition,
                    let file = cursor.location?.file, let relative = insideTree(file),
                    let name = cursor.declaredName, !name.hasPrefix(RecordReader.guestHandlePrefix),
                    cursor.type.spelling.hasPrefix("struct ") || cursor.type.spelling.hasPrefix("union ")
                else { return nil }
                return (relative, name, cursor)
            })
    }

    /// Spans of top-level struct and union definitions, by relative header and name.
    private func recordSpans(_ unit: TranslationUnit, tree: HeaderTree) -> [String: [String: SourceSpan]] {
        var spans: [String: [String: SourceSpan]] = [:]
        // Hundreds of records share a few files: normalise each file's path once.
        var relativePaths: [String: String] = [:]
        for cursor in unit.cursor.children {
            guard let kind = cursor.kind, kind == .structDecl || kind == .unionDecl, cursor.isDefinition,
                let name = cursor.declaredName, let extent = cursor.extent
            else { continue }
            let file = relativePaths[extent.file] ?? tree.relative(extent.file)
            relativePaths[extent.file] = file
            spans[file, default: [:]][name] = extent
        }
        return spans
    }
}

/// Clang rejected the headers.
public struct ReaderError: Error, CustomStringConvertible {
    /// Clang's errors, in order, with tree-relative locations (absolute outside the tree).
    public var diagnostics: [GeneratorDiagnostic]
    /// The header folder as the user named it, for printing.
    public var root: String

    /// Converts clang's errors.
    /// - Parameters:
    ///   - errors: Clang's diagnostics.
    ///   - tree: The tree the paths are made relative to.
    init(_ errors: [ClangDiagnostic], tree: HeaderTree) {
        diagnostics = errors.map { error in
            let position = error.location.map { SourcePosition(file: tree.relative($0.file), line: $0.line, column: $0.column) }
            // Clang's messages can span lines (macro expansion notes); one problem, one line.
            return GeneratorDiagnostic(.error, at: position, error.message.split(whereSeparator: \.isNewline).joined(separator: " "))
        }
        root = tree.displayPath
    }

    public var description: String {
        diagnostics.map { $0.rendered(root: root) }.joined(separator: "\n")
    }
}
