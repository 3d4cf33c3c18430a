import Foundation
import XenEmitter
import XenIR

/// Joins the emitted files into one file with a fixed name, for the build tool plugin.
///
/// A build command must declare its outputs while the build is planned, before the generator runs,
/// but the per-family file names depend on which headers exist. One file with a name chosen by the
/// caller is knowable up front, whatever the emitter produces (op families, records, support code).
public enum SingleFileBundle {
    /// Concatenates the bodies of `files` in path order under one banner, with the union of their
    /// imports. Each part is introduced by a `// MARK:` line naming the file it would have been.
    /// - Parameters:
    ///   - files: The emitted files.
    ///   - name: The bundle's file name, such as `XenBindings.swift`.
    /// - Returns: The single file.
    /// - Throws: `GeneratorDiagnostic` when `name` is not a plain `.swift` file name.
    public static func bundle(_ files: [GeneratedFile], named name: String) throws -> GeneratedFile {
        guard name.hasSuffix(".swift"), name.count > ".swift".count, !name.contains("/"), !name.hasPrefix(".") else {
            throw GeneratorDiagnostic(.error, at: nil, "--single-file needs a plain file name ending in .swift, not '\(name)'")
        }
        var imports: Set<String> = []
        var parts: [String] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            imports.formUnion(file.imports)
            // The part's own banner is left out: the bundle has one at the top instead.
            parts.append(["// MARK: - \(file.path)", file.body].joined(separator: "\n\n"))
        }
        let banner = [
            GeneratedFile.bannerLine(from: nil), "// One file holding \(files.count) generated files, in path order (--single-file).",
        ]
        return GeneratedFile(path: name, banner: banner, imports: imports.sorted(), body: parts.joined(separator: "\n\n"))
    }
}
