import Testing
@testable import XenReader

/// `HeaderTree.normalize` returns paths that are already normal as they are and rebuilds the rest.
@Suite struct PathNormalizeTests {
    @Test(
        "normal paths come back unchanged; dots, empty components and trailing slashes are removed",
        arguments: [
            ("/usr/include/xen/xen.h", "/usr/include/xen/xen.h"),
            ("/usr/include/xen/.hidden/a..b/...", "/usr/include/xen/.hidden/a..b/..."),
            ("/usr/include/xen/arch-x86/../xen.h", "/usr/include/xen/xen.h"),
            ("/usr/include/xen/./xen.h", "/usr/include/xen/xen.h"),
            ("/usr//include/xen/", "/usr/include/xen"),
            ("/usr/include/xen/..", "/usr/include"),
            ("/usr/include/xen/.", "/usr/include/xen"),
            ("usr/include", "/usr/include"),
            ("/", "/"),
            ("/..", "/"),
        ])
    func normalize(input: String, expected: String) {
        #expect(HeaderTree.normalize(input) == expected)
    }
}
