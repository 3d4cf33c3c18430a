/* Not self-contained: base_id_t comes from base.h, which the family table row names in `includes`. */
#ifndef FIXTURE_PROTO_H
#define FIXTURE_PROTO_H
#define PROTO_OP_start 1
#define PROTO_OP_stop  2
struct proto_request {
    base_id_t id;
    uint16_t op;  /* PROTO_OP_* */
};
#endif
