# cmake -DCHECK=<docs_check.cmake> -DWORK=<dir> -P docs_check_test.cmake
# docs_check.cmake itself, on small repositories written here: it passes on good samples and
# fails, naming the place, on each kind of bad one.
set(code [=[
TEST(Sample, One) {
  App app;
  Stack stack(app, "s");  // a; semicolon [and brackets] \ and a backslash
}
]=])
set(good_doc [=[
# Page

<!-- mirrors: examples/code.cpp -->
```cpp
App app;
Stack stack(app, "s");  // a; semicolon [and brackets] \ and a backslash
```

<!-- sample: fragment (shows a compile error on purpose) -->
```cpp
String s = 1.0;
```

```text
output
```
]=])

# check(<name> <expected output or empty for success> <document>)
function(check name expected document)
  set(root ${WORK}/${name})
  file(REMOVE_RECURSE ${root})
  file(WRITE ${root}/examples/code.cpp "${code}")
  file(WRITE ${root}/docs/page.md "${document}")
  file(WRITE ${root}/README.md "# readme\n")
  execute_process(COMMAND ${CMAKE_COMMAND} -DROOT=${root} -P ${CHECK}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(expected STREQUAL "")
    if(NOT rc EQUAL 0 OR NOT out MATCHES "1 documented samples match their files \\(1 C\\+\\+\\); 1 C\\+\\+ samples exempt")
      message(FATAL_ERROR "${name}: expected success with the counts, got ${rc}: ${out}${err}")
    endif()
  else()
    string(FIND "${err}" "${expected}" at)
    if(rc EQUAL 0 OR at EQUAL -1)
      message(FATAL_ERROR "${name}: expected a failure with \"${expected}\", got ${rc}: ${out}${err}")
    endif()
  endif()
  message(STATUS "${name}: as expected")
endfunction()

check(good "" "${good_doc}")
string(REPLACE "Stack stack(app, \"s\");" "Stack stack(app, \"t\");" drifted "${good_doc}")
check(drift "docs/page.md:4: the block does not appear in examples/code.cpp" "${drifted}")
string(REPLACE "<!-- mirrors: examples/code.cpp -->\n" "" unmirrored "${good_doc}")
check(unmirrored "docs/page.md:3: a C++ block without a" "${unmirrored}")
string(REPLACE "```text" "```" unlabelled "${good_doc}")
check(unlabelled "docs/page.md:14: a code block without a language" "${unlabelled}")
string(REPLACE "App app;\nStack stack(app, \"s\");  // a; semicolon [and brackets] \\ and a backslash\n"
  "\n" empty "${good_doc}")
check(empty "docs/page.md:4: the mirrored block is empty" "${empty}")
string(REPLACE "fragment (shows a compile error on purpose)" "fragment" no_reason "${good_doc}")
check(no_reason "docs/page.md:9: a sample marker needs its reason" "${no_reason}")
string(REPLACE "examples/code.cpp" "examples/gone.cpp" missing "${good_doc}")
check(missing "docs/page.md:3: mirrors examples/gone.cpp, which does not exist" "${missing}")
check(stray_marker "docs/page.md:5: a mirrors line not followed by a code block"
  "# Page\n\n<!-- mirrors: examples/code.cpp -->\n\ntext in between\n\n```text\nx\n```\n")
