import Testing
import XenIR
@testable import XenEmitter

/// The built-in template set against the emitter's context types (the engine's own tests are `MustacheTests`).
@Suite struct TemplateSetTests {
    @Test("the built-in templates compile against their documented contexts")
    func builtinTemplatesCompile() throws {
        let set = try TemplateSet(directory: nil)
        #expect(Set(set.sources.keys).isSuperset(of: TemplateSet.contexts.keys))
    }

    @Test("a context of the wrong type is refused, not rendered")
    func wrongContext() throws {
        let set = try TemplateSet(directory: nil)
        #expect(throws: GeneratorDiagnostic.self) { try set.render("family", SupportContext(accessLevel: "public")) }
    }
}
