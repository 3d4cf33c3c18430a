/* The C side of the multi-release live test (Scripts/live-releases.sh): compiled once per release with
 * that release's own public headers (from the history bundle), it makes the calls live-releases makes and
 * writes the same key=value lines. An op the release's headers lack is written as "unavailable", the
 * answer the Swift program must give as a typed error before sending anything. Usage: releases-c FILE */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>
#include <xen/vcpu.h>
#include <xen/version.h>
#include <xen/sys/privcmd.h>

static int privcmd;

static void *locked(size_t bytes) {
    void *p = mmap(NULL, (bytes + 4095) & ~4095UL, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); _exit(1); }
    return p;
}

/* The hypercall's result, or minus Xen's errno. */
static long hypercall(unsigned long op, unsigned long a0, unsigned long a1, unsigned long a2) {
    privcmd_hypercall_t call = { op, { a0, a1, a2 } };
    long r = ioctl(privcmd, IOCTL_PRIVCMD_HYPERCALL, &call);
    return r < 0 ? -errno : r;
}

static struct xen_domctl *domctl_for(unsigned cmd, domid_t domain, unsigned version) {
    static struct xen_domctl *domctl;
    if (!domctl) domctl = locked(sizeof *domctl);
    memset(domctl, 0, sizeof *domctl);
    domctl->cmd = cmd;
    domctl->interface_version = version;
    domctl->domain = domain;
    return domctl;
}

static struct xen_sysctl *sysctl_for(unsigned cmd) {
    static struct xen_sysctl *sysctl;
    if (!sysctl) sysctl = locked(sizeof *sysctl);
    memset(sysctl, 0, sizeof *sysctl);
    sysctl->cmd = cmd;
    sysctl->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return sysctl;
}

/* Which of dom0's vcpus is blocked or running changes from call to call: those two flags are left out. */
static void domain_lines(FILE *out, const char *key, const struct xen_domctl_getdomaininfo *i) {
    unsigned flags = i->flags & ~(XEN_DOMINF_blocked | XEN_DOMINF_running);
    fprintf(out, "%s.domain=%u\n%s.flags=%u\n%s.tot_pages=%llu\n%s.max_pages=%llu\n", key, i->domain, key, flags,
            key, (unsigned long long)i->tot_pages, key, (unsigned long long)i->max_pages);
    fprintf(out, "%s.nr_online_vcpus=%u\n%s.max_vcpu_id=%u\n%s.cpupool=%u\n%s.ssidref=%u\n", key, i->nr_online_vcpus,
            key, i->max_vcpu_id, key, i->cpupool, key, i->ssidref);
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: releases-c FILE\n"); return 2; }
    privcmd = open("/dev/xen/privcmd", O_RDWR);
    if (privcmd < 0) { perror("/dev/xen/privcmd"); return 1; }
    FILE *out = fopen(argv[1], "w");
    if (!out) { perror(argv[1]); return 1; }

    long version = hypercall(__HYPERVISOR_xen_version, XENVER_version, 0, 0);
    fprintf(out, "release=%ld.%ld\n", version >> 16, version & 0xffff);

    struct xen_domctl *domctl = domctl_for(XEN_DOMCTL_getdomaininfo, 0, XEN_DOMCTL_INTERFACE_VERSION);
    long r = hypercall(__HYPERVISOR_domctl, (unsigned long)domctl, 0, 0);
    if (r < 0) fprintf(out, "getdomaininfo.errno=%ld\n", -r);
    else domain_lines(out, "getdomaininfo", &domctl->u.getdomaininfo);

    struct xen_sysctl *sysctl = sysctl_for(XEN_SYSCTL_physinfo);
    r = hypercall(__HYPERVISOR_sysctl, (unsigned long)sysctl, 0, 0);
    if (r < 0) {
        fprintf(out, "physinfo.errno=%ld\n", -r);
    } else {
        struct xen_sysctl_physinfo *p = &sysctl->u.physinfo;
        fprintf(out, "physinfo.threads_per_core=%u\nphysinfo.cores_per_socket=%u\nphysinfo.nr_cpus=%u\nphysinfo.max_cpu_id=%u\n",
                p->threads_per_core, p->cores_per_socket, p->nr_cpus, p->max_cpu_id);
        fprintf(out, "physinfo.nr_nodes=%u\nphysinfo.max_node_id=%u\nphysinfo.cpu_khz=%u\nphysinfo.total_pages=%llu\n",
                p->nr_nodes, p->max_node_id, p->cpu_khz, (unsigned long long)p->total_pages);
        fprintf(out, "physinfo.capabilities=%u\n", p->capabilities);
        /* A field only some releases have: arch_capabilities came with sysctl interface version 0x15 (4.17);
         * 4.16's physinfo has no such field, which Swift must answer with nil. */
#if XEN_SYSCTL_INTERFACE_VERSION >= 0x15
        fprintf(out, "arch_capabilities.value=%u\n", p->arch_capabilities);
#else
        fprintf(out, "arch_capabilities.value=nil\n");
#endif
    }

    enum { capacity = 64 };
    struct xen_domctl_getdomaininfo *list = locked(capacity * sizeof *list);
    sysctl = sysctl_for(XEN_SYSCTL_getdomaininfolist);
    sysctl->u.getdomaininfolist.first_domain = 0;
    sysctl->u.getdomaininfolist.max_domains = capacity;
    set_xen_guest_handle(sysctl->u.getdomaininfolist.buffer, list);
    r = hypercall(__HYPERVISOR_sysctl, (unsigned long)sysctl, 0, 0);
    if (r < 0) {
        fprintf(out, "getdomaininfolist.errno=%ld\n", -r);
    } else {
        fprintf(out, "getdomaininfolist.num_domains=%u\n", sysctl->u.getdomaininfolist.num_domains);
        for (unsigned i = 0; i < sysctl->u.getdomaininfolist.num_domains; i++) domain_lines(out, "getdomaininfolist", &list[i]);
    }

    /* dom0 has two vcpus (-smp 2): both up; vcpu 7 does not exist. */
    static const unsigned vcpus[] = { 0, 1, 7 };
    for (unsigned i = 0; i < 3; i++)
        fprintf(out, "vcpu.is_up.%u=%ld\n", vcpus[i], hypercall(__HYPERVISOR_vcpu_op, VCPUOP_is_up, vcpus[i], 0));

    /* dom0 cannot pause itself: Xen answers EINVAL. */
    r = hypercall(__HYPERVISOR_domctl, (unsigned long)domctl_for(XEN_DOMCTL_pausedomain, 0, XEN_DOMCTL_INTERFACE_VERSION), 0, 0);
    fprintf(out, "pausedomain0.errno=%ld\n", r < 0 ? -r : 0);

#ifdef XEN_DOMCTL_get_domain_state
    /* A stable interface (4.21 and later): sent with interface version 0. */
    domctl = domctl_for(XEN_DOMCTL_get_domain_state, 0, 0);
    r = hypercall(__HYPERVISOR_domctl, (unsigned long)domctl, 0, 0);
    if (r < 0) fprintf(out, "get_domain_state.errno=%ld\n", -r);
    else fprintf(out, "get_domain_state.state=%u\nget_domain_state.caps=%u\nget_domain_state.unique_id=%llu\n",
                 domctl->u.get_domain_state.state, domctl->u.get_domain_state.caps,
                 (unsigned long long)domctl->u.get_domain_state.unique_id);
#else
    fprintf(out, "get_domain_state.unavailable\n");
#endif
    fclose(out);
    return 0;
}
