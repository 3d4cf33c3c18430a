import Foundation
import Testing

/// The articles name places in the repository; a renamed or moved file must not leave them pointing
/// nowhere. The Architecture article (`HowItWorks.md`, "Where things happen") names one place for each
/// of the things a newcomer looks for first.
@Suite struct DocumentedPathsTests {
    /// Every article: the DocC catalogs and the READMEs.
    static func articles() throws -> [URL] {
        let root = Paths.packageRoot
        var urls = [root.appendingPathComponent("README.md"), root.appendingPathComponent("Templates/README.md")]
        for catalog in ["Sources/XenSwiftGen/XenSwiftGen.docc", "Generated/XenPublic.docc"] {
            let folder = root.appendingPathComponent(catalog)
            urls += try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
                .map { folder.appendingPathComponent($0) }
        }
        return urls
    }

    @Test("every repository path an article names in code voice exists")
    func pathsExist() throws {
        let path = try Regex(#"`((?:Sources|Tests|Templates|Plugins|Generated|Scripts)/[^`\s:]*)"#)
        var named = 0
        var missing: [String] = []
        for article in try Self.articles() {
            let text = try String(contentsOf: article, encoding: .utf8)
            for match in text.matches(of: path) {
                guard let found = match.output[1].substring else { continue }
                // Placeholders of a user's package (`Sources/MyTool/`) and patterns (`<case>`) name no file here.
                if found.contains("<") || found.contains("MyTool") || found.contains("{") || found.contains("*") { continue }
                named += 1
                let file = Paths.packageRoot.appendingPathComponent(String(found))
                if !FileManager.default.fileExists(atPath: file.path) { missing.append("\(article.lastPathComponent): \(found)") }
            }
        }
        #expect(named > 50, "\(named) paths named")
        #expect(missing.isEmpty, "\(missing.joined(separator: "\n"))")
    }

    @Test(
        "the Architecture article names one place for a tombstone, a record's layout, a hypercall and --output, and each declares what it names"
    )
    func whereThingsHappen() throws {
        let text = try String(
            contentsOf: Paths.packageRoot.appendingPathComponent("Sources/XenSwiftGen/XenSwiftGen.docc/HowItWorks.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Where things happen").dropFirst().first)
        // `- **What** in `Type.member(…)` (`path`)`: the member is declared in the file.
        let entry = try Regex(#"- \*\*(.+?)\*\* in `[A-Za-z]+\.([A-Za-z]+)[^`]*` \(`([^`]+)`\)"#)
        var topics: [String] = []
        for match in section.matches(of: entry) {
            guard let topic = match.output[1].substring, let member = match.output[2].substring,
                let path = match.output[3].substring
            else { continue }
            topics.append(String(topic))
            let source = try String(contentsOf: Paths.packageRoot.appendingPathComponent(String(path)), encoding: .utf8)
            #expect(source.contains("func \(member)(") || source.contains("func \(member)<"), "\(path) declares no \(member)")
        }
        #expect(
            topics == [
                "A tombstone is parsed", "A record's Swift layout is decided", "A hypercall is issued", "`--output` reaches the writer",
                "A type name is spelled",
            ])
    }
}
