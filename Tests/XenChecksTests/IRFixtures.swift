import XenIR

/// Hand-built IR values for the checks: a small domctl-like family whose every fact is written here.
enum IRFixtures {
    /// A live op at `line` of domctl.h, column 9 (where `#define NAME` puts the name).
    static func live(_ name: String, _ number: UInt64, line: Int, active: Bool = true) -> Op {
        Op(name: name, number: number, status: .live, isActive: active, file: "domctl.h", line: line, column: 9)
    }

    /// A tombstone at `line` of domctl.h, column 4 (where `/* #define NAME` puts the name).
    static func retired(_ name: String, _ number: UInt64, line: Int, marker: String? = "Removed") -> Op {
        Op(name: name, number: number, status: .retired, marker: marker, file: "domctl.h", line: line, column: 4)
    }

    /// `XEN_DOMCTL_INTERFACE_VERSION` with `value`, defined at domctl.h:3.
    static func version(_ value: UInt64) -> InterfaceVersion {
        let hex = String(value, radix: 16)
        return InterfaceVersion(
            name: "XEN_DOMCTL_INTERFACE_VERSION", value: value,
            spelling: "0x" + String(repeating: "0", count: max(0, 8 - hex.count)) + hex,
            location: SourcePosition(file: "domctl.h", line: 3, column: 9)
        )
    }

    /// A domctl family holding `ops`.
    static func domctl(_ ops: [Op], version: UInt64? = 0x15) -> OpFamily {
        OpFamily(
            name: "domctl", prefix: "XEN_DOMCTL_", swiftName: "DomctlOp", rawType: "UInt32", file: "domctl.h",
            interfaceVersion: version.map(Self.version), ops: ops)
    }

    /// An interface of the given families.
    static func interface(_ families: OpFamily...) -> XenInterface {
        XenInterface(defines: ["__XEN_TOOLS__"], headers: families.map(\.file), families: families)
    }

    /// A location in domctl.h.
    static func at(_ line: Int, _ column: Int) -> SourcePosition {
        SourcePosition(file: "domctl.h", line: line, column: column)
    }
}
