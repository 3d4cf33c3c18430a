import Foundation
import XenEmitter
import XenIR

/// A hidden folder inside the output folder where one run prepares its files before publishing them.
///
/// The owning run holds an exclusive `flock` on the folder for its whole life, so another run can tell
/// a live staging folder (locked) from one left by a killed run (unlocked) and never deletes a live one.
/// `manifest` is the commit point: without it the folder is discarded, with it the renames are finished.
final class StagingFolder {
    /// Name prefix of staging folders; such entries are never output.
    static let prefix = ".xen-swiftgen-staging-"
    /// The commit record: one `write NAME` or `remove NAME` per line.
    static let manifestName = "manifest"

    /// The staging folder.
    let url: URL
    /// The output folder it belongs to.
    let output: URL
    /// The open descriptor that holds the lock.
    private let descriptor: Int32

    /// Creates and locks a new staging folder in `output`.
    /// - Parameter output: The output folder.
    /// - Throws: `GeneratorDiagnostic` when the folder cannot be written.
    init(in output: URL) throws {
        self.output = output
        url = output.appendingPathComponent(Self.prefix + UUID().uuidString.lowercased())
        guard mkdir(url.path, 0o755) == 0 else {
            throw GeneratorDiagnostic(.error, at: nil, "cannot write to output folder '\(output.path)': \(String(cString: strerror(errno)))")
        }
        descriptor = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: url)
            throw GeneratorDiagnostic(.error, at: nil, "cannot lock staging folder '\(url.path)': \(reason)")
        }
    }

    deinit { close(descriptor) }

    /// Writes one file into a staging folder; safe to call for different files at once.
    /// - Parameters:
    ///   - file: The file; its path is a plain name.
    ///   - folder: The staging folder.
    /// - Throws: `GeneratorDiagnostic` when it cannot be written.
    static func stage(_ file: GeneratedFile, in folder: URL) throws {
        let target = folder.appendingPathComponent(file.path)
        do {
            try Data(file.contents.utf8).write(to: target)
        } catch {
            throw GeneratorDiagnostic(.error, at: nil, "cannot write '\(target.path)': \(SystemErrorText.reason(error))")
        }
    }

    /// Records what `publish` will do; once this returns, the update is decided.
    /// - Parameters:
    ///   - writes: Staged names to move into the output folder.
    ///   - removals: Generated files to remove from it.
    /// - Throws: `GeneratorDiagnostic` when the manifest cannot be written.
    func commit(writes: [String], removals: [String]) throws {
        let lines = writes.map { "write \($0)" } + removals.map { "remove \($0)" }
        let text = lines.joined(separator: "\n") + "\n"
        let temporary = url.appendingPathComponent(Self.manifestName + ".partial")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw GeneratorDiagnostic(.error, at: nil, "cannot write '\(temporary.path)': \(SystemErrorText.reason(error))")
        }
        guard rename(temporary.path, url.appendingPathComponent(Self.manifestName).path) == 0 else {
            throw GeneratorDiagnostic(.error, at: nil, "cannot commit '\(url.path)': \(String(cString: strerror(errno)))")
        }
    }

    /// Carries out the manifest: renames staged files into place and removes stale generated files.
    /// - Parameter isGenerated: Whether an output file was written by xen-swiftgen (only those are removed).
    /// - Throws: `GeneratorDiagnostic` when a rename fails; the manifest stays for the next run.
    func publish(isGenerated: (URL) -> Bool) throws {
        try Self.publish(url, into: output, isGenerated: isGenerated)
    }

    /// Removes the staging folder (after publishing, or after a failure before the commit point).
    func discard() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Finishes or discards the staging folders that killed runs left in `output`; skips live ones.
    /// - Parameters:
    ///   - output: The output folder.
    ///   - isGenerated: Whether an output file was written by xen-swiftgen.
    /// - Throws: `GeneratorDiagnostic` when a committed update cannot be finished.
    static func recover(in output: URL, isGenerated: (URL) -> Bool) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        for name in names.sorted() where name.hasPrefix(prefix) {
            let url = output.appendingPathComponent(name)
            let descriptor = open(url.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else {
                // Not a folder we made (a file or a symlink with our prefix): remove the entry itself.
                try? FileManager.default.removeItem(at: url)
                continue
            }
            defer { close(descriptor) }
            // Locked: a run in progress owns it.
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(manifestName).path) {
                try publish(url, into: output, isGenerated: isGenerated)
            }
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// Renames and removes as `staging`'s manifest says. Entries already moved are skipped, so a
    /// publish interrupted at any point can be run again.
    private static func publish(_ staging: URL, into output: URL, isGenerated: (URL) -> Bool) throws {
        let manifest = (try? String(contentsOf: staging.appendingPathComponent(manifestName), encoding: .utf8)) ?? ""
        for (index, line) in manifest.split(separator: "\n").enumerated() {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].contains("/"), !parts[1].hasPrefix(".") else { continue }
            let source = staging.appendingPathComponent(parts[1])
            let target = output.appendingPathComponent(parts[1])
            switch parts[0] {
            case "write" where FileManager.default.fileExists(atPath: source.path):
                guard rename(source.path, target.path) == 0 else {
                    throw GeneratorDiagnostic(.error, at: nil, "cannot replace '\(target.path)': \(String(cString: strerror(errno)))")
                }
                FaultInjection.point("renamed-\(index + 1)")
            case "remove" where isGenerated(target):
                try? FileManager.default.removeItem(at: target)
            default:
                break
            }
        }
    }
}
