# shopaudit: `make demo` and `make test` set up everything on a fresh Debian 12 machine.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
MAKEFLAGS  += --no-print-directory

.PHONY: all setup build demo test test-unit test-asan tsan test-slurm bench fuzz format lint clean

all: build

setup:
	@sh scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

demo: build
	@sh scripts/demo.sh $(BUILD)/shopaudit

# The whole suite, then the whole suite again under AddressSanitizer and UBSan, then the
# threaded tests under ThreadSanitizer (make tsan).
test: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory tsan

test-asan: setup
	@cmake -S . -B $(ASAN_BUILD) -DSA_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
	@cmake --build $(ASAN_BUILD) -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1:exitcode=86 LSAN_OPTIONS=exitcode=86 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86 \
	    ctest --test-dir $(ASAN_BUILD) --output-on-failure -j$(JOBS)

# ThreadSanitizer on the tests that run page workers (--jobs, #9): the threaded audits, the crawl
# and the CI gate, by ctest label (the integration test file's name).
TSAN_BUILD  ?= build-tsan
TSAN_LABELS ?= ^(test_jobs|test_crawl|test_gate)$$
tsan: setup
	@cmake -S . -B $(TSAN_BUILD) -DSA_TSAN=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
	@cmake --build $(TSAN_BUILD) -j$(JOBS) --target shopaudit
	TSAN_OPTIONS=halt_on_error=1:exitcode=86:suppressions=$(CURDIR)/tests/tsan.supp \
	    ctest --test-dir $(TSAN_BUILD) -L '$(TSAN_LABELS)' --output-on-failure -j$(JOBS)

# Batch mode on a single-node Slurm cluster (also part of `make test`).
test-slurm: build
	ctest --test-dir $(BUILD) -R '^batch_slurm_' --output-on-failure

# Speed and memory against wget on a generated shop (bench/README.md); not part of make test.
BENCH_SIZES ?= 2000 20000
bench: build
	@BENCH_SIZES="$(BENCH_SIZES)" sh bench/run.sh $(BUILD)

# libFuzzer harnesses (fuzz/), clang with ASan+UBSan, each run FUZZ_SECONDS on a scratch copy of
# its seed corpus; a crash stops make and leaves the input in build-fuzz/.
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 20
FUZZERS      := page url robots sitemap lexicon html
fuzz: setup
	@CC=clang cmake -S . -B $(FUZZ_BUILD) -DSA_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug \
	    -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" >/dev/null
	@cmake --build $(FUZZ_BUILD) -j$(JOBS) --target $(addprefix fuzz_,$(FUZZERS))
	@for h in $(FUZZERS); do \
	    rm -rf $(FUZZ_BUILD)/corpus-$$h && mkdir -p $(FUZZ_BUILD)/corpus-$$h && \
	    cp fuzz/corpus/$$h/* $(FUZZ_BUILD)/corpus-$$h/ && \
	    (cd $(FUZZ_BUILD) && ASAN_OPTIONS=detect_leaks=1 ./fuzz_$$h -max_total_time=$(FUZZ_SECONDS) \
	        -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 corpus-$$h \
	        2>fuzz-$$h.log) || { tail -40 $(FUZZ_BUILD)/fuzz-$$h.log; exit 1; }; \
	    printf 'fuzz_%s: ' $$h; grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added):' \
	        $(FUZZ_BUILD)/fuzz-$$h.log | sed 's/stat:://' | tr -s ' \n' ' '; echo; \
	done

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD) out
