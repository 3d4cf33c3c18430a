import Mustache
import Testing
@testable import XenEmitter

/// Template contexts answer lookups through `child(named:)`; it must give exactly what swift-mustache's
/// `Mirror` lookup gave (the same names, the same values, `nil` for an unknown name or a `nil`
/// optional), or a template — built-in or a user's — would render differently.
@Suite struct TemplateFieldsTests {
    /// Every context type, filled with values that differ field by field so a swapped name shows.
    static var roots: [(String, Any)] { [
        ("support", SupportContext(accessLevel: "public")),
        ("family", FamilyContext(
            typeName: "T", guardName: "G", rawType: "R", prefix: "P", header: "H", summaryLines: ["s1", "s2"],
            accessLevel: "A", hasInterfaceVersion: true, interfaceVersionName: "IVN", interfaceVersionLiteral: "IVL",
            interfaceVersionLocation: "IVLoc",
            cases: [.init(name: "n", bareName: "b", cName: "c", literal: "1", docLines: ["d"], isDeprecated: true, deprecationMessage: "m")],
            retired: [
                .init(name: "rn", cName: "rc", literal: "2", docLines: ["rd"], message: "rm", renamed: "new", hasRenamed: true),
                .init(name: "rn2", cName: "rc2", literal: "3", docLines: [], message: "rm2", renamed: nil, hasRenamed: false),
            ],
            hasRetired: true, aliases: [.init(name: "an", target: "at", docLines: ["ad"])],
            guardEntries: [.init(cName: "gc", literal: "4", comment: "gm")], guardLinks: [.init(caseName: "lc", cName: "lC")]
        )),
        ("records", RecordFileContext(header: "h.h", records: [RecordContext(
            docLines: ["rd"], accessLevel: "A", declName: "D", parentTypeName: "P", isNested: true, indent: "    ",
            members: [RecordContext.Member(
                docLines: ["md"], name: "mn", type: "mt", zero: "0", isStored: true, isPrivateStorage: true, isUnionMember: true,
                isBitField: true, isForward: true, storage: "st", bitOffset: 3, bitWidth: 5, isSigned: true, via: "v"
            )]
        )])),
        ("commands", CommandContext(
            header: "H", accessLevel: "A", prefix: "P", commandType: "CT", opType: "OT", hasRequest: true, requestType: "RT",
            requestCName: "RC", unionField: "UF", opField: "OF", opProperty: "OP", hasVersion: true, versionFieldDoc: "VD",
            versionProperty: "VP", unionProperty: "UP", exampleOp: "EO", examplePayload: "EP",
            groups: [.init(payloadType: "PT", commands: [.init(name: "cn", docLines: ["cd"])])],
            unmapped: [.init(name: "un", docLines: ["ud"], message: "um")], hasUnmapped: true,
            extraFields: [.init(name: "en", cName: "ec", type: "et")]
        )),
        ("layout", LayoutContext(
            accessLevel: "A", target: "T", recordCount: 1, fieldCount: 2,
            records: [.init(cName: "c", cNameLiteral: "\"c\"", function: "f", type: "t", size: 8, alignment: 4,
                            fields: [.init(name: "fn", offset: 4, label: "fl")])]
        )),
        ("record-support", RecordSupportContext(
            accessLevel: "A", typedefs: [.init(name: "tn", cName: "tc", cType: "tct", type: "tt")],
            enums: [.init(name: "en", rawType: "er", docLines: ["ed"], constants: [.init(name: "kn", cName: "kc", value: "7", doc: "kd")])]
        )),
        ("architectures", ArchitectureBranches(
            branches: [.init(keyword: "k", architecture: "a", text: "t", hasText: true)], architectures: "as"
        )),
    ] }

    @Test("every stored property answers under its own name with its own value; other names are nil",
          arguments: ["support", "family", "records", "commands", "layout", "record-support", "architectures"])
    func matchesMirror(root: String) throws {
        let value = try #require(Self.roots.first { $0.0 == root }?.1)
        var checked = 0
        try Self.check(value, path: root, checked: &checked)
        #expect(checked > 0)
    }

    @Test("a nil optional is a missing key, so the lookup climbs to the enclosing context")
    func nilOptionalIsMissing() throws {
        let retired = FamilyContext.Retired(name: "n", cName: "c", literal: "1", docLines: [], message: "m", renamed: nil, hasRenamed: false)
        #expect(retired.child(named: "renamed") == nil)
        #expect(retired.child(named: "accessLevel") == nil)
        let template = try MustacheTemplate(string: "{{#items}}[{{renamed}}|{{accessLevel}}]{{/items}}")
        let text = template.render(Stack(items: [retired]))
        #expect(text == "[outer|outerLevel]")
    }

    /// A context whose items lack `renamed` (nil) and `accessLevel`, both of which it has.
    struct Stack: MustacheParent {
        /// The loop's elements.
        var items: [FamilyContext.Retired]
        /// The outer values, under names the elements lack.
        func child(named name: String) -> Any? {
            switch name {
            case "items": items
            case "renamed": "outer"
            case "accessLevel": "outerLevel"
            default: nil
            }
        }
    }

    /// Compares `value`'s lookups with its `Mirror`, then does the same for every struct inside it.
    static func check(_ value: Any, path: String, checked: inout Int) throws {
        let mirror = Mirror(reflecting: value)
        if let array = value as? [Any] {
            for (index, element) in array.enumerated() { try check(element, path: "\(path)[\(index)]", checked: &checked) }
            return
        }
        guard mirror.displayStyle == .struct else { return }
        let parent = try #require(value as? any MustacheParent, "\(path): \(type(of: value)) does not answer lookups")
        checked += 1
        for child in mirror.children {
            let label = try #require(child.label)
            let expected = unwrapped(child.value)
            let actual = parent.child(named: label)
            #expect(actual.map { String(describing: $0) } == expected.map { String(describing: $0) }, "\(path).\(label)")
            if let expected { try check(expected, path: "\(path).\(label)", checked: &checked) }
        }
        #expect(parent.child(named: "noSuchField") == nil, "\(path)")
    }

    /// One level of `Optional` removed, as swift-mustache's `Mirror` lookup does.
    static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
