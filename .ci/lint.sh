#!/usr/bin/env bash
# swift-format lint (the toolchain's `swift format`, configured by .swift-format).
#
# Enforced: every rule that .swift-format enables (naming, ASCII identifiers, no
# assignment in expressions, shorthand types, doc comments with ///, ...): a finding
# fails CI. Not yet enforced: the pretty printer's layout findings (indentation of
# continuation lines, line breaks, line length), which `swift format lint` reports whatever
# the rules say; most of the code predates the configuration and reformatting it at once
# would collide with every open branch. They are counted, so the number can only be
# watched going down; `swift format -i FILE` formats a file that is being rewritten anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(swift format lint --configuration .swift-format --recursive --parallel Sources Tests Fuzz Benchmarks/Sources Benchmarks/Benchmarks 2>&1)" || true
layout='\[(Indentation|AddLines|RemoveLine|Spacing|TrailingComma|TrailingWhitespace|LineLength|EndOfLineComment)\]'
failures="$(grep -E 'error:|warning: \[' <<<"$out" | grep -Ev "warning: $layout" || true)"
if [ -n "$failures" ]; then
  echo "$failures" >&2
  echo "error: swift format lint: $(wc -l <<<"$failures") finding(s) above (rules in .swift-format)" >&2
  exit 1
fi
echo "swift format lint: the rules pass; $(grep -cE "warning: $layout" <<<"$out" || true) layout findings (not enforced yet)"
