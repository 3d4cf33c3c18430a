import Foundation

/// A known earlier output: what `generate` writes for the real headers, made once per test run.
///
/// Failure tests copy it into their output folder first, so "nothing created, changed or deleted"
/// is checked against a full, realistic folder rather than an empty one.
enum OutputBaseline {
    /// The baseline files (relative path → bytes); a failure to make them fails each test that needs them.
    /// - Throws: ``TestFailure`` when the baseline run failed.
    static func files() throws -> [String: Data] {
        try made.get()
    }

    /// The baseline, made once per test run.
    private static let made = Result { () throws(TestFailure) -> [String: Data] in
        do {
            let folder = try makeTemporaryFolder("baseline")
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = try xenSwiftGen(["generate", "--xen-headers", Paths.realHeaders, "--output", folder.path])
            guard result.status == 0 else { throw TestFailure("baseline generation failed: \(result.stderr)") }
            return snapshot(folder)
        } catch let failure as TestFailure {
            throw failure
        } catch {
            throw TestFailure("baseline generation failed: \(error)")
        }
    }

    /// A fresh temporary output folder holding the baseline.
    /// - Returns: The folder; the caller removes it.
    static func populatedFolder() throws -> URL {
        let folder = try makeTemporaryFolder("out")
        for (path, data) in try files() { try data.write(to: folder.appendingPathComponent(path)) }
        return folder
    }
}

/// Copies `source`'s regular files into a new folder `destination`, creating them in `order`.
/// - Parameters:
///   - source: A header tree.
///   - destination: A folder that does not exist yet.
///   - reversed: Create files and folders in reverse name order (to vary the directory listing order).
func copyTree(_ source: URL, to destination: URL, reversed: Bool = false) throws {
    let manager = FileManager.default
    let paths = (manager.enumerator(atPath: source.path)?.allObjects as? [String] ?? []).sorted()
    try manager.createDirectory(at: destination, withIntermediateDirectories: true)
    for path in reversed ? paths.reversed() : paths {
        let from = source.appendingPathComponent(path)
        let to = destination.appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: from.path, isDirectory: &isDirectory) else { continue }
        if isDirectory.boolValue {
            try manager.createDirectory(at: to, withIntermediateDirectories: true)
        } else {
            try manager.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contentsOf: from).write(to: to)
        }
    }
}
