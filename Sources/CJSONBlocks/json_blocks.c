// The kernel lives inline in include/json_blocks.h, so that Swift callers can
// inline it; SwiftPM wants a source file in every C target.
#include "json_blocks.h"
