import Mustache
import XenIR

/// Everything the family template needs, computed in Swift so the template stays logic-less.
struct FamilyContext: TemplateContext, Equatable {
    /// One enum case (a live or obsolete op).
    struct Case: Codable, Equatable, Sendable {
        var name: String
        var bareName: String
        var cName: String
        var literal: String
        var docLines: [String]
        var isDeprecated: Bool
        var deprecationMessage: String
    }

    /// One retired op, emitted as an unavailable static member.
    struct Retired: Codable, Equatable, Sendable {
        var name: String
        var cName: String
        var literal: String
        var docLines: [String]
        var message: String
        var renamed: String?
        var hasRenamed: Bool
    }

    /// An alias member (`#define A B`).
    struct Alias: Codable, Equatable, Sendable {
        var name: String
        var target: String
        var docLines: [String]
    }

    /// One entry of the number guard: every number once, named after its C macro.
    struct GuardEntry: Codable, Equatable, Sendable {
        var cName: String
        var literal: String
        var comment: String
    }

    /// Ops whose releases differ from the whole set, by raw value, with the releases that can take them.
    struct ReleaseGroup: Codable, Equatable, Sendable {
        /// `90, 91` (raw values, so a case another target lacks still compiles).
        var literals: String
        /// `[XenRelease(4, 21), XenRelease(4, 22)]`.
        var releases: String
    }

    /// One release's interface version.
    struct VersionEntry: Codable, Equatable, Sendable {
        var major: Int
        var minor: Int
        var literal: String
    }

    /// An op the header marks `/* stable interface */`, by raw value.
    struct StableCase: Codable, Equatable, Sendable {
        var literal: String
        var cName: String
    }

    /// One arm of the case → guard switch.
    struct GuardLink: Codable, Equatable, Sendable {
        var caseName: String
        var cName: String
    }

    var typeName: String
    var guardName: String
    var rawType: String
    var prefix: String
    var header: String
    var summaryLines: [String]
    var hasSummary: Bool
    var accessLevel: String
    var hasInterfaceVersion: Bool
    var interfaceVersionName: String
    var interfaceVersionLiteral: String
    var interfaceVersionLocation: String
    var cases: [Conditional<Case>]
    var retired: [Conditional<Retired>]
    var hasRetired: Bool
    var aliases: [Conditional<Alias>]
    var guardEntries: [Conditional<GuardEntry>]
    var guardLinks: [Conditional<GuardLink>]
    /// Whether the enum lists the hypercall numbers, and so conforms to `XenHypercallNumber`.
    var hypercallNumbers: Bool
    /// Whether the output spans several releases (then the release tables below are emitted).
    var hasReleases = false
    /// `[XenRelease(4, 16), …]`: the releases of the set, oldest first.
    var releaseSetLiteral = ""
    /// Ops that not every release of the set can take.
    var releaseGroups: [Conditional<ReleaseGroup>] = []
    /// Whether some op's payload has storage layouts (then `recordLayoutReleases` is emitted).
    var hasRecordGroups = false
    /// For a stable-ABI family of a multi-release output: what the layout check found, as doc lines.
    var stableLayoutLines: [String] = []
    /// Ops that some releases take only in a storage layout, with the releases that lay them out as the record.
    var recordGroups: [Conditional<ReleaseGroup>] = []
    /// Whether the family has an interface version in some release of the set.
    var hasInterfaceVersions = false
    /// The family's interface version in each release of the set that has one.
    var interfaceVersions: [Conditional<VersionEntry>] = []
    /// Whether any op is a stable interface.
    var hasStableCases = false
    /// The ops marked `/* stable interface */`.
    var stableCases: [Conditional<StableCase>] = []
}
