# cmake -DINPUT=<file> -DOUTPUT=<file.cpp> -DSYMBOL=<name> -P embed_file.cmake
# Writes a C++ source that defines the file's bytes as
#   edustack::constructs::embedded::<SYMBOL> (a std::string_view).
# Used at build time, so generated sources stay in the build tree, never in the repository.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
# 16 bytes a line keeps the file readable.
string(REGEX REPLACE "(('[^']+',){16})" "\\1\n    " bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${INPUT} by src/constructs/embed_file.cmake. Do not edit.
#include <string_view>

namespace edustack::constructs::embedded {
namespace {
constexpr char kBytes[] = {
    ${bytes}'\\0'};
}  // namespace
extern const std::string_view ${SYMBOL};
const std::string_view ${SYMBOL}(kBytes, ${size});
}  // namespace edustack::constructs::embedded
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
