import ArgumentParser
import XenSwiftGen
import Foundation
import XenIR

/// The `xen-swiftgen` command. `Sources/xen-swiftgen/main.swift` runs it; the atomicity tests' executable
/// (`Tests/FaultInjection`) runs it too, after installing ``RunCheckpoints`` hooks.
public struct XenSwiftGenCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "xen-swiftgen",
        abstract: "Generate type-safe Swift bindings from the Xen hypervisor's public C headers.",
        discussion: """
            Reads the headers with libclang (from libclang-dev, or LIBCLANG_PATH), records every op family with \
            its live, obsolete and retired ops, refuses headers that give a retired number to a new op, and \
            writes Swift through the templates.

            Typical use:
              xen-swiftgen generate                       # /usr/include/xen -> ./Generated
              xen-swiftgen generate --check               # fail when ./Generated is stale
              xen-swiftgen dump-ir | jq '.families[0]'    # inspect what was read
              xen-swiftgen families                       # the names the config's "families" key takes

            Exit status: 0 on success; 1 when the run fails (a reused op number, a clang error, a bad \
            config, a stale folder under --check, …); 64 when the command line itself is wrong (an unknown \
            option, a missing or invalid value).
            """,
        version: ToolVersion.current,
        subcommands: [
            GenerateCommand.self, DumpIRCommand.self, AuditCommand.self, FamiliesCommand.self, CoverageCommand.self, HistoryCommand.self,
            DiffCommand.self,
        ]
    )

    /// Parses and runs a command. Usage errors (an unknown option, a failed validation) are printed
    /// through the same compiler-format renderer as every other error, then the usage line; `--help`
    /// and the exit codes of the commands pass through unchanged.
    public init() {}

    public static func main() {
        if let message = nonUTF8Argument() {
            Diagnostics.print(GeneratorDiagnostic(.error, at: nil, message).rendered(root: ""))
            exit(withError: ExitCode(64))
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error where exitCode(for: error) == .failure || exitCode(for: error) == .validationFailure {
            // ArgumentParser's text is "Error: <message>", then the usage lines: the message goes through
            // the one renderer (which writes "error: "), the usage follows as it is.
            var lines = fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if let first = lines.first, !first.isEmpty {
                let message = first.hasPrefix("Error: ") ? String(first.dropFirst("Error: ".count)) : first
                lines[0] = GeneratorDiagnostic(.error, at: nil, message).rendered(root: "")
                Diagnostics.print(lines.joined(separator: "\n").trimmingCharacters(in: .newlines))
            }
            exit(withError: ExitCode(exitCode(for: error).rawValue))
        } catch {
            exit(withError: error)
        }
    }

    /// The refusal of the first argument whose bytes are not UTF-8, if any.
    ///
    /// Swift reads the command line as UTF-8 and replaces a byte it cannot decode with U+FFFD, so a
    /// folder named with such a byte would turn into another folder. Refusing is the honest answer.
    /// - Returns: One line, with the bad bytes written as `\xNN`.
    static func nonUTF8Argument() -> String? {
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer))).map { UInt8(bitPattern: $0) }
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            var valid = true
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: break decoding
                case .error:
                    valid = false
                    break decoding
                }
            }
            if valid { continue }
            let shown = bytes.map { $0 >= 0x20 && $0 < 0x7F ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined()
            return "argument \(index) ('\(shown)') is not valid UTF-8; xen-swiftgen refuses it rather than read it as another name"
        }
        return nil
    }
}
