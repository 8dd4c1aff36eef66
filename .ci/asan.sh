#!/usr/bin/env bash
# The tests that exercise the unsafe pointer code, under AddressSanitizer: the scoring
# kernel and its columns, the top-k scan, compiled needs (PropertyTests compare the
# kernel with the reference scorer on random catalogs; BundledDataTests on the real
# data), the evaluation's line scanner and document table, and the line reader.
# A heap overflow or use after free fails the run. Its own scratch path (.build-asan/):
# an instrumented build never mixes with the plain one. Measured: see README (Tests).
set -euo pipefail
cd "$(dirname "$0")/.."
# XCTest's runner leaks by design; leaks are not what this run looks for.
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
core='TopKTests|CompiledNeedTests|PropertyTests|FeatureTests|EvidenceFeatureTests|FilterTests|NearestTicketsTests|BundledDataTests|SHA256Tests|TrecFormatTests|TrecMeasureHandTests|TrecReferenceTests'
swift test --disable-xctest --scratch-path .build-asan -Xswiftc -sanitize=address \
  --filter "PartnerMatchCoreTests\.($core)|PartnerMatchStoreTests\.LineReaderTests"
