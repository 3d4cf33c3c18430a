/* The device checks of the live suite in C, through Xen's stable libraries (libxenevtchn, libxengnttab,
 * libxenforeignmemory, libxenstore; libxenctrl for dom0's shared_info frame). Tests/Live/Devices/main.swift
 * does the same through XenDevices; Scripts/live-xen.sh runs both in dom0 and compares the files.
 *   devices-c FILE PREFIX      PREFIX is the xenstore folder the run may use (its name is not printed). */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <xenctrl.h>
#include <xenevtchn.h>
#include <xenforeignmemory.h>
#include <xengnttab.h>
#include <xenstore.h>

static FILE *out;

static int pending(xenevtchn_handle *xce, int ms) {
    struct pollfd p = { .fd = xenevtchn_fd(xce), .events = POLLIN };
    if (poll(&p, 1, ms) <= 0) return -1;
    int port = xenevtchn_pending(xce);
    if (port >= 0) xenevtchn_unmask(xce, port);
    return port;
}

static void evtchn(void) {
    xenevtchn_handle *xce = xenevtchn_open(NULL, 0);
    if (!xce) { fprintf(out, "evtchn open errno %d\n", errno); return; }
    int unbound = xenevtchn_bind_unbound_port(xce, 0);
    int bound = xenevtchn_bind_interdomain(xce, 0, unbound);
    fprintf(out, "evtchn bound-end-pending-after-bind %s\n", pending(xce, 2000) == bound ? "yes" : "no");
    xenevtchn_notify(xce, bound);
    int got = pending(xce, 2000);
    fprintf(out, "evtchn notify-bound-end-arrives-at %s\n", got == unbound ? "unbound-end" : got == bound ? "bound-end" : "nothing");
    xenevtchn_notify(xce, unbound);
    got = pending(xce, 2000);
    fprintf(out, "evtchn notify-unbound-end-arrives-at %s\n", got == unbound ? "unbound-end" : got == bound ? "bound-end" : "nothing");
    fprintf(out, "evtchn nothing-else-pending %s\n", pending(xce, 100) < 0 ? "yes" : "no");
    fprintf(out, "evtchn unbind %d %d\n", xenevtchn_unbind(xce, bound), xenevtchn_unbind(xce, unbound));
    int virq = xenevtchn_bind_virq(xce, VIRQ_TIMER);
    fprintf(out, "evtchn bind-virq-timer errno %d\n", virq < 0 ? errno : 0);
    xenevtchn_close(xce);
}

static void gnttab(void) {
    xengntshr_handle *gs = xengntshr_open(NULL, 0);
    xengnttab_handle *gt = xengnttab_open(NULL, 0);
    if (!gs || !gt) { fprintf(out, "gnttab open errno %d\n", errno); return; }
    uint32_t ref = 0;
    uint8_t *shared = xengntshr_share_pages(gs, 0, 1, &ref, 1);
    if (!shared) { fprintf(out, "gnttab share errno %d\n", errno); return; }
    for (int i = 0; i < 4096; i++) shared[i] = (uint8_t)(i * 7 + 3);
    uint8_t *mapped = xengnttab_map_grant_ref(gt, 0, ref, PROT_READ | PROT_WRITE);
    if (!mapped) { fprintf(out, "gnttab map errno %d\n", errno); return; }
    fprintf(out, "gnttab mapped-page-reads-shared-bytes %s\n", memcmp(shared, mapped, 4096) == 0 ? "yes" : "no");
    mapped[100] = 0xA5;
    fprintf(out, "gnttab shared-page-reads-mapped-write %s\n", shared[100] == 0xA5 ? "yes" : "no");
    xengnttab_unmap(gt, mapped, 1);
    xengntshr_unshare(gs, shared, 1);
    xengnttab_close(gt);
    xengntshr_close(gs);
}

static void fmem(void) {
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    xenforeignmemory_handle *fm = xenforeignmemory_open(NULL, 0);
    xc_dominfo_t info;
    if (!xch || !fm || xc_domain_getinfo(xch, 0, 1, &info) != 1) { fprintf(out, "fmem open errno %d\n", errno); return; }
    xen_pfn_t frame = info.shared_info_frame;
    int err = 0;
    shared_info_t *si = xenforeignmemory_map(fm, DOMID_SELF, PROT_READ, 1, &frame, &err);
    if (!si || err) { fprintf(out, "fmem map errno %d err %d\n", errno, err); return; }
    fprintf(out, "fmem shared-info max_pfn 0x%lx\n", (unsigned long)si->arch.max_pfn);
    fprintf(out, "fmem shared-info pfn_to_mfn_frame_list_list 0x%lx\n", (unsigned long)si->arch.pfn_to_mfn_frame_list_list);
    xenforeignmemory_unmap(fm, si, 1);
    void *own = xenforeignmemory_map(fm, 0, PROT_READ, 1, &frame, &err);
    fprintf(out, "fmem own-domid-page-error %d\n", -err);
    if (own) xenforeignmemory_unmap(fm, own, 1);
    xen_pfn_t bad = 0xfffffffffffffUL;
    void *wrong = xenforeignmemory_map(fm, DOMID_SELF, PROT_READ, 1, &bad, &err);
    fprintf(out, "fmem bad-frame-page-error %d\n", -err);
    if (wrong) xenforeignmemory_unmap(fm, wrong, 1);
    size_t size = 0;
    int rc = xenforeignmemory_resource_size(fm, 0, XENMEM_resource_grant_table, XENMEM_resource_grant_table_id_shared, &size);
    fprintf(out, "fmem resource-of-dom0-itself errno %d\n", rc < 0 ? errno : 0);
    xenforeignmemory_close(fm);
    xc_interface_close(xch);
}

static void xs(const char *prefix) {
    struct xs_handle *h = xs_open(XS_OPEN_SOCKETONLY), *hw = xs_open(XS_OPEN_SOCKETONLY);
    if (!h || !hw) { fprintf(out, "xs open errno %d\n", errno); return; }
    char path[256], child[256];
    unsigned int len = 0, num = 0;
    snprintf(path, sizeof path, "%s/a", prefix);
    xs_write(h, XBT_NULL, path, "hello", 5);
    char *value = xs_read(h, XBT_NULL, path, &len);
    fprintf(out, "xs write-read %s\n", value ? value : "(null)");
    free(value);
    snprintf(path, sizeof path, "%s/dir", prefix);
    xs_mkdir(h, XBT_NULL, path);
    char **names = xs_directory(h, XBT_NULL, prefix, &num);
    fprintf(out, "xs directory");
    for (unsigned int i = 0; i < num; i++) fprintf(out, " %s", names[i]);
    fprintf(out, "\n");
    free(names);
    struct xs_permissions set[2] = { { .id = 0, .perms = XS_PERM_NONE }, { .id = 1, .perms = XS_PERM_READ } };
    xs_set_permissions(h, XBT_NULL, path, set, 2);
    struct xs_permissions *perms = xs_get_permissions(h, XBT_NULL, path, &num);
    fprintf(out, "xs permissions");
    for (unsigned int i = 0; i < num; i++) fprintf(out, " %u:%d", perms[i].id, perms[i].perms);
    fprintf(out, "\n");
    free(perms);
    snprintf(path, sizeof path, "%s/c", prefix);
    int attempts = 0;
    for (;;) {
        attempts++;
        xs_transaction_t t = xs_transaction_start(h);
        free(xs_read(h, t, path, &len));
        xs_write(h, t, path, "in", 2);
        if (attempts == 1) xs_write(h, XBT_NULL, path, "out", 3);
        if (xs_transaction_end(h, t, false)) break;
        if (errno != EAGAIN || attempts > 5) { fprintf(out, "xs transaction errno %d\n", errno); break; }
    }
    value = xs_read(h, XBT_NULL, path, &len);
    fprintf(out, "xs transaction attempts %d value %s\n", attempts, value ? value : "(null)");
    free(value);
    snprintf(path, sizeof path, "%s/w", prefix);
    xs_mkdir(h, XBT_NULL, path);
    xs_watch(hw, path, "tok");
    char **event = xs_read_watch(hw, &num);
    fprintf(out, "xs watch-first %s %s\n", event ? event[XS_WATCH_PATH] + strlen(prefix) : "-", event ? event[XS_WATCH_TOKEN] : "-");
    free(event);
    snprintf(child, sizeof child, "%s/w/child", prefix);
    xs_write(h, XBT_NULL, child, "1", 1);
    event = xs_read_watch(hw, &num);
    fprintf(out, "xs watch-next %s %s\n", event ? event[XS_WATCH_PATH] + strlen(prefix) : "-", event ? event[XS_WATCH_TOKEN] : "-");
    free(event);
    xs_unwatch(hw, path, "tok");
    char *home = xs_get_domain_path(h, 0);
    fprintf(out, "xs domain-path-0 %s\n", home ? home : "(null)");
    free(home);
    xs_rm(h, XBT_NULL, prefix);
    value = xs_read(h, XBT_NULL, prefix, &len);
    fprintf(out, "xs read-after-rm errno %d\n", value ? 0 : errno);
    free(value);
    xs_close(hw);
    xs_close(h);
}

int main(int argc, char **argv) {
    if (argc != 3 || !(out = fopen(argv[1], "w"))) { fprintf(stderr, "usage: devices-c FILE PREFIX\n"); return 2; }
    evtchn();
    gnttab();
    fmem();
    xs(argv[2]);
    fclose(out);
    return 0;
}
