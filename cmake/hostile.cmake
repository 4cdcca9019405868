# Issue #8 test plumbing. Fuzz harnesses (fuzz/fuzz_*.c): every build links each harness with fuzz/replay.c into
# fuzz_replay_<name>, and ctest replays fuzz/regressions/<name>/ (inputs that once crashed) and
# the seed corpus fuzz/corpus/<name>/ through it. With -DSA_FUZZ=ON (clang, see `make fuzz`)
# the harnesses are also linked against libFuzzer as fuzz_<name>.
set(SA_FUZZ_HARNESSES page url robots sitemap lexicon html)
option(SA_FUZZ "Build the libFuzzer harnesses (needs clang)" OFF)
foreach(h ${SA_FUZZ_HARNESSES})
  add_executable(fuzz_replay_${h} fuzz/fuzz_${h}.c fuzz/replay.c)
  target_include_directories(fuzz_replay_${h} PRIVATE src fuzz)
  target_link_libraries(fuzz_replay_${h} PRIVATE shopaudit_lib)
  set(inputs "")
  foreach(d regressions corpus)
    if(IS_DIRECTORY ${CMAKE_SOURCE_DIR}/fuzz/${d}/${h})
      list(APPEND inputs ${CMAKE_SOURCE_DIR}/fuzz/${d}/${h})
    endif()
  endforeach()
  if(inputs)
    add_test(NAME fuzz_${h}_regressions_and_corpus_replay_clean
             COMMAND fuzz_replay_${h} ${inputs})
    set_tests_properties(fuzz_${h}_regressions_and_corpus_replay_clean PROPERTIES TIMEOUT 300)
  endif()
  if(SA_FUZZ)
    add_executable(fuzz_${h} fuzz/fuzz_${h}.c)
    target_include_directories(fuzz_${h} PRIVATE src fuzz)
    target_link_libraries(fuzz_${h} PRIVATE shopaudit_lib)
    target_link_options(fuzz_${h} PRIVATE -fsanitize=fuzzer)
  endif()
endforeach()

# Allocation torture (tests/unit/test_torture.c): every 7th allocation of the audit in the plain
# build, every 31st under the sanitizers (each run recompiles the lexicon, and the sanitizers
# make that slow), so both suites stay within minutes; the steps are prime so the failures
# fall at different offsets of repeated work. SA_TORTURE_STEP=1 build/test_torture tries every
# one.
if(SA_SANITIZE)
  set(SA_TORTURE_STEP 31)
else()
  set(SA_TORTURE_STEP 7)
endif()
set_tests_properties(torture_folder_audit_every_failing_allocation_ends_cleanly PROPERTIES
  ENVIRONMENT "SA_SOURCE_DIR=${CMAKE_SOURCE_DIR};SA_TORTURE_STEP=${SA_TORTURE_STEP}" TIMEOUT 1200)
