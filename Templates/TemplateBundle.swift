import Foundation

/// The templates that ship with xen-swiftgen (the `.mustache` files beside this one).
///
/// This file exists so SwiftPM can bundle the folder as a resource; the generator reads the
/// templates from ``BuiltinTemplates/directory`` unless `--templates DIR` names another folder.
public enum BuiltinTemplates {
    /// The folder holding the built-in `.mustache` files.
    public static var directory: URL? {
        Bundle.module.url(forResource: "swift", withExtension: nil)
    }
}
