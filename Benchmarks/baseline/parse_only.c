/* The floor cxlint is measured against: read the same files and only parse
 * them, with the C parsers cxlint's own readers sit on or compete with.
 *
 *   YAML  libyaml event parse (every event read and freed, no tree)
 *   XML   libxml2 xmlReadMemory into a DOM, no entity expansion, no network
 *   JSON  a strict hand-written validator (RFC 8259 structure, strings with
 *         escapes and UTF-8 checked, numbers), no tree
 *
 * The format is picked the way cxlint picks it: by the first significant
 * byte ('<' XML, '{' '[' JSON, else YAML); zip archives are skipped.
 *
 *   parse_only [--read-only] PATH...   (folders are walked)
 *
 * Prints one line per format and a total: files, bytes, seconds (CPU time of
 * this process, so a loaded machine counts only our own work).
 */
#define _GNU_SOURCE
#include <ftw.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

enum { YAML, XML, JSON, FORMATS };
static const char *names[FORMATS] = {"yaml", "xml", "json"};
static long files[FORMATS], bytes[FORMATS], failures[FORMATS];
static double seconds[FORMATS], readSeconds;
static int readOnly;

static double cpu_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* MARK: JSON */

typedef struct { const unsigned char *p, *end; } Cursor;

static void ws(Cursor *c) {
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')) c->p++;
}

static int utf8_length(const unsigned char *p, const unsigned char *end) {
    unsigned char b = *p;
    int n = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    if (n == 0 || p + n > end) return 0;
    for (int k = 1; k < n; k++) if ((p[k] & 0xC0) != 0x80) return 0;
    return n;
}

static int string(Cursor *c) {
    c->p++;
    while (c->p < c->end) {
        unsigned char b = *c->p;
        if (b == '"') { c->p++; return 1; }
        if (b < 0x20) return 0;
        if (b == '\\') {
            if (c->p + 1 >= c->end) return 0;
            unsigned char e = c->p[1];
            if (e == 'u') {
                if (c->p + 6 > c->end) return 0;
                for (int k = 2; k < 6; k++) {
                    unsigned char h = c->p[k];
                    if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) return 0;
                }
                c->p += 6;
            } else if (strchr("\"\\/bfnrt", e) && e) {
                c->p += 2;
            } else return 0;
        } else if (b < 0x80) {
            c->p++;
        } else {
            int n = utf8_length(c->p, c->end);
            if (!n) return 0;
            c->p += n;
        }
    }
    return 0;
}

static int number(Cursor *c) {
    if (*c->p == '-') c->p++;
    if (c->p >= c->end) return 0;
    if (*c->p == '0') c->p++;
    else if (*c->p >= '1' && *c->p <= '9') while (c->p < c->end && *c->p >= '0' && *c->p <= '9') c->p++;
    else return 0;
    if (c->p < c->end && *c->p == '.') {
        c->p++;
        if (c->p >= c->end || *c->p < '0' || *c->p > '9') return 0;
        while (c->p < c->end && *c->p >= '0' && *c->p <= '9') c->p++;
    }
    if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
        c->p++;
        if (c->p < c->end && (*c->p == '+' || *c->p == '-')) c->p++;
        if (c->p >= c->end || *c->p < '0' || *c->p > '9') return 0;
        while (c->p < c->end && *c->p >= '0' && *c->p <= '9') c->p++;
    }
    return 1;
}

static int literal(Cursor *c, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(c->end - c->p) < n || memcmp(c->p, word, n) != 0) return 0;
    c->p += n;
    return 1;
}

/* Iterative, with a stack of open containers, like cxlint's reader. */
static int json_validate(const unsigned char *data, size_t length) {
    Cursor c = {data, data + length};
    if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) c.p += 3;
    char stack[1024];
    int depth = 0;
    for (;;) {
        ws(&c);
        if (c.p >= c.end) return 0;
        unsigned char b = *c.p;
        if (b == '{' || b == '[') {
            if (depth == (int)sizeof stack) return 0;
            stack[depth++] = (char)b;
            c.p++;
            ws(&c);
            if (c.p < c.end && *c.p == (b == '{' ? '}' : ']')) { c.p++; depth--; goto after_value; }
            if (b == '{') goto key;
            continue;
        }
        if (b == '"') { if (!string(&c)) return 0; }
        else if (b == '-' || (b >= '0' && b <= '9')) { if (!number(&c)) return 0; }
        else if (!(literal(&c, "true") || literal(&c, "false") || literal(&c, "null"))) return 0;
    after_value:
        for (;;) {
            ws(&c);
            if (depth == 0) return c.p == c.end;
            if (c.p >= c.end) return 0;
            char open = stack[depth - 1];
            if (*c.p == ',') {
                c.p++;
                if (open == '{') goto key;
                break;
            }
            if (*c.p == (open == '{' ? '}' : ']')) { c.p++; depth--; continue; }
            return 0;
        }
        continue;
    key:
        ws(&c);
        if (c.p >= c.end || *c.p != '"' || !string(&c)) return 0;
        ws(&c);
        if (c.p >= c.end || *c.p != ':') return 0;
        c.p++;
    }
}

/* MARK: YAML and XML */

static int yaml_parse(const unsigned char *data, size_t length) {
    yaml_parser_t parser;
    yaml_event_t event;
    if (!yaml_parser_initialize(&parser)) return 0;
    yaml_parser_set_input_string(&parser, data, length);
    int ok = 1;
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) { ok = 0; break; }
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (done) break;
    }
    yaml_parser_delete(&parser);
    return ok;
}

static int xml_parse(const unsigned char *data, size_t length) {
    /* No XML_PARSE_NOENT: entities stay references, as in cxlint. */
    xmlDocPtr doc = xmlReadMemory((const char *)data, (int)length, "input.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) return 0;
    xmlFreeDoc(doc);
    return 1;
}

/* MARK: Files */

static int format_of(const unsigned char *b, size_t n) {
    size_t i = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
    while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) i++;
    if (i < n && b[i] == '<') return XML;
    if (i < n && (b[i] == '{' || b[i] == '[' || b[i] == '/')) return JSON;
    return YAML;
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw) {
    (void)ftw;
    if (type != FTW_F || !S_ISREG(st->st_mode)) return 0;
    double t0 = cpu_now();
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    size_t n = (size_t)st->st_size;
    unsigned char *data = malloc(n ? n : 1);
    size_t got = fread(data, 1, n, f);
    fclose(f);
    double t1 = cpu_now();
    readSeconds += t1 - t0;
    if (got >= 4 && memcmp(data, "PK\3\4", 4) == 0) { free(data); return 0; }
    int fmt = format_of(data, got);
    files[fmt]++;
    bytes[fmt] += (long)got;
    if (!readOnly) {
        int ok = fmt == YAML ? yaml_parse(data, got) : fmt == XML ? xml_parse(data, got) : json_validate(data, got);
        if (!ok) failures[fmt]++;
        seconds[fmt] += cpu_now() - t1;
    }
    free(data);
    return 0;
}

int main(int argc, char **argv) {
    xmlInitParser();
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--read-only") == 0) { readOnly = 1; continue; }
        nftw(argv[i], visit, 32, FTW_PHYS);
    }
    long totalFiles = 0, totalBytes = 0;
    double totalSeconds = readSeconds;
    printf("%-6s %8s %12s %10s %8s\n", "format", "files", "bytes", "seconds", "failed");
    for (int k = 0; k < FORMATS; k++) {
        printf("%-6s %8ld %12ld %10.6f %8ld\n", names[k], files[k], bytes[k], seconds[k], failures[k]);
        totalFiles += files[k];
        totalBytes += bytes[k];
        totalSeconds += seconds[k];
    }
    printf("%-6s %8ld %12ld %10.6f %8s\n", "read", totalFiles, totalBytes, readSeconds, "-");
    printf("%-6s %8ld %12ld %10.6f %8s\n", "total", totalFiles, totalBytes, totalSeconds, "-");
    xmlCleanupParser();
    return 0;
}
