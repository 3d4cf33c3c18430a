import Foundation

/// The files a generation reads, found at plan time so the build re-runs the generator exactly
/// when one of them changes: the config, every header under the header folder, the ledger and
/// the user's templates.
///
/// The config is read leniently here: the tool validates it strictly when it runs, and a config
/// the plugin cannot read still becomes an input, so the tool's own error reaches the build log.
struct PluginInputs {
    /// The config file.
    let config: URL

    /// The input files, sorted, config first.
    /// - Returns: Absolute file URLs.
    func files() -> [URL] {
        var files = [config]
        let keys = (try? JSONSerialization.jsonObject(with: Data(contentsOf: config))) as? [String: Any] ?? [:]
        let headers = resolve(keys["xenHeaders"] as? String ?? "/usr/include/xen")
        files += Self.files(under: headers, withSuffix: ".h")
        if let templates = keys["templates"] as? String {
            files += Self.files(under: resolve(templates), withSuffix: ".mustache")
        }
        // A ledger that does not exist yet is no input; once created, it joins the list at the
        // next plan, and the changed list re-runs the command.
        if let ledger = keys["ledger"] as? String, FileManager.default.fileExists(atPath: resolve(ledger).path) {
            files.append(resolve(ledger))
        }
        return files
    }

    /// A config path resolved as the tool resolves it: relative to the config file's folder.
    /// - Parameter path: A path from the config.
    /// - Returns: The absolute URL.
    private func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(filePath: path) : config.deletingLastPathComponent().appending(path: path)
    }

    /// Every regular file under `folder` whose name ends with `suffix`, recursively, in path order.
    /// - Parameters:
    ///   - folder: The folder to walk (a missing folder gives no files; the tool reports it).
    ///   - suffix: The name ending, such as `.h`.
    /// - Returns: The files.
    private static func files(under folder: URL, withSuffix suffix: String) -> [URL] {
        guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        var found: [URL] = []
        for case let url as URL in walk where url.lastPathComponent.hasSuffix(suffix) {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true { found.append(url) }
        }
        return found.sorted { $0.path < $1.path }
    }
}
