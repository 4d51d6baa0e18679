// Everything is in the header, as static inline functions that Swift inlines into its
// loops; SwiftPM wants a source file for the target.
#include "CXLintBytes.h"
