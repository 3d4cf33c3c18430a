import Testing
import XenIR
import XenMerge

/// The one sharing rule: equal members are one member with the union of their variants, in every
/// variant's order.
@Suite struct MemberFoldTests {
    /// The fold's members as `value@variants`, for compact expectations.
    static func described(_ members: [MemberFold.Member<String>]) -> [String] {
        members.map { "\($0.value)@" + $0.availability.variants.map(String.init).joined(separator: ",") }
    }

    @Test("members every variant has are shared; the others keep their place and their variants")
    func sharedAndOwn() {
        let folded = MemberFold.fold([["a", "b", "x86", "c"], ["a", "arm", "b", "c"]])
        #expect(Self.described(folded) == ["a@0,1", "arm@1", "b@0,1", "x86@0", "c@0,1"])
    }

    @Test("a member that differs between variants stays one member per distinct value, where each variant has it")
    func differing() {
        let folded = MemberFold.fold([["a", "b1", "c"], ["a", "b2", "c"], ["a", "b1", "c"]])
        #expect(Self.described(folded) == ["a@0,1,2", "b1@0,2", "b2@1", "c@0,1,2"])
    }

    @Test("one variant, or none, folds to its own list")
    func trivial() {
        #expect(Self.described(MemberFold.fold([["a", "b"]])) == ["a@0", "b@0"])
        #expect(MemberFold.fold([[String]]()).isEmpty)
        #expect(Self.described(MemberFold.fold([[], ["a"]])) == ["a@1"])
    }

    @Test("matching members are combined: the combine step sees each variant's member with its index")
    func combine() {
        let lists = [[("r", 1), ("s", 1)], [("r", 2)]]
        let folded = MemberFold.fold(lists, matching: { $0.0 == $1.0 }) { parts in
            (parts[0].value.0, parts.map { $0.value.1 * 10 + $0.variant }.reduce(0, +))
        }
        #expect(folded.map(\.value.0) == ["r", "s"])
        #expect(folded.map(\.value.1) == [10 + 21, 10])
        #expect(folded.map(\.availability.variants) == [[0, 1], [0]])
    }

    @Test("availability: every variant, union, order and repeats")
    func availability() {
        #expect(Availability([1, 0, 1]).variants == [0, 1])
        #expect(Availability([0, 1]).isEverywhere(of: 2))
        #expect(!Availability([1]).isEverywhere(of: 2))
        #expect(Availability([2]).union(Availability([0])).variants == [0, 2])
    }
}
