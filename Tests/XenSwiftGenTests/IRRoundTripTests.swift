import Foundation
import Testing
import XenIR
import XenSwiftGen

/// The IR is plain data: dumped as JSON and read back, it is unchanged.
@Suite struct IRRoundTripTests {
    @Test("dump-ir of the real headers decodes to the very IR the reader built")
    func roundTrip() throws {
        let result = try xenSwiftGen(["dump-ir", "--xen-headers", Paths.realHeaders])
        #expect(result.status == 0)
        let decoded = try JSONDecoder().decode(XenInterface.self, from: Data(result.stdout.utf8))
        // Compared with the reader's value, not with a re-encoding: a key the encoder drops or the decoder
        // ignores would survive encode → decode → encode unchanged, but not this comparison.
        let request = try Generator.Request(config: Config(xenHeaders: Paths.realHeaders))
        let read = try Generator(environment: ProcessInfo.processInfo.environment).read(request).interface
        #expect(!read.families.isEmpty && !read.records.isEmpty && !read.requests.isEmpty)
        #expect(decoded.families == read.families)
        #expect(decoded.records == read.records)
        #expect(decoded.enums == read.enums)
        #expect(decoded.requests == read.requests)
        #expect(decoded == read)
    }

    @Test("the documented op keys are present")
    func stableKeys() throws {
        let result = try xenSwiftGen(["dump-ir", "--xen-headers", Paths.realHeaders])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let families = try #require(object["families"] as? [[String: Any]])
        let domctl = try #require(families.first { $0["name"] as? String == "domctl" })
        for key in ["name", "prefix", "interfaceVersion", "ops"] { #expect(domctl[key] != nil, "family key \(key)") }
        let ops = try #require(domctl["ops"] as? [[String: Any]])
        let retired = try #require(ops.first { $0["name"] as? String == "XEN_DOMCTL_getpageframeinfo" })
        for key in ["name", "number", "status", "marker", "replacement", "file", "line"] { #expect(retired[key] != nil, "op key \(key)") }
        let conditional = try #require(ops.first { $0["name"] as? String == "XEN_DOMCTL_soft_reset_cont" })
        #expect(conditional["condition"] as? String == "defined(__XEN__)")
    }
}
