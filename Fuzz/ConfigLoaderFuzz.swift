// libFuzzer harness for XenSwiftGen.ConfigLoader.decode(data:path:), built by Scripts/fuzz.sh together
// with the XenIR sources and Config/ConfigLoader/BuiltinFamilies/SwiftIdentifier (compiled as one
// module, so the `import XenIR` lines are dropped). The input is a config file's bytes.
// A config is either accepted or rejected with one diagnostic of one line that names the file.

import Foundation

/// Checks one input; traps on a broken invariant so libFuzzer records it.
@_cdecl("LLVMFuzzerTestOneInput")
public func configLoaderFuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    do {
        let config = try ConfigLoader.decode(data: data, path: "fuzz/config.json")
        _ = try? config.resolvedFamilies()
    } catch let diagnostic as GeneratorDiagnostic {
        let text = diagnostic.rendered(root: "")
        precondition(!text.contains("\n"), "a config error spans lines: \(text)")
        precondition(text.contains("fuzz/config.json"), "a config error does not name the file: \(text)")
    } catch {
        preconditionFailure("ConfigLoader threw something other than a GeneratorDiagnostic: \(error)")
    }
    return 0
}
