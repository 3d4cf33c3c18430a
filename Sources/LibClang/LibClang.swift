import CLibClang

/// A loaded libclang: the function table resolved from one shared library.
///
/// libclang is opened at run time so that the package links against nothing and works with any
/// libclang from LLVM 6 on (Debian's `libclang-dev`, or the Swift toolchain's own copy).
public final class LibClang: @unchecked Sendable {
    /// The resolved C functions. Immutable after loading, hence safe to share.
    let api: XSGLibClang
    /// The path the library was loaded from.
    public let path: String

    /// Loads the first usable libclang from `candidates`.
    /// - Parameter candidates: Paths to try, in order (see ``LibraryLocator``).
    /// - Returns: The loaded library.
    /// - Throws: ``LibClangError/notFound(tried:)`` when none of them loads.
    public static func load(candidates: [LibraryLocator.Candidate]) throws -> LibClang {
        if xsg_is_static_executable() != 0 { throw LibClangError.staticExecutable }
        var tried: [String] = []
        if let clang = firstLoadable(candidates, tried: &tried) { return clang }
        throw LibClangError.notFound(tried: tried)
    }

    /// Loads libclang from the locations the environment allows, in the documented order.
    /// - Parameter environment: The process environment (`LIBCLANG_PATH` is read from it).
    /// - Returns: The loaded library.
    /// - Throws: ``LibClangError`` when no candidate loads.
    public static func load(environment: [String: String]) throws -> LibClang {
        if xsg_is_static_executable() != 0 { throw LibClangError.staticExecutable }
        let locator = LibraryLocator(environment: environment)
        if let explicit = environment["LIBCLANG_PATH"], !explicit.isEmpty {
            // An explicit choice is never silently replaced by another libclang.
            return try load(candidates: locator.explicitCandidates(explicit))
        }
        // Stage by stage: later stages (directory scans) run only when earlier candidates fail.
        var tried: [String] = []
        var seen = Set<String>()
        for stage in locator.stages {
            let fresh = stage().filter { seen.insert($0.path).inserted }
            if let clang = firstLoadable(fresh, tried: &tried) { return clang }
        }
        throw LibClangError.notFound(tried: tried)
    }

    /// The first candidate that loads.
    /// - Parameters:
    ///   - candidates: Paths to try, in order.
    ///   - tried: Receives one line per candidate that failed, with the reason.
    /// - Returns: The loaded library, or `nil` when none loads.
    private static func firstLoadable(_ candidates: [LibraryLocator.Candidate], tried: inout [String]) -> LibClang? {
        for candidate in candidates {
            if let problem = SharedObjectCheck.problem(candidate.path) {
                tried.append("\(candidate.path) (\(candidate.origin): \(candidate.path): \(problem))")
                continue
            }
            var api = XSGLibClang()
            var message = [CChar](repeating: 0, count: 512)
            if xsg_libclang_open(candidate.path, &api, &message, message.count) == 0 {
                return LibClang(api: api, path: candidate.path)
            }
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            tried.append("\(candidate.path) (\(candidate.origin): \(reason))")
        }
        return nil
    }

    private init(api: XSGLibClang, path: String) {
        self.api = api
        self.path = path
    }

    /// The library's own version string, such as `Debian clang version 14.0.6`.
    public var version: String { string(api.getClangVersion()) }

    /// Converts and disposes a `CXString`.
    func string(_ value: CXString) -> String {
        defer { api.disposeString(value) }
        guard let pointer = api.getCString(value) else { return "" }
        return String(cString: pointer)
    }
}

/// Why libclang could not be used.
public enum LibClangError: Error, CustomStringConvertible {
    /// No candidate library loaded.
    case notFound(tried: [String])
    /// This process is a static executable: it has no dynamic loader, so it cannot load libclang.
    case staticExecutable

    public var description: String {
        switch self {
        case .notFound(let tried):
            let list = tried.isEmpty ? "no candidates" : tried.joined(separator: "; ")
            return
                "cannot load libclang (tried \(list)); install it with 'apt-get install libclang-dev' or set LIBCLANG_PATH to libclang.so or its folder"
        case .staticExecutable:
            // SwiftPM passes -Xswiftc flags to the tools a build plugin runs as well as to the product.
            return "cannot load libclang: xen-swiftgen was linked as a static executable (-static-executable), which cannot "
                + "dlopen a shared library; build static tools with --static-swift-stdlib, or with the vendored XenPublic (see "
                + "'Static dom0 tools' in the XenSwiftGen documentation)"
        }
    }
}
