import Foundation
import LibClang
import XenIR
import XenReader

/// Reads many header trees into the IR with one loaded libclang (the history walks a hundred releases).
public struct TreeReader {
    private let clang: LibClang
    private let options: HeaderReader.Options

    /// Loads libclang.
    /// - Parameters:
    ///   - environment: The process environment (for `LIBCLANG_PATH`).
    ///   - families: The family table.
    ///   - defines: Macros for the parse.
    ///   - target: The clang target triple.
    /// - Throws: `GeneratorDiagnostic` when libclang cannot be loaded.
    public init(environment: [String: String], families: [FamilySpec], defines: [String], target: String) throws {
        do { clang = try LibClang.load(environment: environment) } catch let error as LibClangError {
            throw GeneratorDiagnostic(.error, at: nil, error.description)
        }
        options = HeaderReader.Options(
            families: families, defines: defines, target: target,
            standIns: defines.contains("__XEN__") ? Generator.hypervisorStandIns : [:]
        )
    }

    /// Reads one tree.
    /// - Parameters:
    ///   - folder: The tree's folder.
    ///   - label: How messages name the tree (a tag, a revision).
    /// - Returns: The reader's result.
    /// - Throws: ``GenerationFailure`` naming `label` and the file and line at fault.
    public func read(_ folder: String, label: String) throws -> HeaderReader.Result {
        let tree = try HeaderTree(path: folder)
        do {
            return try HeaderReader(clang: clang).read(tree, options: options)
        } catch let error as ReaderError {
            throw GenerationFailure(diagnostics: error.diagnostics, root: label)
        } catch let diagnostic as GeneratorDiagnostic {
            throw GenerationFailure(diagnostics: [diagnostic], root: label)
        }
    }
}
