# A faster linker shortens the edit-build-synth loop; lld is used when present.
option(EDUSTACK_USE_LLD "Link with lld when it is available" ON)
if(EDUSTACK_USE_LLD AND NOT EDUSTACK_SANITIZE)
  find_program(EDUSTACK_LLD_PROGRAM ld.lld)
  if(EDUSTACK_LLD_PROGRAM)
    add_link_options(-fuse-ld=lld)
  endif()
endif()
