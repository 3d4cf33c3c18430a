// libFuzzer harness for XenSwiftGen.LedgerFile.decode(_:path:), built by Scripts/fuzz.sh together with
// the XenIR sources, the ledger model (XenChecks/Ledger.swift, Acknowledgement.swift) and the JSON
// error text (compiled as one module, so the package's own `import` lines are dropped). The input is
// a ledger file's bytes. A ledger is either accepted, and then re-encodes to bytes that decode to the
// same ledger, or rejected with one diagnostic of one line that names the file.

import Foundation

/// Checks one input; traps on a broken invariant so libFuzzer records it.
@_cdecl("LLVMFuzzerTestOneInput")
public func ledgerFileFuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    do {
        let ledger = try LedgerFile.decode(data, path: "fuzz/ledger.json")
        let encoded = try LedgerFile.encode(ledger)
        var canonical = ledger
        canonical.canonicalize()
        let again = try LedgerFile.decode(encoded, path: "fuzz/ledger.json")
        precondition(again == canonical, "a ledger does not survive encode and decode")
        let reencoded = try LedgerFile.encode(again)
        precondition(reencoded == encoded, "the canonical encoding is not stable")
    } catch let diagnostic as GeneratorDiagnostic {
        let text = diagnostic.rendered(root: "")
        precondition(!text.contains("\n"), "a ledger error spans lines: \(text)")
        precondition(text.contains("fuzz/ledger.json"), "a ledger error does not name the file: \(text)")
    } catch {
        preconditionFailure("LedgerFile threw something other than a GeneratorDiagnostic: \(error)")
    }
    return 0
}
