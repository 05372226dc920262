// Decimal text <-> double for config values, without the C library's strtod and
// printf (about 9 KB of the page's gzipped bundle, for a few numbers per config).
// Not here: which texts a key accepts (config.cpp), formatting for display (web/).
#pragma once
#include <string>

namespace relu {

// Plain decimal text: [+-] digits [. digits] [e|E [+-] digits], at least one digit
// before the exponent; nothing else (no hex, inf, nan, spaces). Returns false for
// other text. The value is correctly rounded, as strtod's, when the digits after
// dropping leading and trailing zeros fit in 2^53 and the decimal exponent is within
// +-22 (every value a person types); otherwise it is computed to about 2^-100 and
// then rounded, so it differs from strtod's only within about 2^-100 of a halfway
// point. Either way it is the same on every platform (IEEE double arithmetic only).
// Digits past the 19th significant one are ignored.
bool parse_decimal(const std::string& text, double* value);

// The shortest text, in printf's %g style (1e-05, 0.003, 10), that parse_decimal
// reads back as exactly v: printf's shortest %.{p}g text. v must be finite.
std::string format_decimal(double v);

}  // namespace relu
