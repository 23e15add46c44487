# Warnings every edustack target builds with. GCC warns -Wmissing-field-initializers on every
# sparse designated initializer, which is how config structs are meant to be used, so it is off.
add_library(edustack_warnings INTERFACE)
target_compile_options(edustack_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor>
  $<$<CXX_COMPILER_ID:GNU>:-Wno-missing-field-initializers>
  # GCC 12 at -O2/-O3 reports false -Wrestrict and -Wstringop-overflow on std::string
  # concatenation (GCC bugs 105651, 105329) and false -Wmaybe-uninitialized inside std::variant
  # copies; all are compiler noise here.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict -Wno-stringop-overflow -Wno-maybe-uninitialized>
  $<$<CXX_COMPILER_ID:Clang>:-Werror=reorder-init-list>)
if(EDUSTACK_WARNINGS_AS_ERRORS)
  target_compile_options(edustack_warnings INTERFACE $<$<CXX_COMPILER_ID:GNU,Clang>:-Werror>)
endif()
