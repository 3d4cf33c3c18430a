/// The values the generator assumes when nothing says otherwise, stated once.
public enum Defaults {
    /// The family whose interface version versions every family without one of its own.
    public static let sharedVersionFamily = "hypercall"
    /// The marker a ledger gives a number whose `#define` vanished without a tombstone.
    public static let vanishedMarker = "vanished"
    /// The header every tree of Xen's public headers has at its root.
    public static let rootHeader = "xen.h"
    /// The header folder when neither config nor command line names one.
    public static let xenHeaders = "/usr/include/xen"
    /// The output folder when neither config nor command line names one.
    public static let output = "Generated"
    /// The macros defined for the parse when neither config nor command line names any.
    public static let defines = ["__XEN_TOOLS__"]
}
