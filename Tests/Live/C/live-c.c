/* The same calls as live-swift's "dump", written in C against the real Xen headers, for the live
 * test (Scripts/live-xen.sh) to compare inside the same dom0. Usage: live-c FILE */
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
#include <xen/grant_table.h>
#include <xen/hvm/dm_op.h>
#include <xen/hypfs.h>
#include <xen/arch-x86/xen-mca.h>
#include <xen/sys/privcmd.h>

static int privcmd;

/* Hypercall-safe memory: locked anonymous pages, as libxencall's fallback. */
static void *locked(size_t bytes) {
    void *p = mmap(NULL, (bytes + 4095) & ~4095UL, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); _exit(1); }
    return p;
}

static long hypercall(unsigned long op, void *arg) {
    privcmd_hypercall_t call = { op, { (unsigned long)arg } };
    long r = ioctl(privcmd, IOCTL_PRIVCMD_HYPERCALL, &call);
    if (r < 0) { fprintf(stderr, "hypercall %lu: %s\n", op, strerror(errno)); _exit(1); }
    return r;
}

/* A hypercall of three arguments: its result, or minus Xen's errno (the program goes on). */
static long hypercall3(unsigned long op, unsigned long a, unsigned long b, unsigned long c) {
    privcmd_hypercall_t call = { op, { a, b, c } };
    long r = ioctl(privcmd, IOCTL_PRIVCMD_HYPERCALL, &call);
    return r < 0 ? -errno : r;
}

/* A hypercall of five arguments: its result, or minus Xen's errno (the program goes on). */
static long hypercall5(unsigned long op, unsigned long a, unsigned long b, unsigned long c, unsigned long d, unsigned long e) {
    privcmd_hypercall_t call = { op, { a, b, c, d, e } };
    long r = ioctl(privcmd, IOCTL_PRIVCMD_HYPERCALL, &call);
    return r < 0 ? -errno : r;
}

/* HYPERVISOR_dm_op(domid, nr_bufs, bufs) with XEN_DMOP_nr_vcpus in bufs[0] and nr_bufs - 1 more
 * empty buffers: Xen's answer. */
static long dm_nr_vcpus(domid_t domid, unsigned nr_bufs) {
    struct xen_dm_op *op = locked(sizeof *op);
    xen_dm_op_buf_t *bufs = locked(nr_bufs * sizeof *bufs);
    memset(op, 0, sizeof *op);
    memset(bufs, 0, nr_bufs * sizeof *bufs);
    op->op = XEN_DMOP_nr_vcpus;
    set_xen_guest_handle(bufs[0].h, op);
    bufs[0].size = sizeof *op;
    long r = hypercall3(__HYPERVISOR_dm_op, domid, nr_bufs, (unsigned long)bufs);
    munmap(op, 4096);
    munmap(bufs, 4096);
    return r;
}

static void info_lines(FILE *out, const char *p, const struct xen_domctl_getdomaininfo *i) {
    fprintf(out, "%s.domain=%u\n%s.flags=%u\n", p, i->domain, p, i->flags & ~(XEN_DOMINF_blocked | XEN_DOMINF_running));
    fprintf(out, "%s.tot_pages=%llu\n%s.max_pages=%llu\n", p, (unsigned long long)i->tot_pages, p, (unsigned long long)i->max_pages);
    fprintf(out, "%s.outstanding_pages=%llu\n%s.shr_pages=%llu\n", p, (unsigned long long)i->outstanding_pages, p, (unsigned long long)i->shr_pages);
    fprintf(out, "%s.paged_pages=%llu\n%s.shared_info_frame=%llu\n", p, (unsigned long long)i->paged_pages, p, (unsigned long long)i->shared_info_frame);
    fprintf(out, "%s.nr_online_vcpus=%u\n%s.max_vcpu_id=%u\n%s.ssidref=%u\n%s.handle=", p, i->nr_online_vcpus, p, i->max_vcpu_id, p, i->ssidref, p);
    for (int k = 0; k < 16; k++) fprintf(out, k ? ":%x" : "%x", i->handle[k]);
    fprintf(out, "\n%s.cpupool=%u\n%s.gpaddr_bits=%u\n", p, i->cpupool, p, i->gpaddr_bits);
    fprintf(out, "%s.emulation_flags=%u\n%s.misc_flags=%u\n", p, i->arch_config.emulation_flags, p, i->arch_config.misc_flags);
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: live-c FILE\n"); return 2; }
    privcmd = open("/dev/xen/privcmd", O_RDWR);
    if (privcmd < 0) { perror("/dev/xen/privcmd"); return 1; }
    FILE *out = fopen(argv[1], "w");
    if (!out) { perror(argv[1]); return 1; }

    struct xen_domctl *domctl = locked(sizeof *domctl);
    memset(domctl, 0, sizeof *domctl);
    domctl->cmd = XEN_DOMCTL_getdomaininfo;
    domctl->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    domctl->domain = 0;
    hypercall(__HYPERVISOR_domctl, domctl);
    info_lines(out, "getdomaininfo0", &domctl->u.getdomaininfo);

    struct xen_sysctl *sysctl = locked(sizeof *sysctl);
    memset(sysctl, 0, sizeof *sysctl);
    sysctl->cmd = XEN_SYSCTL_physinfo;
    sysctl->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    hypercall(__HYPERVISOR_sysctl, sysctl);
    struct xen_sysctl_physinfo *pi = &sysctl->u.physinfo;
    fprintf(out, "physinfo.threads_per_core=%u\nphysinfo.cores_per_socket=%u\nphysinfo.nr_cpus=%u\n", pi->threads_per_core, pi->cores_per_socket, pi->nr_cpus);
    fprintf(out, "physinfo.max_cpu_id=%u\nphysinfo.nr_nodes=%u\nphysinfo.max_node_id=%u\n", pi->max_cpu_id, pi->nr_nodes, pi->max_node_id);
    fprintf(out, "physinfo.cpu_khz=%u\nphysinfo.capabilities=%u\nphysinfo.arch_capabilities=%u\n", pi->cpu_khz, pi->capabilities, pi->arch_capabilities);
    fprintf(out, "physinfo.total_pages=%llu\nphysinfo.outstanding_pages=%llu\nphysinfo.max_mfn=%llu\nphysinfo.hw_cap=",
            (unsigned long long)pi->total_pages, (unsigned long long)pi->outstanding_pages, (unsigned long long)pi->max_mfn);
    for (int k = 0; k < 8; k++) fprintf(out, k ? ",%x" : "%x", pi->hw_cap[k]);
    fprintf(out, "\n");

    struct xen_domctl_getdomaininfo *list = locked(64 * sizeof *list);
    memset(sysctl, 0, sizeof *sysctl);
    sysctl->cmd = XEN_SYSCTL_getdomaininfolist;
    sysctl->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    sysctl->u.getdomaininfolist.first_domain = 0;
    sysctl->u.getdomaininfolist.max_domains = 64;
    set_xen_guest_handle(sysctl->u.getdomaininfolist.buffer, list);
    hypercall(__HYPERVISOR_sysctl, sysctl);
    fprintf(out, "list.num_domains=%u\n", sysctl->u.getdomaininfolist.num_domains);
    for (unsigned k = 0; k < sysctl->u.getdomaininfolist.num_domains; k++) info_lines(out, "list", &list[k]);

    /* vcpu_op: the vcpu between the op and the argument. */
    fprintf(out, "vcpu_op.is_up.v0=%ld\n", hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 0, 0));
    struct vcpu_runstate_info *runstate = locked(sizeof *runstate);
    memset(runstate, 0, sizeof *runstate);
    long r = hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_get_runstate_info, 0, (unsigned long)runstate);
    /* Which of dom0's vcpus runs this program varies, so vcpu 0 may be running, runnable or blocked:
     * only "not offline" is stable. */
    fprintf(out, "vcpu_op.get_runstate_info.v0=%ld\nvcpu_op.get_runstate_info.v0.online=%d\n", r, runstate->state != RUNSTATE_offline);
    /* dm_op: the request as bufs[0] of an array of buffers. Xen reads the array before it looks the
     * domain up, so a wrong count or address would answer E2BIG or EFAULT instead. */
    fprintf(out, "dm_op.nr_vcpus.d0=%ld\n", dm_nr_vcpus(0, 1));
    fprintf(out, "dm_op.nr_vcpus.d32000=%ld\n", dm_nr_vcpus(32000, 1));
    fprintf(out, "dm_op.nr_vcpus.d32000.3bufs=%ld\n", dm_nr_vcpus(32000, 3));
    /* xen_version(cmd, arg): XENVER_version and XENVER_pagesize answer in the return value. */
    fprintf(out, "xen_version.version=%ld\n", hypercall3(__HYPERVISOR_xen_version, XENVER_version, 0, 0));
    fprintf(out, "xen_version.pagesize=%ld\n", hypercall3(__HYPERVISOR_xen_version, XENVER_pagesize, 0, 0));
    xen_feature_info_t *features = locked(sizeof *features);
    memset(features, 0, sizeof *features);
    r = hypercall3(__HYPERVISOR_xen_version, XENVER_get_features, (unsigned long)features, 0);
    fprintf(out, "xen_version.get_features.0=%ld,%x\n", r, features->submap);
    /* grant_table_op(cmd, uop, count): an array of entries and their number; each entry's status. */
    struct gnttab_query_size *query = locked(2 * sizeof *query);
    memset(query, 0, 2 * sizeof *query);
    query[0].dom = query[1].dom = DOMID_SELF;
    r = hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_query_size, (unsigned long)query, 1);
    fprintf(out, "grant_table_op.query_size.self=%ld,%d,%u,%u\n", r, query[0].status, query[0].nr_frames, query[0].max_nr_frames);
    fprintf(out, "grant_table_op.query_size.count2=%ld\n", hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_query_size, (unsigned long)query, 2));
    memset(query, 0, sizeof *query);
    query[0].dom = 32000;
    r = hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_query_size, (unsigned long)query, 1);
    fprintf(out, "grant_table_op.query_size.d32000=%ld,%d\n", r, query[0].status);
    struct gnttab_unmap_grant_ref *unmap = locked(3 * sizeof *unmap);
    memset(unmap, 0, 3 * sizeof *unmap);
    for (int k = 0; k < 3; k++) { unmap[k].handle = 0xFFFFFFF0u + k; unmap[k].status = 1; }
    r = hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_unmap_grant_ref, (unsigned long)unmap, 3);
    fprintf(out, "grant_table_op.unmap_grant_ref.bad3=%ld,%d,%d,%d\n", r, unmap[0].status, unmap[1].status, unmap[2].status);
    struct gnttab_get_version *version = locked(sizeof *version);
    memset(version, 0, sizeof *version);
    version->dom = DOMID_SELF;
    r = hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_get_version, (unsigned long)version, 1);
    fprintf(out, "grant_table_op.get_version.self=%ld,%u\n", r, version->version);
    /* hypfs_op(cmd, arg1..arg4): the version takes all four 0; a read of "/" takes the path and its
     * length, then a buffer and its size, and writes the entry's header first. */
    fprintf(out, "hypfs_op.get_version=%ld\n", hypercall5(__HYPERVISOR_hypfs_op, XEN_HYPFS_OP_get_version, 0, 0, 0, 0));
    char *path = locked(2);
    strcpy(path, "/");
    struct xen_hypfs_direntry *entry = locked(4096);
    memset(entry, 0, 4096);
    r = hypercall5(__HYPERVISOR_hypfs_op, XEN_HYPFS_OP_read, (unsigned long)path, 2, (unsigned long)entry, 4096);
    fprintf(out, "hypfs_op.read.root=%ld,%u,%u\n", r, entry->type, entry->content_len);
    /* mmuext_op(ops, count, pdone, foreigndom): the op inside the record. */
    struct mmuext_op *flush = locked(sizeof *flush);
    memset(flush, 0, sizeof *flush);
    flush->cmd = MMUEXT_TLB_FLUSH_LOCAL;
    fprintf(out, "mmuext_op.tlb_flush_local.self=%ld\n", hypercall5(__HYPERVISOR_mmuext_op, (unsigned long)flush, 1, 0, DOMID_SELF, 0));
    fprintf(out, "mmuext_op.tlb_flush_local.d32000=%ld\n", hypercall5(__HYPERVISOR_mmuext_op, (unsigned long)flush, 1, 0, 32000, 0));
    /* mca(&xen_mc): XEN_MC_physcpuinfo with ncpus 0 asks for the count. */
    struct xen_mc *mc = locked(sizeof *mc);
    memset(mc, 0, sizeof *mc);
    mc->cmd = XEN_MC_physcpuinfo;
    mc->interface_version = XEN_MCA_INTERFACE_VERSION;
    r = hypercall3(__HYPERVISOR_mca, (unsigned long)mc, 0, 0);
    fprintf(out, "mca.physcpuinfo=%ld,%u\n", r, mc->u.mc_physcpuinfo.ncpus);
    fclose(out);
    return 0;
}
