// The digits, arithmetic-coded from data/digits.csv.gz at build time
// (cmake/encode_digits.mjs writes build/<dir>/gen/digits_data.inc). Linked into the
// CLI and the test suites, not into the page's wasm (see cpp/data.hpp).
#include "digits_builtin.hpp"

#include "data.hpp"
#include "digits_data.inc"  // kDigitsCoded, kDigitsCodedBytes, kDigitsCodedRows
#include "cold_code.hpp"

RELU_COLD_CODE_BEGIN  // all of this file runs once per config, record or map (cold_code.hpp)

namespace relu {

static_assert(kDigitsCodedRows == kDigitsRows, "digits_data.inc must hold 1797 rows");
static_assert(sizeof(kDigitsCoded) == kDigitsCodedBytes, "digits_data.inc: byte count and bytes disagree");

std::string use_builtin_digits() { return provide_digits(kDigitsCoded, kDigitsCodedBytes); }

}  // namespace relu

RELU_COLD_CODE_END
