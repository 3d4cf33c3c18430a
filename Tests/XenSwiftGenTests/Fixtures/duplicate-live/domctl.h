/* Two live ops on one number: the second must stop the run. */
#ifndef __XEN_PUBLIC_DOMCTL_H__
#define __XEN_PUBLIC_DOMCTL_H__

#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015

struct xen_domctl {
    uint32_t cmd;
#define XEN_DOMCTL_createdomain                   1
#define XEN_DOMCTL_destroydomain                  2
#define XEN_DOMCTL_pausedomain                    3
#define XEN_DOMCTL_unpausedomain                  3
    uint32_t interface_version; /* XEN_DOMCTL_INTERFACE_VERSION */
};

#endif
