import Foundation
import XenEmitter
import XenIR
import XenReader

/// Writes generated files into one output folder, all together or not at all.
///
/// New contents are staged in a hidden folder inside the output folder and then renamed into place,
/// so a run that fails or is killed before that point leaves the previous output untouched. Files
/// whose bytes did not change are not touched (their modification time stays, so builds stay quiet).
/// Nothing is ever written outside the output folder, and symlinks inside it are never followed.
public struct OutputWriter {
    /// The first bytes of every generated file; only files that start so are ever removed.
    public static let generatedMarker = GeneratedFile.marker

    /// What a run would change.
    public struct Plan: Sendable, Equatable {
        /// Files that do not exist yet.
        public var added: [String] = []
        /// Files whose bytes differ.
        public var changed: [String] = []
        /// Generated files no longer produced.
        public var removed: [String] = []
        /// Files already up to date.
        public var unchanged: [String] = []

        /// Whether the folder already holds exactly this output.
        public var isCurrent: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }
    }

    /// The output folder, absolute.
    public let folder: URL

    /// - Parameter folder: The output folder (created when missing), absolute or relative to the working directory.
    /// - Throws: `GeneratorDiagnostic` when `folder` is relative and the working directory no longer exists.
    public init(folder: String) throws {
        self.folder = URL(fileURLWithPath: try WorkingDirectory.absolute(folder, naming: "the output folder")).standardizedFileURL
    }

    /// Folders that are never an output folder: the root, the system's own folders, and anything
    /// under the kernel's virtual file systems.
    static let systemFolders: Set<String> = [
        "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/media", "/mnt", "/opt", "/proc",
        "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var", "/var/tmp", "/usr/bin", "/usr/include", "/usr/lib",
        "/usr/lib64", "/usr/libexec", "/usr/local", "/usr/local/bin", "/usr/local/include", "/usr/local/lib", "/usr/sbin",
        "/usr/share", "/usr/src",
    ]

    /// Refuses an output folder that a run must never write into: a system folder or the header
    /// folder itself (a folder inside it is fine: the generated files are no headers). Symlinks are
    /// resolved, so another name for one is refused too.
    /// - Parameters:
    ///   - headers: The header folder.
    ///   - setting: How the user names the output folder, for the message.
    /// - Throws: `GeneratorDiagnostic` naming the folder and why.
    public func refuseUnsafeFolder(headers: String, setting: String = "--output") throws {
        let real = Self.resolved(folder.path)
        if Self.systemFolders.contains(real) || ["/proc/", "/sys/", "/dev/"].contains(where: real.hasPrefix) {
            throw GeneratorDiagnostic(
                .error, at: nil, "refusing \(setting) '\(folder.path)': it is a system folder, not a folder for generated files")
        }
        let headerFolder = Self.resolved(
            URL(fileURLWithPath: try WorkingDirectory.absolute(headers, naming: "the header folder")).standardizedFileURL.path)
        if real == headerFolder {
            throw GeneratorDiagnostic(.error, at: nil, "refusing \(setting) '\(folder.path)': it is the header folder")
        }
    }

    /// `path` with its symlinks resolved as far as it exists (`realpath` of the longest existing prefix).
    static func resolved(_ path: String) -> String {
        var head = path
        var tail: [String] = []
        while true {
            if let real = realpath(head, nil) {
                defer { free(real) }
                let base = String(cString: real)
                return tail.isEmpty ? base : (base == "/" ? "" : base) + "/" + tail.reversed().joined(separator: "/")
            }
            let url = URL(fileURLWithPath: head)
            guard head != "/", !head.isEmpty else { return path }
            tail.append(url.lastPathComponent)
            head = url.deletingLastPathComponent().path
        }
    }

    /// Compares `files` with the folder's contents without writing anything.
    /// - Parameter files: The new output.
    /// - Returns: The differences.
    /// - Throws: `GeneratorDiagnostic` for unsafe paths.
    public func plan(_ files: [GeneratedFile]) throws -> Plan {
        let interrupted = try folderExists() ? StagingFolder.interrupted(in: folder) : []
        guard interrupted.isEmpty else {
            throw GeneratorDiagnostic(
                .error, at: nil,
                "'\(folder.path)' is half published: a run was stopped while publishing (\(interrupted.joined(separator: ", "))); "
                    + "the next generate finishes or undoes that update")
        }
        var plan = Plan()
        for file in files {
            let target = try destination(of: file.path)
            if let existing = FileManager.default.contents(atPath: target.path) {
                if existing == Data(file.contents.utf8) { plan.unchanged.append(file.path) } else { plan.changed.append(file.path) }
            } else {
                plan.added.append(file.path)
            }
        }
        let produced = Set(files.map(\.path))
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in entries.sorted() where name.hasSuffix(".swift") && !produced.contains(name) {
            if isGenerated(folder.appendingPathComponent(name)) { plan.removed.append(name) }
        }
        return plan
    }

    /// Writes `files`, changing only what differs.
    ///
    /// Runs into one folder take turns (an exclusive `flock` on the folder). The new files are staged
    /// first, then a manifest is written as the commit point, then each file is exchanged into place
    /// (see `StagingFolder`). A step that fails undoes the steps before it; a run killed before the
    /// commit point leaves the folder as it was; a run killed after it leaves the journal, and the
    /// next run finishes (or, when that cannot be done, undoes) the update before anything else.
    /// - Parameter files: The new output.
    /// - Returns: What was changed.
    /// - Throws: `GeneratorDiagnostic` when the folder cannot be written; nothing is changed then.
    @discardableResult
    public func write(_ files: [GeneratedFile]) throws -> Plan {
        try createFolder()
        let lock = try OutputFolderLock(folder)
        defer { lock.release() }
        try StagingFolder.recover(in: folder)
        let plan = try plan(files)
        if plan.isCurrent { return plan }
        let pending = Set(plan.added + plan.changed)
        // Check every destination before staging anything, so a blocked one cannot leave half an update.
        for file in files where pending.contains(file.path) {
            let target = try destination(of: file.path)
            var status = stat()
            // Only a regular file is ever replaced: a folder, a FIFO or a device there is the user's.
            if lstat(target.path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
                let what = status.st_mode & S_IFMT == S_IFDIR ? "it is a folder, not a file" : "it is not a regular file"
                throw GeneratorDiagnostic(.error, at: nil, "cannot replace '\(target.path)': \(what)")
            }
        }
        let staging = try StagingFolder(in: folder)
        defer { staging.discard() }
        // Foundation syncs every file it writes; writing them side by side overlaps those waits.
        let folder = staging.url
        try concurrentMap(files.filter { pending.contains($0.path) }) { file in
            Result { try StagingFolder.stage(file, in: folder) }
        }.forEach { try $0.get() }
        RunCheckpoints.reached("staged")
        try staging.commit(writes: files.map(\.path).filter(pending.contains), removals: plan.removed)
        RunCheckpoints.reached("committed")
        try staging.publish()
        return plan
    }

    /// Whether the output folder exists.
    /// - Throws: `GeneratorDiagnostic` when its path is taken by something that is not a folder.
    private func folderExists() throws -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return false }
        guard isDirectory.boolValue else {
            throw GeneratorDiagnostic(.error, at: nil, "cannot use '\(folder.path)' as the output folder: it is a file, not a folder")
        }
        return true
    }

    /// Creates the output folder when missing.
    private func createFolder() throws {
        if try folderExists() { return }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw GeneratorDiagnostic(.error, at: nil, "cannot create output folder '\(folder.path)': \(SystemErrorText.reason(error))")
        }
    }

    /// The absolute destination of a generated file name, refusing escapes and symlinks.
    func destination(of path: String) throws -> URL {
        guard !path.isEmpty, !path.contains("/"), path != "..", path != ".", !path.hasPrefix(StagingFolder.prefix) else {
            throw GeneratorDiagnostic(.error, at: nil, "refusing to write '\(path)': it is not a plain file name inside the output folder")
        }
        let url = folder.appendingPathComponent(path)
        if let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            attributes[.type] as? FileAttributeType == .typeSymbolicLink
        {
            throw GeneratorDiagnostic(.error, at: nil, "refusing to write '\(url.path)': it is a symbolic link")
        }
        return url
    }

    /// Whether a file starts with the generated-file marker.
    func isGenerated(_ url: URL) -> Bool { Self.isGeneratedFile(url) }

    /// Whether `url` is a regular file (not a symlink, whatever it points at) that starts with the
    /// generated-file marker: only such files are ever removed.
    static func isGeneratedFile(_ url: URL) -> Bool {
        let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return false }
        let marker = Array(generatedMarker.utf8)
        var head = [UInt8](repeating: 0, count: marker.count)
        return read(descriptor, &head, head.count) == head.count && head == marker
    }
}
