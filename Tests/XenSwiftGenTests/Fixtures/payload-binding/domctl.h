/* A request record whose ops bind to payloads in every way the generator knows, and some that cannot. */
#ifndef FIXTURE_DOMCTL_H
#define FIXTURE_DOMCTL_H

#define XEN_DOMCTL_INTERFACE_VERSION 0x00000003

/* XEN_DOMCTL_alpha */
struct xen_domctl_alpha {
    uint32_t count;     /* How many. */
    uint64_t total;
    uint8_t  flag;
};

/* Shared by two ops. */
/* XEN_DOMCTL_beta */
/* XEN_DOMCTL_beta2 */
struct xen_domctl_shared {
    uint32_t id;
    uint16_t pad[3];
    uint32_t data[];    /* Flexible array member, after 2 bytes of padding. */
};

/* The comment names gamma, but the member named gamma is another struct. */
/* XEN_DOMCTL_gamma */
struct xen_domctl_delta {
    uint32_t value;
};

struct xen_domctl_gamma {
    uint32_t other;
};

enum fixture_mode {
    FIXTURE_MODE_OFF,
    FIXTURE_MODE_ON = 4,   /* Switched on. */
};

/* Bits, an enum, and an anonymous union. */
struct xen_domctl_bits {
    uint32_t enabled : 1;
    uint32_t level : 3;
    int32_t  delta : 4;
    enum fixture_mode mode;
    union {
        uint64_t wide;
        uint32_t narrow;
    };
};

struct xen_domctl {
    uint32_t cmd;
#define XEN_DOMCTL_alpha     1
#define XEN_DOMCTL_beta      2
#define XEN_DOMCTL_beta2     3
#define XEN_DOMCTL_gamma     4
#define XEN_DOMCTL_epsilon   5
#define XEN_DOMCTL_zeta      6
#define XEN_DOMCTL_bits      7
#define XEN_DOMCTL_stop      8
    uint32_t interface_version; /* XEN_DOMCTL_INTERFACE_VERSION */
    uint16_t domain;
    uint16_t _pad[3];
    union {
        struct xen_domctl_alpha  alpha;
        struct xen_domctl_shared shared;
        struct xen_domctl_delta  delta;
        struct xen_domctl_gamma  gamma;
        struct xen_domctl_bits   bits;
        uint8_t                  pad[64];
    } u;
};

#endif
