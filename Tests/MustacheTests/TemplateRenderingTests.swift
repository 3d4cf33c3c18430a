import Testing
@testable import Mustache

/// The Mustache the renderer speaks, case by case after the Mustache spec (interpolation, sections,
/// inverted sections, comments, partials, delimiters, standalone lines) and the context-stack rules
/// swift-mustache had, so users' templates render as before.
@Suite struct TemplateRenderingTests {
    @Test("variables print text, numbers and flags; nothing is escaped in any of the three forms")
    func interpolation() throws {
        #expect(try render("{{title}} {{count}} {{on}} {{off}}") == "T 0 true false")
        var context = SampleContext()
        context.title = "<a & \"b\">"
        #expect(try render("{{title}}|{{{title}}}|{{& title }}", context) == "<a & \"b\">|<a & \"b\">|<a & \"b\">")
        #expect(try render("[{{missing}}]") == "[]")
    }

    @Test("a list section repeats with each element on the stack; an empty list hides it, an inverted one shows")
    func lists() throws {
        #expect(try render("{{#items}}<{{name}}>{{/items}}") == "<a><b>")
        #expect(try render("{{#none}}x{{/none}}{{^none}}empty{{/none}}") == "empty")
        #expect(try render("{{#words}}[{{.}}]{{/words}}") == "[x][y][z]")
        #expect(try render("{{^items}}x{{/items}}") == "")
    }

    @Test("flags show or hide a section without pushing; text, numbers and optionals push their value")
    func flagsAndValues() throws {
        #expect(try render("{{#on}}yes{{/on}}{{#off}}no{{/off}}{{^off}}not off{{/off}}") == "yesnot off")
        #expect(try render("{{#note}}<{{.}}>{{/note}}{{#missing}}gone{{/missing}}{{^missing}}absent{{/missing}}") == "<root>absent")
        #expect(try render("{{#count}}zero shows{{/count}}") == "zero shows")
        #expect(try render("{{#inner}}{{name}}/{{title}}{{/inner}}") == "in/T")
    }

    @Test("names climb the stack; a nil optional climbs on, as swift-mustache did; dotted names descend")
    func lookups() throws {
        #expect(try render("{{#items}}{{name}}:{{title}};{{/items}}") == "a:T;b:T;")
        #expect(try render("{{#items}}{{note}};{{/items}}") == "root;own;")
        #expect(try render("{{inner.name}} {{inner.flag}}") == "in true")
        #expect(try render("{{#items}}{{#flag}}{{name}} flagged{{/flag}}{{/items}}") == "a flagged")
    }

    @Test("list functions: first(), last(), index(), even(), odd()")
    func sequenceFunctions() throws {
        #expect(try render("{{#words}}{{.}}{{^last()}}, {{/last()}}{{/words}}") == "x, y, z")
        #expect(
            try render("{{#words}}{{index()}}{{#first()}}!{{/first()}}{{#odd()}}o{{/odd()}}{{#even()}}e{{/even()}}{{/words}}") == "0!e1o2e")
    }

    @Test("section, comment, partial and delimiter tags alone on a line take the line with them")
    func standaloneLines() throws {
        #expect(try render("a\n  {{#on}}\nb\n  {{/on}}\nc\n") == "a\nb\nc\n")
        #expect(try render("a\r\n{{#on}}\r\nb\r\n{{/on}}\r\n") == "a\r\nb\r\n")
        #expect(try render("  {{#on}}x{{/on}}\n") == "  x\n")
        #expect(try render("a\n{{! note }}\nb\n{{!\n  two lines\n}}\nc") == "a\nb\nc")
        #expect(try render("{{title}}\n{{#none}}\n{{/none}}") == "T\n")
        #expect(try render("  {{title}}\n") == "  T\n")
    }

    @Test("comments vanish; set-delimiter switches the tags; pragmas are accepted")
    func commentsAndDelimiters() throws {
        #expect(try render("a{{! a comment }}b") == "ab")
        #expect(try render("{{=<% %>=}}\n<% title %>{{title}}<%={{ }}=%>{{count}}") == "T{{title}}0")
        #expect(try render("{{% CONTENT_TYPE: TEXT}}\n{{title}}") == "T")
    }

    @Test("partials render with the including context; a standalone partial indents each line")
    func partials() throws {
        #expect(try render("<{{> p}}>", partials: ["p": "{{title}}"]) == "<T>")
        #expect(try render("a\n  {{>p}}\nb", partials: ["p": "x\n{{#words}}{{.}}\n{{/words}}"]) == "a\n  x\n  x\n  y\n  z\nb")
        #expect(try render("{{#items}}{{>p}}{{/items}}", partials: ["p": "({{name}})"]) == "(a)(b)")
    }

    @Test("the schema read from Decodable and the value written by Encodable agree field by field")
    func schemaMatchesEncoding() throws {
        let schema = try TemplateSchema.of(SampleContext.self)
        #expect(schema.fieldNames == ["title", "count", "on", "off", "items", "none", "words", "note", "missing", "inner"])
        #expect(conforms(try TemplateValueEncoder.encode(SampleContext()), to: schema))
    }

    /// Whether `value` has the shape `schema` describes (a field count off by one would shift every index).
    private func conforms(_ value: TemplateValue, to schema: TemplateSchema) -> Bool {
        switch (value, schema) {
        case (.null, .optional): true
        case (_, .optional(let wrapped)): conforms(value, to: wrapped)
        case (.text, .text), (.int, .int), (.bool, .bool): true
        case (.list(let elements), .list(let element)): elements.allSatisfy { conforms($0, to: element) }
        case (.record(let values), .record(_, let fields)):
            values.count == fields.count && zip(values, fields).allSatisfy { conforms($0, to: $1.schema) }
        default: false
        }
    }
}
