/* Types that proto.h uses without including this header. */
#ifndef FIXTURE_BASE_H
#define FIXTURE_BASE_H
typedef uint32_t base_id_t;
struct base_only {
    uint8_t unused;
};
#endif
