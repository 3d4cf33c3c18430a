/* A wire protocol whose message types are a C enum (like io/xs_wire.h): a removed member leaves a
 * comment and a gap in the values, and the protocol's records come with it. */
#ifndef FIXTURE_WIRE_H
#define FIXTURE_WIRE_H

enum wire_msg_type
{
    WIRE_HELLO,
#define WIRE_GREETING WIRE_HELLO
    WIRE_READ,
    WIRE_WRITE,
    /* WIRE_LOCK has been removed */
    WIRE_UNLOCK = WIRE_WRITE + 2,
    WIRE_CLOSE,      /* Obsolete: use WIRE_UNLOCK */
    WIRE_TYPE_COUNT, /* Number of valid types. */
    WIRE_INVALID = 0xffff
};

#define WIRE_MODE_NONE "NONE"

/* A second enum: its removed member's number is not told by the values around it. */
enum wire_state
{
    WIRE_STATE_IDLE,
    /* WIRE_STATE_BUSY was removed */
    WIRE_STATE_DONE = 5
};

/* The header of every message. */
struct wire_header {
    uint32_t type;  /* enum wire_msg_type */
    uint16_t len;
    uint8_t flags:3;
    uint32_t tag:19;
};

/* Aligned to 8 by its flexible array member alone: no Swift struct has that layout. */
struct wire_batch {
    uint32_t count;
    uint64_t items[];
};

union wire_payload {
    struct wire_header header;
    uint8_t raw[16];
};

#endif
