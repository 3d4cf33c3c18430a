import XenIR

/// The op ledger: every number each family has ever used, across header versions.
///
/// Kept as a JSON file in the consumer's repository and merged on every run, it remembers what the
/// headers forget: a number whose `#define` vanished without a tombstone stays reserved. Entries are
/// sorted (families by name, numbers ascending) so review diffs stay small.
public struct Ledger: Codable, Sendable, Equatable {
    /// The file format version.
    public var formatVersion: Int
    /// The families, sorted by name.
    public var families: [LedgerFamily]
    /// Reviewed renames and reuses.
    public var acknowledgements: [Acknowledgement]

    /// Creates a ledger.
    public init(formatVersion: Int = 1, families: [LedgerFamily] = [], acknowledgements: [Acknowledgement] = []) {
        self.formatVersion = formatVersion
        self.families = families
        self.acknowledgements = acknowledgements
    }

    /// The entry list of one family.
    /// - Parameter name: The family name.
    /// - Returns: The family, if recorded.
    public func family(named name: String) -> LedgerFamily? {
        families.first { $0.name == name }
    }

    /// Sorts everything into the canonical order.
    public mutating func canonicalize() {
        families.sort { $0.name < $1.name }
        for index in families.indices { families[index].numbers.sort { $0.number < $1.number } }
        acknowledgements.sort { ($0.family, $0.number, $0.to) < ($1.family, $1.number, $1.to) }
    }
}

/// One family's history.
public struct LedgerFamily: Codable, Sendable, Equatable {
    /// The family name, such as `domctl`.
    public var name: String
    /// The C macro prefix.
    public var prefix: String
    /// The interface version seen on the last run, such as `0x00000015`.
    public var interfaceVersion: String?
    /// Every number ever seen, ascending.
    public var numbers: [LedgerEntry]

    /// Creates a family record.
    public init(name: String, prefix: String, interfaceVersion: String?, numbers: [LedgerEntry]) {
        self.name = name
        self.prefix = prefix
        self.interfaceVersion = interfaceVersion
        self.numbers = numbers
    }
}

/// One number of one family.
public struct LedgerEntry: Codable, Sendable, Equatable {
    /// The op number.
    public var number: UInt64
    /// The C name that holds (or last held) the number.
    public var name: String
    /// Its status on the last run; `retired` for tombstones and for numbers that vanished.
    public var status: OpStatus
    /// The interface version under which the number was first seen.
    public var firstSeen: String?
    /// The interface version under which it was last seen in the headers.
    public var lastSeen: String?
    /// The header's marker, or `vanished` when the definition disappeared without a tombstone.
    public var marker: String?
    /// Names that held the number before an acknowledged rename.
    public var formerNames: [String]?
    /// In a history ledger: every name the number had, with the releases that show it, oldest first.
    public var history: [LedgerName]?

    /// Creates an entry.
    public init(
        number: UInt64, name: String, status: OpStatus, firstSeen: String?, lastSeen: String?, marker: String?,
        formerNames: [String]? = nil, history: [LedgerName]? = nil
    ) {
        self.number = number
        self.name = name
        self.status = status
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.marker = marker
        self.formerNames = formerNames
        self.history = history
    }
}
