/*
 * Fixture: the tombstone is gone and another op takes number 6
 * Modelled on xen/include/public/domctl.h; read by the real libclang.
 */
#ifndef __XEN_PUBLIC_DOMCTL_H__
#define __XEN_PUBLIC_DOMCTL_H__

#include <stdint.h>

#define XEN_DOMCTL_INTERFACE_VERSION 0x00000003

/* XEN_DOMCTL_getdomaininfo */
struct xen_domctl_getdomaininfo {
    uint32_t domain;
    uint32_t flags;
};

struct xen_domctl {
    uint32_t cmd;
#define XEN_DOMCTL_createdomain                 1
#define XEN_DOMCTL_destroydomain                2
#define XEN_DOMCTL_getdomaininfo                5
#define XEN_DOMCTL_newop                        6
#define XEN_DOMCTL_mem_event_op                 7
    uint32_t interface_version; /* XEN_DOMCTL_INTERFACE_VERSION */
    uint16_t domain;
};

#endif /* __XEN_PUBLIC_DOMCTL_H__ */
