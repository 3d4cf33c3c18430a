import Foundation

/// The result of running a command.
struct RunResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `executable` with `arguments`, capturing both streams.
/// - Parameters:
///   - executable: The program.
///   - arguments: Its arguments.
///   - environment: Variables to add to (or replace in) the current environment.
///   - directory: The working directory.
/// - Returns: Exit status and output.
func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> RunResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes concurrently so neither fills up and blocks the child.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return RunResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs the built `xen-swiftgen`.
func xenSwiftGen(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> RunResult {
    try run(Paths.cli, arguments, environment: environment, in: directory)
}

/// Runs the tests' `xen-swiftgen-faults`, whose runs stop or fail where `environment` says (`XEN_SWIFTGEN_KILL_AT`,
/// `XEN_SWIFTGEN_FAIL_AT`).
func xenSwiftGenFaults(_ arguments: [String], environment: [String: String]) throws -> RunResult {
    try run(Paths.faultsCLI, arguments, environment: environment)
}

/// Runs `swiftc` from PATH (the toolchain running the tests), with the built XenHypercall module on
/// the import path, since every generated file imports it.
func swiftc(_ arguments: [String], in directory: URL? = nil) throws -> RunResult {
    try run(URL(fileURLWithPath: "/usr/bin/env"), ["swiftc", "-I", Paths.modules.path] + arguments, in: directory)
}

/// A fresh temporary folder, removed by the caller with `try? FileManager.default.removeItem(at:)`.
func makeTemporaryFolder(_ label: String = "xsg") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A snapshot of every file under `folder` (relative path → bytes), to prove a failed run changed nothing.
func snapshot(_ folder: URL) -> [String: Data] {
    var result: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return result }
    while let path = enumerator.nextObject() as? String {
        if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) { result[path] = data }
    }
    return result
}
