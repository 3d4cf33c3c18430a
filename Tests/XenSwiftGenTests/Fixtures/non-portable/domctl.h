/* Stored fields whose Swift type could have another layout on another 64-bit target. */
#ifndef FIXTURE_DOMCTL_H
#define FIXTURE_DOMCTL_H

struct xen_domctl_sample {
    uint64_t when;
    void *cookie;
    double load;
    unsigned __int128 big;
    unsigned long words[2];
};

struct xen_domctl {
    uint32_t cmd;
#define XEN_DOMCTL_sample 1
    uint32_t interface_version;
    union {
        struct xen_domctl_sample sample;
        uint8_t pad[64];
    } u;
};

#endif
