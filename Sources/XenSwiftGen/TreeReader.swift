import Foundation
import LibClang
import XenIR
import XenReader

/// Reads many header trees into the IR with one loaded libclang (the history walks a hundred releases).
public struct TreeReader: Sendable {
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
    ///   - label: How messages name the tree (a tag, a revision, the folder as the user gave it).
    ///   - setting: How the user names the tree, for hints (an argument, an option).
    /// - Returns: The reader's result.
    /// - Throws: ``GenerationFailure`` naming `label` and the file and line at fault.
    public func read(_ folder: String, label: String, setting: String = "--xen-headers DIR") throws -> HeaderReader.Result {
        let tree: HeaderTree
        do { tree = try HeaderTree(path: folder, setting: setting, displayPath: label) } catch let diagnostic as GeneratorDiagnostic {
            throw GenerationFailure(diagnostics: [diagnostic], root: label)
        }
        do {
            return try HeaderReader(clang: clang).read(tree, options: options)
        } catch let error as ReaderError {
            throw GenerationFailure(diagnostics: error.diagnostics, root: label)
        } catch let diagnostic as GeneratorDiagnostic {
            throw GenerationFailure(diagnostics: [diagnostic], root: label)
        }
    }

    /// A revision's headers, read.
    public struct Revision: Sendable {
        /// The IR.
        public var interface: XenInterface
        /// Where the revision keeps the headers, relative to the repository's root (`""` for the root).
        public var headerFolder: String
        /// How messages name the headers: `REV/xen/include/public`, or `REV` for a repository laid out like the folder.
        public var label: String
    }

    /// Writes out and reads the headers of one revision of a repository; messages name the revision
    /// and the folder it keeps them in, never the temporary folder.
    /// - Parameters:
    ///   - revision: A tag, branch or commit.
    ///   - trees: The repository.
    /// - Returns: The IR and where the headers are.
    /// - Throws: ``GenerationFailure`` or `GeneratorDiagnostic` naming the repository or the revision.
    public func read(revision: String, of trees: GitTrees) throws -> Revision {
        let checkout = try trees.checkout(revision)
        defer { try? FileManager.default.removeItem(at: checkout.folder) }
        return try read(checkout, revision: revision)
    }

    /// Reads a revision's headers already written out (starts no process, so it can run beside another read).
    /// - Parameters:
    ///   - checkout: The written-out headers.
    ///   - revision: The revision, for messages.
    /// - Returns: The IR and where the headers are.
    /// - Throws: ``GenerationFailure`` naming the revision.
    public func read(_ checkout: GitTrees.Checkout, revision: String) throws -> Revision {
        let label = checkout.headerFolder.isEmpty ? revision : "\(revision)/\(checkout.headerFolder)"
        let interface = try read(checkout.folder.path, label: label, setting: "--xen-git REPO").interface
        return Revision(interface: interface, headerFolder: checkout.headerFolder, label: label)
    }
}
