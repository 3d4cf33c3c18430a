import Testing
import XenIR
@testable import Mustache

/// Template mistakes are errors in compiler format, at the tag: a misspelled name no longer renders
/// as nothing, and a parse error names its place and reason in one line.
@Suite struct TemplateErrorTests {
    @Test("a misspelled name is an error at its tag, with the nearest field")
    func unknownName() {
        #expect(
            failure("// header\n{{title}} {{titel}}")
                == "t.mustache:2:11: error: unknown name 'titel': not a field of SampleContext; did you mean 'title'?")
        #expect(
            failure("{{#items}}\n  {{nmae}}\n{{/items}}")
                == "t.mustache:2:3: error: unknown name 'nmae': not a field of SampleItem, SampleContext; did you mean 'name'?")
        #expect(
            failure("{{#zzz}}{{/zzz}}")?.hasPrefix(
                "t.mustache:1:1: error: unknown name 'zzz': not a field of SampleContext (names here: count, inner, items,") == true)
        #expect(
            failure("{{inner.nmae}}")
                == "t.mustache:1:1: error: 'inner.nmae': 'inner' is SampleItem, which has no 'nmae' (name, flag, note); did you mean 'name'?"
        )
    }

    @Test("a name in a partial is checked where the partial is included, and located in the partial's file")
    func unknownNameInPartial() {
        #expect(
            failure("{{#items}}\n{{>p}}{{/items}}", partials: ["p": "ok {{titel}}"])
                == "p.mustache:1:4: error: unknown name 'titel': not a field of SampleItem, SampleContext; did you mean 'title'?")
        #expect(failure("{{>q}}") == "t.mustache:1:1: error: partial 'q': there is no template 'q.mustache'")
        #expect(failure("{{>p}}", partials: ["p": "{{>t}}"]) == "p.mustache:1:1: error: partial 't' includes itself (t → p → t)")
    }

    @Test("lists and records are not text; list functions need a list")
    func misuse() {
        #expect(
            failure("{{items}}") == "t.mustache:1:1: error: 'items' is a list of SampleItem: use it as a section, '{{#items}}…{{/items}}'")
        #expect(
            failure("{{inner}}") == "t.mustache:1:1: error: 'inner' is a SampleItem, not text: name one of its fields (name, flag, note)")
        #expect(failure("{{#first()}}x{{/first()}}") == "t.mustache:1:1: error: 'first()' is only defined inside a list section")
        #expect(failure("{{#words}}{{upper(.)}}{{/words}}")?.contains("and no transforms") == true)
    }

    @Test(
        "parse errors: one readable line at the place of the mistake",
        arguments: [
            ("a\n{{title", "t.mustache:2:1: error: tag is not closed: no '}}' after this '{{'"),
            ("a\n {{#items}}\nx", "t.mustache:2:2: error: section 'items' is never closed (no '{{/items}}')"),
            ("{{#items}}{{/words}}", "t.mustache:1:11: error: '{{/words}}' does not close 'items', opened at line 1"),
            ("x {{/items}}", "t.mustache:1:3: error: '{{/items}}' closes no open section"),
            ("{{=<% =}}", "t.mustache:1:1: error: set-delimiter tag must read '{{=OPEN CLOSE=}}' (two delimiters without spaces or '=')"),
            ("{{<base}}{{/base}}", "t.mustache:1:1: error: template inheritance ('{{<…}}') is not supported; use partials ('{{> name}}')"),
            ("{{ }}", "t.mustache:1:1: error: empty tag"),
            ("{{a b}}", "t.mustache:1:1: error: 'a b' is not a name (letters, digits, '_' and '-', joined by '.')"),
        ])
    func parseErrors(text: String, expected: String) {
        #expect(failure(text) == expected)
    }
}
