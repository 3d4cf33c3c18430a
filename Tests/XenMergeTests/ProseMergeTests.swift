import Testing
import XenMerge

/// Share on code, merge docs as prose: what every variant says is kept once; what only some say is
/// kept once and marked with their names.
@Suite struct ProseMergeTests {
    @Test("a doc line only some variants have is marked after its leading space; shared lines stay as they are")
    func sentences() {
        let merged = ProseMerge.mergeDoc([
            ("x86_64", [" Shared.", "", " The type of `start_info.flags`."]),
            ("arm64", [" Shared."]),
        ])
        #expect(merged == [" Shared.", "", " On x86_64: The type of `start_info.flags`."])
    }

    @Test("a line that differs keeps each variant's version, each marked, in header order")
    func differing() {
        let merged = ProseMerge.mergeDoc([
            ("x86_64", [" C: `__guest_handle_evtchn_port_t ports` at offset 0."]),
            ("arm64", [" C: `__guest_handle_64_evtchn_port_t ports` at offset 0."]),
        ])
        #expect(
            merged == [
                " On x86_64: C: `__guest_handle_evtchn_port_t ports` at offset 0.",
                " On arm64: C: `__guest_handle_64_evtchn_port_t ports` at offset 0.",
            ])
    }

    @Test("equal docs, or one variant's, are returned unchanged")
    func unchanged() {
        #expect(ProseMerge.mergeDoc([("x86_64", [" A.", " B."]), ("arm64", [" A.", " B."])]) == [" A.", " B."])
        #expect(ProseMerge.mergeDoc([("arm64", [" A."])]) == [" A."])
        #expect(ProseMerge.mergeDoc([]) == [])
    }

    @Test("table rows take the row mark, with every variant that has the row")
    func rows() {
        let merged = ProseMerge.merge([("x86_64", ["a", "b", "c"]), ("arm64", ["a", "c"]), ("riscv64", ["a", "b"])]) {
            ProseMerge.markRow($0, on: $1)
        }
        #expect(merged == ["a", "b (x86_64, riscv64 only)", "c (x86_64, arm64 only)"])
    }
}
