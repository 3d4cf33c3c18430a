/* A payload aligned to 4 only by its flexible array member: Swift cannot give a struct that alignment. */
#ifndef FIXTURE_DOMCTL_H
#define FIXTURE_DOMCTL_H

struct xen_domctl_list {
    uint16_t count;
    uint16_t pad;
    uint32_t entries[];
};

struct xen_domctl {
    uint32_t cmd;
#define XEN_DOMCTL_list 1
    uint32_t interface_version;
    union {
        struct xen_domctl_list list;
        uint8_t pad[16];
    } u;
};

#endif
