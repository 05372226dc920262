// The digits data set compiled into the program (native CLI, Catch2 suites), for
// programs that do not load it separately as the page does (cpp/data.hpp).
#pragma once
#include <string>

namespace relu {

// Hands the compiled-in coded bytes to provide_digits(), once, at start: "" or its error.
std::string use_builtin_digits();

}  // namespace relu
