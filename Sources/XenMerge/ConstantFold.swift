import XenIR

/// Folds the value macros of several releases into the output's: every macro any release defines,
/// as the newest release that defines it writes it, with the releases that define it and, when they
/// give it different values, the value in each.
///
/// A macro is the same macro in every release that defines its name; the order is ``MemberFold``'s
/// (header order), a name that moved between releases taken where it first lands.
public enum ConstantFold {
    /// Folds the constants and constant-table rows of `releases`.
    /// - Parameter releases: Each release's constants and rows, oldest first.
    /// - Returns: The output's constants (``XenConstant/releases`` and ``XenConstant/releaseValues``
    ///   set where the releases differ) and the rows any release uses, each as the newest writes it.
    public static func fold(
        _ releases: [(version: ReleaseVersion, constants: [XenConstant], groups: [ConstantGroup])]
    ) -> (constants: [XenConstant], groups: [ConstantGroup]) {
        let all = releases.map(\.version)
        let byName = releases.map { release in Dictionary(release.constants.map { ($0.name, $0) }) { first, _ in first } }
        var seen = Set<String>()
        let names = MemberFold.fold(releases.map { $0.constants.map(\.name) }).map(\.value).filter { seen.insert($0).inserted }
        let constants = names.compactMap { name -> XenConstant? in
            let parts = byName.indices.compactMap { index in byName[index][name].map { (release: all[index], constant: $0) } }
            guard var constant = parts.last?.constant else { return nil }
            let having = parts.map(\.release)
            constant.releases = having == all ? nil : having
            let values = parts.map { ReleaseConstantValue(release: $0.release, value: $0.constant.value) }
            constant.releaseValues = values.allSatisfy { $0.value == constant.value } ? nil : values
            return constant
        }
        // The newest release's rows in table order, then the rows only older releases use.
        var groupNames = Set<String>()
        let groups = releases.reversed().flatMap(\.groups).filter { groupNames.insert($0.name).inserted }
        return (constants, groups)
    }
}
