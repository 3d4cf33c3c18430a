import Foundation
import Testing

/// Requests filled in C with the real headers and in Swift with the typed commands must be the
/// same bytes: the op number, the interface version, the payload in the union, padding zero.
@Suite struct RequestBytesTests {
    /// The C side: every request starts from `memset(…, 0, …)`, as the Swift `init()` does.
    static let cProgram = """
        static void dump(const char *name, const void *value, size_t size) {
            printf("%s ", name);
            for (size_t i = 0; i < size; i++) printf("%02x", ((const unsigned char *)value)[i]);
            printf("\\n");
        }

        int main(void) {
            struct xen_domctl d;

            memset(&d, 0, sizeof d);
            d.cmd = XEN_DOMCTL_getdomaininfo;
            d.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
            d.domain = 7;
            d.u.getdomaininfo.domain = 7;
            d.u.getdomaininfo.flags = XEN_DOMINF_dying | XEN_DOMINF_blocked;
            d.u.getdomaininfo.tot_pages = 0x1122334455667788ULL;
            d.u.getdomaininfo.handle[3] = 0x99;
            d.u.getdomaininfo.cpupool = 5;
            dump("getdomaininfo", &d, sizeof d);

            memset(&d, 0, sizeof d);
            d.cmd = XEN_DOMCTL_max_mem;
            d.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
            d.domain = 3;
            d.u.max_mem.max_memkb = 0x123456789ULL;
            dump("max_mem", &d, sizeof d);

            memset(&d, 0, sizeof d);
            d.cmd = XEN_DOMCTL_setvcpuaffinity;
            d.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
            d.domain = 1;
            d.u.vcpuaffinity.vcpu = 2;
            d.u.vcpuaffinity.flags = XEN_VCPUAFFINITY_HARD;
            set_xen_guest_handle(d.u.vcpuaffinity.cpumap_hard.bitmap, (uint8_t *)(uintptr_t)0x7f0012345678ULL);
            d.u.vcpuaffinity.cpumap_hard.nr_bits = 64;
            dump("setvcpuaffinity", &d, sizeof d);

            memset(&d, 0, sizeof d);
            d.cmd = XEN_DOMCTL_pausedomain;
            d.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
            d.domain = 9;
            dump("pausedomain", &d, sizeof d);

            struct xen_sysctl s;

            memset(&s, 0, sizeof s);
            s.cmd = XEN_SYSCTL_physinfo;
            s.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
            s.u.physinfo.nr_cpus = 8;
            s.u.physinfo.pad = 0;
            s.u.physinfo.total_pages = 0xabcdef;
            s.u.physinfo.hw_cap[7] = 0xfeedULL;
            dump("physinfo", &s, sizeof s);

            memset(&s, 0, sizeof s);
            s.cmd = XEN_SYSCTL_getdomaininfolist;
            s.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
            s.u.getdomaininfolist.first_domain = 1;
            s.u.getdomaininfolist.max_domains = 16;
            set_xen_guest_handle(s.u.getdomaininfolist.buffer, (xen_domctl_getdomaininfo_t *)(uintptr_t)0x7f00aabbcc00ULL);
            dump("getdomaininfolist", &s, sizeof s);

            struct xen_dm_op op;

            memset(&op, 0, sizeof op);
            op.op = XEN_DMOP_set_isa_irq_level;
            op.u.set_isa_irq_level.isa_irq = 5;
            op.u.set_isa_irq_level.level = 1;
            dump("set_isa_irq_level", &op, sizeof op);

            xen_dm_op_buf_t buf;

            memset(&buf, 0, sizeof buf);
            set_xen_guest_handle(buf.h, (void *)(uintptr_t)0x7f0011223340ULL);
            buf.size = sizeof op;
            dump("dm_op_buf", &buf, sizeof buf);
            return 0;
        }
        """

    /// The Swift side, through the typed commands only.
    static let swiftProgram = """
        func dump<T>(_ name: String, _ value: T) {
            print(name + " " + withUnsafeBytes(of: value) { $0.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() })
        }

        var info = XenDomctlGetdomaininfo()
        info.domain = 7
        info.flags = [.dying, .blocked]
        info.totPages = 0x1122334455667788
        info.handle[3] = 0x99
        info.cpupool = 5
        let getdomaininfo = XenDomctl(.getdomaininfo, domain: 7, payload: info)
        dump("getdomaininfo", getdomaininfo)

        var maxMem = XenDomctlMaxMem()
        maxMem.maxMemkb = 0x123456789
        dump("max_mem", XenDomctl(.maxMem, domain: 3, payload: maxMem))

        var affinity = XenDomctlVcpuaffinity()
        affinity.vcpu = 2
        affinity.flags = .hard
        affinity.cpumapHard.bitmap = XenGuestHandle64<UInt8>(UnsafeMutablePointer(bitPattern: 0x7f0012345678))
        affinity.cpumapHard.nrBits = 64
        dump("setvcpuaffinity", XenDomctl(.setvcpuaffinity, domain: 1, payload: affinity))

        dump("pausedomain", XenDomctl(.pausedomain, domain: 9))

        var physinfo = XenSysctlPhysinfo()
        physinfo.nrCpus = 8
        physinfo.totalPages = 0xabcdef
        physinfo.hwCap[7] = 0xfeed
        dump("physinfo", XenSysctl(.physinfo, payload: physinfo))

        var list = XenSysctlGetdomaininfolist()
        list.firstDomain = 1
        list.maxDomains = 16
        list.buffer = XenGuestHandle64<XenDomctlGetdomaininfo>(address: 0x7f00aabbcc00)
        dump("getdomaininfolist", XenSysctl(.getdomaininfolist, payload: list))

        var irq = XenDMOpSetIsaIRQLevel()
        irq.isaIrq = 5
        irq.level = 1
        dump("set_isa_irq_level", XenDMOp(.setIsaIrqLevel, payload: irq))
        // bufs[0] of dm_op as the runtime builds it for a XenDMOp.
        dump("dm_op_buf", XenBufferRegion(address: 0x7f0011223340, size: UInt64(MemoryLayout<XenDMOp>.size)))

        // Reading the payload back through the same command gives the typed value.
        let back = getdomaininfo.payload(for: .getdomaininfo)
        print("readback", back.totPages == info.totPages, back.cpupool, getdomaininfo.u.getdomaininfo.handle[3])
        """

    @Test(
        "getdomaininfo, max_mem, setvcpuaffinity (guest handle), pausedomain, physinfo, getdomaininfolist, a dm_op and its buffer entry: bytes equal C's"
    )
    func bytesMatchC() throws {
        let bindings = try GeneratedBindings.real()
        defer { try? FileManager.default.removeItem(at: bindings.folder) }
        let c = try bindings.runC(bindings.cIncludes + "\n\n" + Self.cProgram).split(separator: "\n").map(String.init)
        let swift = try bindings.runSwift(Self.swiftProgram).split(separator: "\n").map(String.init)
        #expect(c.count == 8 && swift.count == c.count + 1)
        for (cLine, swiftLine) in zip(c, swift) {
            #expect(swiftLine == cLine)
        }
        // xen_domctl is 144 bytes with a 128-byte union on x86_64; a dump is two hex digits a byte.
        #expect(c.first.map { $0.count } == "getdomaininfo ".count + 2 * 144)
        #expect(swift.last == "readback true 5 153")
    }
}
