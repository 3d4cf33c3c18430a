/* A missing semicolon: clang's error and location must reach the user. */
#ifndef __XEN_PUBLIC_DOMCTL_H__
#define __XEN_PUBLIC_DOMCTL_H__

#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015

struct xen_domctl {
    uint32_t cmd
#define XEN_DOMCTL_getdomaininfo                  5
    uint32_t interface_version; /* XEN_DOMCTL_INTERFACE_VERSION */
};

#endif
