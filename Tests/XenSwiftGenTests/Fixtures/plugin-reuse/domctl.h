/* A one-family tree for the plugin tests: number 6 is retired, then handed to a new op. */
#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015

struct xen_domctl {
    uint32_t cmd;
#define XEN_DOMCTL_getdomaininfo                  5
/* #define XEN_DOMCTL_getmemlist                  6 Removed */
#define XEN_DOMCTL_shiny_new_op                   6
    uint32_t interface_version;
};
