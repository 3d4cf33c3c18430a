import XenIR
import XenReader

/// The per-header summary of `xen-swiftgen coverage`: what one read took from each header.
enum HeaderCoverage {
    /// One line per header that holds a family or a record, in path order:
    /// `coverage: header H: groups A, B; N ops; T tombstones (R retired, O obsolete); M records read, K left out`.
    /// - Parameter result: A reader's result.
    /// - Returns: The lines.
    static func lines(of result: HeaderReader.Result) -> [String] {
        let interface = result.interface
        var headers = Set(interface.families.map(\.file))
        let named = interface.records.filter { !($0.isNested && $0.member == nil) }
        headers.formUnion(named.map(\.file))
        headers.formUnion(result.leftOutRecords.map(\.position.file))
        return headers.sorted().map { header in
            let families = interface.families.filter { $0.file == header }
            let ops = families.flatMap(\.ops)
            let retired = ops.filter { $0.status == .retired }.count
            let obsolete = ops.filter { $0.status == .obsolete }.count
            let records = named.filter { $0.file == header }.count
            let leftOut = result.leftOutRecords.filter { $0.position.file == header }.count
            let groups = families.isEmpty ? "no numbered group" : "groups " + families.map(\.name).joined(separator: ", ")
            return "coverage: header \(header): \(groups); \(ops.count - retired) ops; \(retired + obsolete) tombstones "
                + "(\(retired) retired, \(obsolete) obsolete); \(records) records read, \(leftOut) left out"
        }
    }
}
