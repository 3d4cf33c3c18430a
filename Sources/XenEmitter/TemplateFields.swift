import Mustache

// Template contexts answer name lookups themselves (`MustacheParent`), so swift-mustache never
// reflects them: with a `Mirror` it scans every stored property on every lookup, at every level of
// the context stack it climbs, and that was most of `generate`'s time. Each `child(named:)` lists the
// type's stored properties under their own names, so templates (built-in and users') see exactly the
// names they saw before; an unknown name or a `nil` optional is `nil`, so the lookup climbs the
// stack as it did. TemplateFieldsTests checks every list against the type's `Mirror`.

extension SupportContext: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "accessLevel": self.accessLevel
        default: nil
        }
    }
}

extension FamilyContext: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "typeName": self.typeName
        case "guardName": self.guardName
        case "rawType": self.rawType
        case "prefix": self.prefix
        case "header": self.header
        case "summaryLines": self.summaryLines
        case "accessLevel": self.accessLevel
        case "hasInterfaceVersion": self.hasInterfaceVersion
        case "interfaceVersionName": self.interfaceVersionName
        case "interfaceVersionLiteral": self.interfaceVersionLiteral
        case "interfaceVersionLocation": self.interfaceVersionLocation
        case "cases": self.cases
        case "retired": self.retired
        case "hasRetired": self.hasRetired
        case "aliases": self.aliases
        case "guardEntries": self.guardEntries
        case "guardLinks": self.guardLinks
        default: nil
        }
    }
}

extension FamilyContext.Case: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "bareName": self.bareName
        case "cName": self.cName
        case "literal": self.literal
        case "docLines": self.docLines
        case "isDeprecated": self.isDeprecated
        case "deprecationMessage": self.deprecationMessage
        default: nil
        }
    }
}

extension FamilyContext.Retired: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "cName": self.cName
        case "literal": self.literal
        case "docLines": self.docLines
        case "message": self.message
        case "renamed": self.renamed
        case "hasRenamed": self.hasRenamed
        default: nil
        }
    }
}

extension FamilyContext.Alias: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "target": self.target
        case "docLines": self.docLines
        default: nil
        }
    }
}

extension FamilyContext.GuardEntry: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "cName": self.cName
        case "literal": self.literal
        case "comment": self.comment
        default: nil
        }
    }
}

extension FamilyContext.GuardLink: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "caseName": self.caseName
        case "cName": self.cName
        default: nil
        }
    }
}

extension RecordFileContext: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "header": self.header
        case "records": self.records
        default: nil
        }
    }
}

extension RecordContext: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": self.docLines
        case "accessLevel": self.accessLevel
        case "declName": self.declName
        case "parentTypeName": self.parentTypeName
        case "isNested": self.isNested
        case "indent": self.indent
        case "members": self.members
        default: nil
        }
    }
}

extension RecordContext.Member: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": self.docLines
        case "name": self.name
        case "type": self.type
        case "zero": self.zero
        case "isStored": self.isStored
        case "isPrivateStorage": self.isPrivateStorage
        case "isUnionMember": self.isUnionMember
        case "isBitField": self.isBitField
        case "isForward": self.isForward
        case "storage": self.storage
        case "bitOffset": self.bitOffset
        case "bitWidth": self.bitWidth
        case "isSigned": self.isSigned
        case "via": self.via
        default: nil
        }
    }
}

extension CommandContext: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "header": self.header
        case "accessLevel": self.accessLevel
        case "prefix": self.prefix
        case "commandType": self.commandType
        case "opType": self.opType
        case "hasRequest": self.hasRequest
        case "requestType": self.requestType
        case "requestCName": self.requestCName
        case "unionField": self.unionField
        case "opField": self.opField
        case "opProperty": self.opProperty
        case "hasVersion": self.hasVersion
        case "versionFieldDoc": self.versionFieldDoc
        case "versionProperty": self.versionProperty
        case "unionProperty": self.unionProperty
        case "exampleOp": self.exampleOp
        case "examplePayload": self.examplePayload
        case "groups": self.groups
        case "unmapped": self.unmapped
        case "hasUnmapped": self.hasUnmapped
        case "extraFields": self.extraFields
        case "hasHypercall": self.hasHypercall
        case "hypercallCName": self.hypercallCName
        case "hypercallNumber": self.hypercallNumber
        case "callMethod": self.callMethod
        default: nil
        }
    }
}

extension CommandContext.Command: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "docLines": self.docLines
        default: nil
        }
    }
}

extension CommandContext.Group: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "payloadType": self.payloadType
        case "commands": self.commands
        default: nil
        }
    }
}

extension CommandContext.Unmapped: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "docLines": self.docLines
        case "message": self.message
        default: nil
        }
    }
}

extension CommandContext.ExtraField: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "cName": self.cName
        case "type": self.type
        default: nil
        }
    }
}

extension LayoutContext: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "accessLevel": self.accessLevel
        case "target": self.target
        case "recordCount": self.recordCount
        case "fieldCount": self.fieldCount
        case "records": self.records
        default: nil
        }
    }
}

extension LayoutContext.Entry: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "cName": self.cName
        case "cNameLiteral": self.cNameLiteral
        case "function": self.function
        case "type": self.type
        case "size": self.size
        case "alignment": self.alignment
        case "fields": self.fields
        default: nil
        }
    }
}

extension LayoutContext.Entry.Field: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "offset": self.offset
        case "label": self.label
        default: nil
        }
    }
}

extension RecordSupportContext: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "accessLevel": self.accessLevel
        case "typedefs": self.typedefs
        case "enums": self.enums
        default: nil
        }
    }
}

extension RecordSupportContext.Typedef: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "cName": self.cName
        case "cType": self.cType
        case "type": self.type
        default: nil
        }
    }
}

extension RecordSupportContext.Enum: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "rawType": self.rawType
        case "docLines": self.docLines
        case "constants": self.constants
        default: nil
        }
    }
}

extension RecordSupportContext.Enum.Constant: MustacheParent {
    /// The stored property named `name`, as a template sees it.
    /// - Parameter name: A property name.
    /// - Returns: Its value, or `nil` when there is no such property (or it is `nil`).
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "cName": self.cName
        case "value": self.value
        case "doc": self.doc
        default: nil
        }
    }
}
