# ASan + UBSan for the whole build (tests included) when EDUSTACK_SANITIZE is on.
if(EDUSTACK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
# libFuzzer builds (tools/fuzz.sh): everything instrumented, the fuzz targets link the driver.
if(EDUSTACK_BUILD_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
