/* libxml2's SAX2 push parser, for Sources/CXLintSyntax/XMLReader.swift.
 *
 * Debian builds libxml2 with ICU, so its encoding.h includes ICU's headers, which
 * clash with the copy Foundation brings (_FoundationICU: "'UErrorCode' has
 * different definitions in different modules"). The reader never touches an
 * encoding handler's fields (only whether the input has one), so the ICU part
 * of those declarations is left out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>
#include <libxml/dict.h>
