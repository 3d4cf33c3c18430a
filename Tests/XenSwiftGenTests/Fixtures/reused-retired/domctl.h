/* A retired number handed to a new op (as DOMCTL 23 was under __XEN__). */
#ifndef __XEN_PUBLIC_DOMCTL_H__
#define __XEN_PUBLIC_DOMCTL_H__

#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015

struct xen_domctl {
    uint32_t cmd;
#define XEN_DOMCTL_getdomaininfo                  5
/* #define XEN_DOMCTL_getmemlist                  6 Removed */
#define XEN_DOMCTL_getmemmap                      6
    uint32_t interface_version; /* XEN_DOMCTL_INTERFACE_VERSION */
};

#endif
