/* The floor cxlint is measured against: read the same files and only parse
 * them, with the C parsers cxlint's own readers sit on or compete with.
 *
 *   YAML  libyaml event parse (every event read and freed, no tree)
 *   XML   libxml2 xmlReadMemory into a DOM, no entity expansion, no network
 *   JSON  simdjson DOM parse (libsimdjson-dev), every string and number
 *         decoded into its tape
 *
 * The format is picked the way cxlint picks it: by the first significant
 * byte ('<' XML, '{' '[' JSON, else YAML); zip archives are skipped.
 *
 *   parse_only [--read-only] PATH...   (folders are walked)
 *
 * Prints one line per format and a total: files, bytes, seconds (CPU time of
 * this process, so a loaded machine counts only our own work).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ftw.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include <simdjson.h>

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

/* A DOM parse into simdjson's tape (the fastest JSON parser there is); the
 * parser, and so its buffers, is reused across files. The buffer handed in has
 * SIMDJSON_PADDING spare bytes after the data. */
static simdjson::dom::parser jsonParser;

static int json_parse(const unsigned char *data, size_t length) {
    simdjson::dom::element root;
    return jsonParser.parse(data, length, false).get(root) == simdjson::SUCCESS;
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
    xmlDocPtr doc = xmlReadMemory((const char *)data, (int)length, "input.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
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
    unsigned char *data = (unsigned char *)malloc(n + simdjson::SIMDJSON_PADDING);
    size_t got = fread(data, 1, n, f);
    fclose(f);
    double t1 = cpu_now();
    readSeconds += t1 - t0;
    if (got >= 4 && memcmp(data, "PK\3\4", 4) == 0) { free(data); return 0; }
    int fmt = format_of(data, got);
    files[fmt]++;
    bytes[fmt] += (long)got;
    if (!readOnly) {
        int ok = fmt == YAML ? yaml_parse(data, got) : fmt == XML ? xml_parse(data, got) : json_parse(data, got);
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
