// The byte classes are all in the header, as static inline functions that Swift inlines
// into its loops; this file makes them a translation unit of the target too.
#include "CXLintBytes.h"
