# `make test` is the README's test command and what CI runs: it installs what the
# end-to-end tests drive (the AWS CLI, boto3 and the AWS CRT it signs SigV4a with,
# from PyPI) when they are missing,
# runs every test beside a throwaway PostgreSQL cluster (installed from Debian's
# packages when missing), fuzzes the engines for a bounded time, and runs the
# tests again under the sanitizers. `swift test` alone is the quick loop while
# working; it skips the PostgreSQL tests unless SWITCHYARD_TEST_POSTGRES is set.
.PHONY: test
test:
	python3 -c "import boto3, awscli, awscrt, moto.server" 2>/dev/null || python3 -m pip install --quiet -r Tests/EndToEnd/requirements.txt
	Tests/PostgreSQL/with-cluster swift test
	$(MAKE) fuzz
	$(MAKE) sanitize

# Coverage-guided fuzzing of the engines: builds the libFuzzer harness with
# AddressSanitizer and runs each harness for FUZZ_SECONDS from its seed corpus in
# Fuzz/Corpus. Findings go to .build-fuzz/artifacts; any crash, sanitizer report or
# leak fails the run.
FUZZ_SECONDS ?= 20
FUZZ_TARGETS = patterns events jsonpath transformer schedules

.PHONY: fuzz
fuzz:
	swift build -c release --product switchyard-fuzz --scratch-path .build-fuzz \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
	mkdir -p .build-fuzz/artifacts
	for target in $(FUZZ_TARGETS); do \
		mkdir -p .build-fuzz/corpus/$$target && \
		SWITCHYARD_FUZZ_TARGET=$$target LSAN_OPTIONS=suppressions=Fuzz/lsan-suppressions.txt \
			.build-fuzz/release/switchyard-fuzz -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-artifact_prefix=.build-fuzz/artifacts/$$target- .build-fuzz/corpus/$$target Fuzz/Corpus/$$target \
			|| exit 1; \
	done

# The engine tests under AddressSanitizer; the store, delivery and server tests
# under ThreadSanitizer, beside a PostgreSQL cluster of their own. Each sanitizer
# builds in a folder of its own.
.PHONY: sanitize
sanitize:
	LSAN_OPTIONS=suppressions=Tests/lsan-suppressions.txt swift test --sanitize=address --scratch-path .build-asan \
		--filter 'EventPatternsTests|EventTransformsTests|SchedulesTests'
	Tests/PostgreSQL/with-cluster swift test --sanitize=thread --scratch-path .build-tsan \
		--filter 'SwitchyardTests|SwitchyardSQLiteTests|SwitchyardPostgresTests|SwitchyardServerTests'
