extension FamilySpec {
    /// The JSON keys of a row (the synthesized `CodingKeys` stay for encoding).
    private enum RowKey: String, CodingKey, CaseIterable {
        case name, prefix, header, within, swiftName, rawType, interfaceVersion, exclude, opNames, summary
        case request, payloads, payloadMembers, payloadArgument, hypercall, hypercallArguments, bufferArray, payloadCount, hypercallNumbers
        case enumeration, recordHeaders, includes, otherPrefixes, stableABI, opInPayload, regionArguments, scalarArguments
    }

    /// The keys a row may hold (a config's unknown-key check reads them here).
    public static let jsonKeys = Set(RowKey.allCases.map(\.rawValue))

    /// Decodes a row in which `rawType` is optional (default `UInt32`), as the config documents.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for a missing required key or a wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: RowKey.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            prefix: try container.decode(String.self, forKey: .prefix),
            header: try container.decode(String.self, forKey: .header),
            within: try container.decodeIfPresent(String.self, forKey: .within),
            swiftName: try container.decode(String.self, forKey: .swiftName),
            rawType: try container.decodeIfPresent(String.self, forKey: .rawType) ?? "UInt32",
            interfaceVersion: try container.decodeIfPresent(String.self, forKey: .interfaceVersion),
            exclude: try container.decodeIfPresent([String].self, forKey: .exclude),
            opNames: try container.decodeIfPresent(OpNameRule.self, forKey: .opNames),
            summary: try container.decodeIfPresent(String.self, forKey: .summary),
            request: try container.decodeIfPresent(RequestSpec.self, forKey: .request),
            payloads: try container.decodeIfPresent([String].self, forKey: .payloads),
            payloadMembers: try container.decodeIfPresent([String: String].self, forKey: .payloadMembers),
            payloadArgument: try container.decodeIfPresent(Bool.self, forKey: .payloadArgument),
            hypercall: try container.decodeIfPresent(String.self, forKey: .hypercall),
            hypercallArguments: try container.decodeIfPresent([HypercallArgument].self, forKey: .hypercallArguments),
            bufferArray: try container.decodeIfPresent(Bool.self, forKey: .bufferArray),
            payloadCount: try container.decodeIfPresent(Bool.self, forKey: .payloadCount),
            hypercallNumbers: try container.decodeIfPresent(Bool.self, forKey: .hypercallNumbers),
            enumeration: try container.decodeIfPresent(String.self, forKey: .enumeration),
            recordHeaders: try container.decodeIfPresent([String].self, forKey: .recordHeaders),
            includes: try container.decodeIfPresent([String].self, forKey: .includes),
            otherPrefixes: try container.decodeIfPresent([String].self, forKey: .otherPrefixes),
            stableABI: try container.decodeIfPresent(Bool.self, forKey: .stableABI),
            opInPayload: try container.decodeIfPresent(String.self, forKey: .opInPayload),
            regionArguments: try container.decodeIfPresent([RegionArgument].self, forKey: .regionArguments),
            scalarArguments: try container.decodeIfPresent([String: String].self, forKey: .scalarArguments)
        )
    }
}

extension RequestSpec {
    /// The JSON keys of a request description.
    private enum RequestKey: String, CodingKey {
        case record, opField, versionField, unionField
    }

    /// Decodes a request description in which every key but `record` has the Xen default.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for a missing `record` or a wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: RequestKey.self)
        self.init(
            record: try container.decode(String.self, forKey: .record),
            opField: try container.decodeIfPresent(String.self, forKey: .opField) ?? "cmd",
            versionField: container.contains(.versionField)
                ? try container.decodeIfPresent(String.self, forKey: .versionField) : "interface_version",
            unionField: try container.decodeIfPresent(String.self, forKey: .unionField) ?? "u"
        )
    }
}
