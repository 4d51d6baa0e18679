// The skip of a container a sparse JSON read does not keep; see CXLintJSONSkip.h.
// It gives up exactly where JSONReader.swift's own reading would have to be asked,
// so what it accepts the reader would have read without a finding.
#include "CXLintJSONSkip.h"
#include "CXLintBytes.h"

#include <stdlib.h>
#include <string.h>

enum { KIND_ARRAY, KIND_OBJECT, KIND_MEMBER };

/// Once an object holds this many key offsets (two per key: 32 keys), it is left to the
/// reader, which indexes its keys: comparing each new key with all before it would grow
/// quadratically.
enum { MAX_KEY_OFFSETS = 64 };

typedef struct {
    const uint8_t *b;
    int64_t n, i, line, line_start, uncounted;
} cursor;

// MARK: Stacks

static int grow(void **storage, int64_t *capacity, size_t element_size) {
    int64_t next = *capacity > 0 ? *capacity * 2 : 64;
    void *grown = realloc(*storage, (size_t)next * element_size);
    if (!grown) return 0;
    *storage = grown;
    *capacity = next;
    return 1;
}

static inline int push_kind(cxl_json_skip_stacks *s, uint8_t kind) {
    if (s->kinds_count == s->kinds_capacity && !grow((void **)&s->kinds, &s->kinds_capacity, sizeof *s->kinds)) return 0;
    s->kinds[s->kinds_count++] = kind;
    return 1;
}

static inline int push_key(cxl_json_skip_stacks *s, int64_t start, int64_t end) {
    if (s->keys_count + 2 > s->keys_capacity && !grow((void **)&s->keys, &s->keys_capacity, sizeof *s->keys)) return 0;
    s->keys[s->keys_count++] = start;
    s->keys[s->keys_count++] = end;
    return 1;
}

static inline int push_key_base(cxl_json_skip_stacks *s) {
    if (s->key_bases_count == s->key_bases_capacity
        && !grow((void **)&s->key_bases, &s->key_bases_capacity, sizeof *s->key_bases))
        return 0;
    s->key_bases[s->key_bases_count++] = s->keys_count;
    return 1;
}

static inline int top_kind_is(const cxl_json_skip_stacks *s, uint8_t kind) {
    return s->kinds_count > 0 && s->kinds[s->kinds_count - 1] == kind;
}

/// After a value: the object member it was the value of, if any, is done.
static inline void end_member(cxl_json_skip_stacks *s) {
    if (top_kind_is(s, KIND_MEMBER)) s->kinds_count--;
}

/// Closes the innermost container (and the member it was the value of); 1 when that
/// was the outermost.
static inline int close_container(cxl_json_skip_stacks *s) {
    if (s->kinds[--s->kinds_count] == KIND_OBJECT) s->keys_count = s->key_bases[--s->key_bases_count];
    end_member(s);
    return s->kinds_count == 0;
}

/// Whether the key at `start..<end` (quotes included, no escape) is new in the innermost object.
static inline int is_new_key(const cxl_json_skip_stacks *s, const uint8_t *b, int64_t start, int64_t end) {
    if (s->key_bases_count == 0) return 0;
    int64_t base = s->key_bases[s->key_bases_count - 1];
    if (s->keys_count - base >= MAX_KEY_OFFSETS) return 0;
    int64_t length = end - start;
    for (int64_t k = base; k < s->keys_count; k += 2) {
        if (s->keys[k + 1] - s->keys[k] == length && memcmp(b + s->keys[k], b + start, (size_t)length) == 0) return 0;
    }
    return 1;
}

// MARK: Whitespace

static inline void new_line(cursor *c) {
    c->line++;
    c->line_start = c->i;
    c->uncounted = 0;
}

/// Skips a run of spaces (indentation, or the one after a colon), sixteen at a time.
static inline __attribute__((always_inline)) void skip_spaces(cursor *c) {
    while (c->i + 16 <= c->n) {
        uint32_t other = ~cxl_equal16(c->b + c->i, ' ') & 0xFFFF;
        if (other) {
            c->i += __builtin_ctz(other);
            return;
        }
        c->i += 16;
    }
    while (c->i < c->n && c->b[c->i] == ' ') c->i++;
}

/// Skips spaces, tabs and line ends (a CR alone or before an LF ends one line).
static inline __attribute__((always_inline)) void skip_whitespace(cursor *c) {
    const uint8_t *b = c->b;
    while (c->i < c->n) {
        uint8_t x = b[c->i];
        if (x > ' ') return;  // most calls: a token follows at once
        switch (x) {
        case ' ':
            c->i++;
            if (c->i < c->n && b[c->i] == ' ') skip_spaces(c);
            break;
        case '\t':
            c->i++;
            break;
        case '\n':
            c->i++;
            new_line(c);
            break;
        case '\r':
            c->i++;
            if (c->i < c->n && b[c->i] == '\n') c->i++;
            new_line(c);
            break;
        default:
            return;
        }
    }
}

// MARK: Scalars

static inline int is_hex(uint8_t x) {
    uint8_t lower = x | 0x20;
    return (x >= '0' && x <= '9') || (lower >= 'a' && lower <= 'f');
}

/// Moves past the string whose quote is at `c->i`: 1, or 0 with nothing moved.
static inline __attribute__((always_inline)) int skip_string(cursor *c, int is_key, int64_t next_site) {
    const uint8_t *b = c->b;
    int64_t n = c->n, j = c->i + 1, continuations = 0;
    for (;;) {
        j = cxl_string_plain_end(b, n, j);
        if (j >= n) return 0;
        uint8_t x = b[j];
        if (x == '"') break;
        if (x == '\\') {
            if (is_key || j + 1 >= n) return 0;
            switch (b[j + 1]) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                j += 2;
                break;
            case 'u':
                if (j + 6 > n || !is_hex(b[j + 2]) || !is_hex(b[j + 3]) || !is_hex(b[j + 4]) || !is_hex(b[j + 5])) return 0;
                j += 6;
                break;
            default:
                return 0;
            }
        } else if (x < 0x20) {
            return 0;
        } else {
            int length = cxl_utf8_length(b, n, j);
            if (!length) return 0;
            continuations += length - 1;
            j += length;
        }
    }
    if (next_site <= j) return 0;
    c->uncounted += continuations;
    c->i = j + 1;
    return 1;
}

static inline int is_digit(const uint8_t *b, int64_t n, int64_t j) { return j < n && b[j] >= '0' && b[j] <= '9'; }

/// Moves past the number at `c->i` (JSON's grammar, RFC 8259 §6): 1, or 0 with nothing moved.
static inline int skip_number(cursor *c) {
    const uint8_t *b = c->b;
    int64_t n = c->n, j = c->i;
    if (b[j] == '-' && !is_digit(b, n, ++j)) return 0;
    if (b[j] == '0') {
        if (is_digit(b, n, ++j)) return 0;
    } else {
        while (is_digit(b, n, j)) j++;
    }
    if (j < n && b[j] == '.') {
        if (!is_digit(b, n, ++j)) return 0;
        while (is_digit(b, n, j)) j++;
    }
    if (j < n && (b[j] | 0x20) == 'e') {
        j++;
        if (j < n && (b[j] == '+' || b[j] == '-')) j++;
        if (!is_digit(b, n, j)) return 0;
        while (is_digit(b, n, j)) j++;
    }
    c->i = j;
    return 1;
}

static inline int is_word_byte(uint8_t x) {
    uint8_t lower = x | 0x20;
    return (x >= '0' && x <= '9') || (lower >= 'a' && lower <= 'z') || x == '_';
}

/// Moves past `true`, `false` or `null` (a whole word): 1, or 0 with nothing moved.
static inline int skip_literal(cursor *c) {
    int64_t end = c->i;
    while (end < c->n && is_word_byte(c->b[end])) end++;
    const uint8_t *word = c->b + c->i;
    int64_t length = end - c->i;
    int known = (length == 4 && (memcmp(word, "true", 4) == 0 || memcmp(word, "null", 4) == 0))
                || (length == 5 && memcmp(word, "false", 5) == 0);
    if (known) c->i = end;
    return known;
}

// MARK: Containers

int cxl_json_skip(const uint8_t *bytes, int64_t n, cxl_json_position *position, int64_t next_site,
                  int64_t depth_room, cxl_json_skip_stacks *s) {
    cursor c = {bytes, n, position->i, position->line, position->line_start, position->uncounted};
    s->kinds_count = s->keys_count = s->key_bases_count = 0;
    // After '[', ',' in an array, or a key's ':', a value is due; after '{' or ',' in an object, a key.
    int wants_member = 1, done = 0;
    for (;;) {
        skip_whitespace(&c);
        if (c.i >= n) break;
        uint8_t x = bytes[c.i];
        if (!wants_member) {
            if (s->kinds_count == 0) break;
            uint8_t closer = top_kind_is(s, KIND_OBJECT) ? '}' : ']';
            if (x == ',') {
                c.i++;
                skip_whitespace(&c);
                if (c.i >= n || bytes[c.i] == closer) break;
                wants_member = 1;
            } else if (x == closer) {
                c.i++;
                if ((done = close_container(s))) break;
            } else {
                break;
            }
        } else if (top_kind_is(s, KIND_OBJECT)) {
            if (x != '"') break;
            int64_t key_start = c.i;
            if (!skip_string(&c, 1, next_site) || !is_new_key(s, bytes, key_start, c.i)) break;
            if (!push_key(s, key_start, c.i)) break;
            skip_whitespace(&c);
            if (c.i >= n || bytes[c.i] != ':') break;
            c.i++;
            if (!push_kind(s, KIND_MEMBER)) break;
        } else if (x == '{' || x == '[') {
            int object = x == '{';
            if (s->kinds_count >= depth_room) break;
            if (!push_kind(s, object ? KIND_OBJECT : KIND_ARRAY) || (object && !push_key_base(s))) break;
            c.i++;
            skip_whitespace(&c);
            if (c.i >= n) break;
            if (bytes[c.i] == (object ? '}' : ']')) {
                c.i++;
                if ((done = close_container(s))) break;
                wants_member = 0;
            }
        } else {
            int skipped = x == '"'                              ? skip_string(&c, 0, next_site)
                          : x == '-' || (x >= '0' && x <= '9') ? skip_number(&c)
                          : x == 'f' || x == 'n' || x == 't'   ? skip_literal(&c)
                                                               : 0;
            if (!skipped) break;
            end_member(s);
            wants_member = 0;
        }
    }
    position->i = c.i;
    if (done) {
        position->line = c.line;
        position->line_start = c.line_start;
        position->uncounted = c.uncounted;
    }
    return done;
}

void cxl_json_skip_free(cxl_json_skip_stacks *s) {
    free(s->kinds);
    free(s->keys);
    free(s->key_bases);
    *s = (cxl_json_skip_stacks){0};
}
