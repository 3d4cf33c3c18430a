import Mustache

/// Everything the commands template needs for one request family.
struct CommandContext: TemplateContext, Equatable {
    /// One static member binding an op to its payload.
    struct Command: Codable, Equatable, Sendable {
        var name: String
        var docLines: [String]
    }

    /// The commands that share one payload type.
    struct Group: Codable, Equatable, Sendable {
        var payloadType: String
        var commands: [Conditional<Command>]
    }

    /// An op the generator could not bind, emitted as an unavailable member that says why.
    struct Unmapped: Codable, Equatable, Sendable {
        var name: String
        var docLines: [String]
        var message: String
    }

    /// A request field other than the op, version, union and padding, taken as an initializer parameter.
    struct ExtraField: Codable, Equatable, Sendable {
        var name: String
        var cName: String
        var type: String
    }

    /// A number the hypercall takes besides the op and the payload, as a parameter of the call method.
    struct Argument: Codable, Equatable, Sendable {
        /// The Swift label, such as `vcpu`.
        var label: String
        /// The Swift type, such as `UInt32`.
        var type: String
        /// The C parameter, such as `unsigned int vcpuid`.
        var c: String
        /// Whether it is the last one (no comma after it).
        var last: Bool
    }

    /// A memory region the hypercall takes as two arguments (`hypfs_op`'s path and data), a parameter of the call method.
    struct Region: Codable, Equatable, Sendable {
        /// The Swift label, such as `path`.
        var label: String
        /// What the two arguments are, escaped for a doc comment.
        var c: String
        /// Whether it is the last one.
        var last: Bool
    }

    /// One row of the family's op table in the command type's documentation, each cell Markdown
    /// already escaped (``SwiftText/markdownCode(_:)``).
    struct OpRow: Codable, Equatable, Sendable {
        /// The op's C name.
        var op: String
        /// Its number.
        var number: String
        /// The payload type, or why there is none.
        var payload: String
        /// The errors the op's header comment names, or `-`.
        var errors: String
    }

    var header: String
    var accessLevel: String
    var prefix: String
    var commandType: String
    var opType: String
    /// Whether the payload travels in a request record (else it is the hypercall's argument).
    var hasRequest: Bool
    var requestType: String
    var requestCName: String
    var unionField: String
    var opField: String
    var opProperty: String
    var hasVersion: Bool
    var versionFieldDoc: String
    var versionProperty: String
    var unionProperty: String
    var exampleOp: String
    var examplePayload: String
    var groups: [Conditional<Group>]
    /// Each unmapped op is its own extension, so one that only some targets have sits alone under `#if`.
    var unmapped: [Conditional<Unmapped>]
    var extraFields: [ExtraField]
    /// Whether the family table names the hypercall, so the runtime glue (`XenRequest`, `XenHypervisor` calls) is emitted.
    var hasHypercall = false
    /// `__HYPERVISOR_domctl`.
    var hypercallCName = ""
    /// Its number, as a literal.
    var hypercallNumber = ""
    /// The `XenHypervisor` method that issues the family's commands, such as `domctl`.
    var callMethod = ""
    /// The hypercall's numbers besides the op and the payload (the vcpu of `vcpu_op`, the domain of `dm_op`).
    var hypercallArguments: [Argument] = []
    /// Whether there are any.
    var hasHypercallArguments = false
    /// Whether the request travels as `bufs[0]` of a buffer array (`dm_op`), so the call takes more buffers.
    var bufferArray = false
    /// Whether the hypercall takes `(op, payloads, count)` (`grant_table_op`), so the call takes an array too.
    var payloadCount = false
    /// The Swift property of the payload field that carries the op (`cmd` of `struct mmuext_op`), for a
    /// hypercall that takes records and no op number; empty otherwise.
    var opInPayload = ""
    /// Whether there is one.
    var hasOpInPayload = false
    /// The memory regions the hypercall takes after the op, each as (address, size), instead of a payload.
    var regionArguments: [Region] = []
    /// Whether there are any.
    var hasRegionArguments = false
    /// The family's summary from the family table, as doc comment lines after a blank one; empty without a summary.
    var summaryLines: [String] = []
    /// Every op of every target, in number order, for the op table (the targets' rows are folded, not merged).
    var opRows: [OpRow] = []
}
