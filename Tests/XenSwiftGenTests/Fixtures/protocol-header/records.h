/* Records and no numbered group. */
#ifndef FIXTURE_RECORDS_H
#define FIXTURE_RECORDS_H
struct only_record {
    uint64_t a;
    uint8_t b;
};
#endif
