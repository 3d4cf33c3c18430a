/// A C `enum` used by a record field.
public struct CEnum: Codable, Sendable, Equatable {
    /// One enumerator.
    public struct Constant: Codable, Sendable, Equatable {
        /// The C name, such as `PT_IRQ_TYPE_PCI`.
        public var name: String
        /// Its value.
        public var value: Int64
        /// The comment on the enumerator.
        public var doc: String?

        /// Creates an enumerator.
        public init(name: String, value: Int64, doc: String? = nil) {
            self.name = name
            self.value = value
            self.doc = doc
        }
    }

    /// The tag, such as `pt_irq_type`.
    public var name: String
    /// The integer type clang chose for it.
    public var integerType: TypeRef
    /// The enumerators in order.
    public var constants: [Constant]
    /// Header relative to the tree.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// The comment above the declaration.
    public var doc: String?

    /// Creates an enum. See the properties for the meaning of each parameter.
    public init(name: String, integerType: TypeRef, constants: [Constant], file: String, line: Int, doc: String? = nil) {
        self.name = name
        self.integerType = integerType
        self.constants = constants
        self.file = file
        self.line = line
        self.doc = doc
    }
}
