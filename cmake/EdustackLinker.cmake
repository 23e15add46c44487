# A faster linker shortens the edit-build-synth loop; lld is used when present.
option(EDUSTACK_USE_LLD "Link with lld when it is available" ON)
if(EDUSTACK_USE_LLD AND NOT EDUSTACK_SANITIZE)
  find_program(EDUSTACK_LLD_PROGRAM ld.lld)
  if(EDUSTACK_LLD_PROGRAM)
    add_link_options(-fuse-ld=lld)
  endif()
endif()

# Fast start of the programs (issue 16, bench/README.md): the dynamic loader's symbol lookups
# for the shared C++ runtime, libfmt and libspdlog are most of what an edustack process costs
# before main. With EDUSTACK_STATIC_RUNTIME, fmt and spdlog are used header-only (Debian ships
# no static archives of them; see the top-level CMakeLists.txt and src/cli/CMakeLists.txt) and
# edustack_static_runtime(target) links libstdc++ and libgcc into that executable, dropping the
# shared libraries nothing refers to any more (--as-needed). Only for programs that link no
# other shared C++ library (GoogleTest and Google Benchmark executables keep the shared runtime).
# Our own libraries are static archives already.
option(EDUSTACK_STATIC_RUNTIME "Link fmt, spdlog and the C++ runtime statically into the CLIs" OFF)
function(edustack_static_runtime target)
  if(EDUSTACK_STATIC_RUNTIME)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc LINKER:--as-needed)
  endif()
endfunction()
