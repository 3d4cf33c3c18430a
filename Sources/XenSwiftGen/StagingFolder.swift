import Foundation
import XenEmitter
import XenIR

/// A hidden folder inside the output folder where one run prepares its files, and the journal that
/// makes their publication all or nothing.
///
/// Runs into one output folder are serialised by an exclusive `flock` on the output folder itself
/// (``OutputFolderLock``), so a staging folder found by a run holding that lock belongs to a run
/// that died, whatever state it is in. The owning run also locks its staging folder, for runs of
/// older versions that only knew that lock.
///
/// `manifest` is the commit point. It lists each step with the inode of the file it moves:
/// `write INODE NAME` (the staged file that replaces or adds `NAME`) and `remove INODE NAME` (the
/// generated file to remove). A write is published with `renameat2(RENAME_EXCHANGE)`, which swaps
/// the staged file and the old one in one step, so the old file lands in the staging folder as its
/// own backup; a removal moves the old file into the staging folder. Every step can therefore be
/// undone, and whether a step happened is read from the inodes, so the journal can be carried
/// forward or back from any point a run stopped at, as often as needed.
final class StagingFolder {
    /// Name prefix of staging folders; such entries are never output.
    static let prefix = ".xen-swiftgen-staging-"
    /// The commit record.
    static let manifestName = "manifest"
    /// The first line of a manifest in this format.
    static let manifestHeader = "xen-swiftgen journal 2"
    /// The suffix of an old file kept by a link, where the file system cannot exchange two names.
    static let previousSuffix = ".previous"

    /// The staging folder.
    let url: URL
    /// The output folder it belongs to.
    let output: URL
    /// The open descriptor that holds the lock.
    private let descriptor: Int32
    /// Set when an update could be neither finished nor undone: the journal must outlive this run.
    private var keepsJournal = false

    /// Creates and locks a new staging folder in `output`; the caller holds the output folder's lock.
    /// - Parameter output: The output folder.
    /// - Throws: `GeneratorDiagnostic` when the folder cannot be written.
    init(in output: URL) throws {
        self.output = output
        url = output.appendingPathComponent(Self.prefix + UUID().uuidString.lowercased())
        guard mkdir(url.path, 0o755) == 0 else {
            throw GeneratorDiagnostic(
                .error, at: nil, "cannot write to output folder '\(output.path)': \(String(cString: strerror(errno)))")
        }
        descriptor = open(url.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
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
    /// - Throws: `GeneratorDiagnostic` when the manifest cannot be written or a file has vanished.
    func commit(writes: [String], removals: [String]) throws {
        var lines = [Self.manifestHeader]
        for name in writes {
            guard let inode = Self.inode(url.appendingPathComponent(name)) else {
                throw GeneratorDiagnostic(.error, at: nil, "cannot commit '\(url.path)': the staged '\(name)' is gone")
            }
            lines.append("write \(inode) \(name)")
        }
        for name in removals {
            guard let inode = Self.inode(output.appendingPathComponent(name)) else { continue }
            lines.append("remove \(inode) \(name)")
        }
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

    /// Carries out the manifest. When a step fails, every step already taken is undone, so the
    /// folder holds the previous output again, and the error says so.
    /// - Throws: `GeneratorDiagnostic` naming the step that failed; when even the undo fails, the
    ///   journal stays for the next run, and the error says that too.
    func publish() throws {
        let journal = Journal(staging: url, output: output)
        do {
            try journal.forward()
        } catch let failure as GeneratorDiagnostic {
            do {
                try journal.backward()
            } catch let undo as GeneratorDiagnostic {
                keepsJournal = true
                throw GeneratorDiagnostic(
                    .error, at: nil,
                    "\(failure.message); undoing the update failed too (\(undo.message)): '\(output.path)' is half updated, "
                        + "and the next run finishes or undoes the update from \(url.lastPathComponent)")
            }
            throw GeneratorDiagnostic(.error, at: nil, "\(failure.message); the output folder was left as it was")
        }
    }

    /// Removes the staging folder (after publishing, or after a failure that left the folder as it
    /// was); keeps it when it holds the journal of an update that is neither finished nor undone.
    func discard() {
        guard !keepsJournal else { return }
        try? FileManager.default.removeItem(at: url)
    }

    /// Finishes or undoes the updates that dead runs left in `output`; the caller holds its lock.
    ///
    /// A committed update is finished when every step can be; otherwise it is undone. A staging
    /// folder that another run locks (a version without the output folder's lock) is left alone.
    /// - Parameter output: The output folder.
    /// - Throws: `GeneratorDiagnostic` when an update can be neither finished nor undone.
    static func recover(in output: URL) throws {
        for url in leftovers(in: output) {
            let descriptor = open(url.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else {
                // Not a folder we made (a file or a symlink with our prefix): remove the entry itself.
                unlink(url.path)
                continue
            }
            defer { close(descriptor) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(manifestName).path) {
                let journal = Journal(staging: url, output: output)
                do {
                    try journal.forward()
                } catch let failure as GeneratorDiagnostic {
                    do { try journal.backward() } catch let undo as GeneratorDiagnostic {
                        throw GeneratorDiagnostic(
                            .error, at: nil,
                            "'\(output.path)' holds an interrupted update (\(url.lastPathComponent)) that can be neither finished "
                                + "(\(failure.message)) nor undone (\(undo.message))")
                    }
                }
            }
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// Committed updates that no live run owns: what `--check` reports as a half-published folder.
    /// - Parameter output: The output folder.
    /// - Returns: The staging folders' names.
    static func interrupted(in output: URL) -> [String] {
        leftovers(in: output).filter { url in
            let descriptor = open(url.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 else { return false }
            return FileManager.default.fileExists(atPath: url.appendingPathComponent(manifestName).path)
        }.map(\.lastPathComponent)
    }

    /// Entries with the staging prefix in `output`, by name.
    private static func leftovers(in output: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        return names.sorted().filter { $0.hasPrefix(prefix) }.map { output.appendingPathComponent($0) }
    }

    /// The inode of the entry at `url` itself (a symlink is not followed), or `nil` when there is none.
    static func inode(_ url: URL) -> UInt64? {
        var status = stat()
        return lstat(url.path, &status) == 0 ? UInt64(status.st_ino) : nil
    }
}

/// The steps of one manifest, carried forward (publish) or back (undo), each step skipped when the
/// inodes show it is already done.
struct Journal {
    /// One step of the manifest.
    enum Step {
        /// The staged file with `inode` replaces or adds `name`.
        case write(name: String, inode: UInt64)
        /// The generated file with `inode` is removed from the output folder (kept in the staging folder).
        case remove(name: String, inode: UInt64)
        /// A step of the first manifest format (before inodes): rename if the staged file is there.
        case legacyWrite(name: String)
        case legacyRemove(name: String)
    }

    let staging: URL
    let output: URL

    /// The manifest's steps, in order; lines that name anything but a plain file are skipped.
    var steps: [Step] {
        let manifest = (try? String(contentsOf: staging.appendingPathComponent(StagingFolder.manifestName), encoding: .utf8)) ?? ""
        let lines = manifest.split(separator: "\n").map(String.init)
        let current = lines.first == StagingFolder.manifestHeader
        return lines.dropFirst(current ? 1 : 0).compactMap { line in
            let parts = line.split(separator: " ", maxSplits: current ? 2 : 1).map(String.init)
            guard let name = parts.last, !name.contains("/"), !name.hasPrefix("."), !name.isEmpty else { return nil }
            if current {
                guard parts.count == 3, let inode = UInt64(parts[1]) else { return nil }
                switch parts[0] {
                case "write": return .write(name: name, inode: inode)
                case "remove": return .remove(name: name, inode: inode)
                default: return nil
                }
            }
            guard parts.count == 2 else { return nil }
            return parts[0] == "write" ? .legacyWrite(name: name) : parts[0] == "remove" ? .legacyRemove(name: name) : nil
        }
    }

    /// Takes every step not yet taken, in order.
    /// - Throws: `GeneratorDiagnostic` at the first step that fails.
    func forward() throws {
        for (index, step) in steps.enumerated() {
            switch step {
            case .write(let name, let inode):
                let (source, target) = (staging.appendingPathComponent(name), output.appendingPathComponent(name))
                if StagingFolder.inode(target) == inode { continue }
                guard StagingFolder.inode(source) == inode else {
                    throw GeneratorDiagnostic(.error, at: nil, "cannot replace '\(target.path)': its staged file is gone")
                }
                try Self.exchange(source, target)
                RunCheckpoints.reached("renamed-\(index + 1)")
            case .remove(let name, let inode):
                let (target, kept) = (output.appendingPathComponent(name), staging.appendingPathComponent(name))
                // Only a generated file is ever removed, whatever a journal found in the folder says.
                guard StagingFolder.inode(target) == inode, OutputWriter.isGeneratedFile(target) else { continue }
                try Self.move(target, to: kept, failing: "cannot remove '\(target.path)'")
                RunCheckpoints.reached("renamed-\(index + 1)")
            case .legacyWrite(let name):
                let source = staging.appendingPathComponent(name)
                guard StagingFolder.inode(source) != nil else { continue }
                try Self.move(
                    source, to: output.appendingPathComponent(name), failing: "cannot replace '\(output.appendingPathComponent(name).path)'"
                )
            case .legacyRemove(let name):
                let target = output.appendingPathComponent(name)
                if OutputWriter.isGeneratedFile(target) { unlink(target.path) }
            }
        }
    }

    /// Undoes every step taken, last first.
    /// - Throws: `GeneratorDiagnostic` at the first step that cannot be undone.
    func backward() throws {
        try RunCheckpoints.check("undo")
        for step in steps.reversed() {
            switch step {
            case .write(let name, let inode):
                let (source, target) = (staging.appendingPathComponent(name), output.appendingPathComponent(name))
                guard StagingFolder.inode(target) == inode else { continue }
                let previous = staging.appendingPathComponent(name + StagingFolder.previousSuffix)
                if StagingFolder.inode(source) != nil {
                    // Exchanged: the old file waits under the staged name.
                    try Self.exchange(source, target)
                } else if StagingFolder.inode(previous) != nil {
                    try Self.move(target, to: source, failing: "cannot restore '\(target.path)'")
                    try Self.move(previous, to: target, failing: "cannot restore '\(target.path)'")
                } else {
                    // Added: there was no old file.
                    try Self.move(target, to: source, failing: "cannot take back '\(target.path)'")
                }
            case .remove(let name, let inode):
                let (target, kept) = (output.appendingPathComponent(name), staging.appendingPathComponent(name))
                guard StagingFolder.inode(kept) == inode, StagingFolder.inode(target) == nil else { continue }
                try Self.move(kept, to: target, failing: "cannot restore '\(target.path)'")
            case .legacyWrite, .legacyRemove:
                throw GeneratorDiagnostic(.error, at: nil, "a journal of an older xen-swiftgen cannot be undone")
            }
        }
    }

    /// Swaps `source` and `target` in one step; adds `target` when it does not exist. Where the file
    /// system cannot exchange, the old file is kept as a hard link beside the staged one first.
    static func exchange(_ source: URL, _ target: URL) throws {
        let failing = "cannot replace '\(target.path)'"
        if let renameat2 = SystemCalls.renameat2 {
            if renameat2(AT_FDCWD, source.path, AT_FDCWD, target.path, SystemCalls.renameExchange) == 0 { return }
            switch errno {
            case ENOENT where StagingFolder.inode(target) == nil:
                return try move(source, to: target, failing: failing)
            case EINVAL, ENOSYS:
                break // this file system cannot exchange: keep the old file by a link instead
            default:
                throw GeneratorDiagnostic(.error, at: nil, "\(failing): \(String(cString: strerror(errno)))")
            }
        }
        guard StagingFolder.inode(target) != nil else { return try move(source, to: target, failing: failing) }
        let previous = URL(fileURLWithPath: source.path + StagingFolder.previousSuffix)
        unlink(previous.path)
        guard link(target.path, previous.path) == 0 else {
            throw GeneratorDiagnostic(.error, at: nil, "\(failing): cannot keep the old file (\(String(cString: strerror(errno))))")
        }
        try move(source, to: target, failing: failing)
    }

    /// `rename(2)`, as a diagnostic starting with `failing` when it fails.
    static func move(_ source: URL, to target: URL, failing: String) throws {
        guard rename(source.path, target.path) == 0 else {
            throw GeneratorDiagnostic(.error, at: nil, "\(failing): \(String(cString: strerror(errno)))")
        }
    }
}

/// Linux system calls that Glibc's Swift module does not declare, looked up in the C library.
enum SystemCalls {
    typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// `renameat2(2)` (glibc 2.28 and later), or `nil` when the C library has none.
    static let renameat2: Renameat2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: Renameat2.self) }
    /// `RENAME_EXCHANGE` from `<linux/fs.h>`.
    static let renameExchange: UInt32 = 1 << 1
}
