// The JSON reader's skip over a container whose members a sparse read does not keep
// (JSONReader.swift, `skipUnreadContainer`). Most bytes of an assistant export pass
// through here: indentation, intent examples, response texts. The skip checks them as
// the reader would and moves the reader's position past them, or gives up where the
// reader must look itself (anything it would report, a site, a key with an escape).
#ifndef CXLINT_JSON_SKIP_H
#define CXLINT_JSON_SKIP_H

#include <stdint.h>

/// The reader's position: the next byte, its line, where that line starts, and the
/// bytes on the line before `i` that are not columns of their own (UTF-8 continuations).
typedef struct {
    int64_t i;
    int64_t line;
    int64_t line_start;
    int64_t uncounted;
} cxl_json_position;

/// The skip's stacks, kept between skips so their storage is reused; zeroed to start,
/// released with `cxl_json_skip_free`.
typedef struct {
    /// What each open container is: an array, an object, or an object member whose value is due.
    uint8_t *kinds;
    int64_t kinds_count, kinds_capacity;
    /// Start and end offsets of the keys of the open objects, innermost last.
    int64_t *keys;
    int64_t keys_count, keys_capacity;
    /// Where each open object's keys begin in `keys`.
    int64_t *key_bases;
    int64_t key_bases_count, key_bases_capacity;
} cxl_json_skip_stacks;

/// Checks the container whose opening bracket is at `position->i` and moves the whole
/// position past it: 1. Or gives up: 0, with `position->i` where it stopped and the
/// rest of the position not to be used. It gives up on bytes the reader reports
/// (syntax, encoding, duplicate keys), on a key with an escape, on an object of more
/// than 32 keys, on a string ending at or after `next_site`, when more than `depth_room`
/// containers and members would be open, and when memory runs out.
int cxl_json_skip(const uint8_t *bytes, int64_t n, cxl_json_position *position, int64_t next_site,
                  int64_t depth_room, cxl_json_skip_stacks *stacks);

void cxl_json_skip_free(cxl_json_skip_stacks *stacks);

#endif
