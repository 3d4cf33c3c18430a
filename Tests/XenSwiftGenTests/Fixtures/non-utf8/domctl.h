/* A tombstone whose comment holds a Latin-1 byte (0xE7), which is not UTF-8. */
#ifndef __XEN_PUBLIC_DOMCTL_H__
#define __XEN_PUBLIC_DOMCTL_H__

#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015

struct xen_domctl {
    uint32_t cmd;
#define XEN_DOMCTL_getdomaininfo                  5
/* #define XEN_DOMCTL_getmemlist                  6 Removed by François */
    uint32_t interface_version; /* XEN_DOMCTL_INTERFACE_VERSION */
};

#endif
