#!/usr/bin/env bash
# Optional benchmark: huajie's static search next to Pagefind (pinned in
# package.json) on the same built site of N synthetic cases (default 10,000).
# It prints each engine's index time, index size and the bytes a browser
# downloads per query (the 60 queries of search/testdata/bench-queries.txt,
# each in a new tab of headless Chromium).
#
#   tools/bench-pagefind/run.sh                 # work folder in $TMPDIR
#   BENCH_DIR=/tmp/bench N=1000 tools/bench-pagefind/run.sh
#
# Needs Go, Node with npm (the npm registry), and Chromium with CJK fonts
# (apt-get install -y chromium fonts-noto-cjk). Takes about ten minutes at
# 10,000 cases on two cores, most of it Pagefind's indexing.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-10000}
WORK=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/huajie-bench-pagefind-XXXX")}
mkdir -p "$WORK"
echo "== work folder $WORK"

if [ ! -f "$WORK/site/site.yaml" ]; then
  echo "== generating $N synthetic cases"
  go run ./generator/internal/corpusgen -n "$N" -o "$WORK/site"
fi

echo "== huajie build (the static search index is its 'search' step)"
go build -o "$WORK/huajie" .
rm -rf "$WORK/public"
"$WORK/huajie" build -v -s "$WORK/site" -o "$WORK/public" | tee "$WORK/build.log"
huajie_index=$(awk '$1 == "search" { print $2 }' "$WORK/build.log")

echo "== Pagefind (pinned in tools/bench-pagefind/package.json)"
(cd tools/bench-pagefind && npm ci --no-audit --no-fund --loglevel=error)
pagefind=tools/bench-pagefind/node_modules/.bin/pagefind
version=$("$pagefind" --version | awk '{ print $2 }')
# The same documents as huajie's index: the case pages and the rules, the
# page's <main> only (no header, navigation or footer).
start=$(date +%s.%N)
"$pagefind" --site "$WORK/public" --glob "{cases/ZK-*/index.html,rules/**/*.html}" --root-selector main --quiet
end=$(date +%s.%N)
pagefind_index=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3fs", b - a }')

echo "== bytes per query in Chromium"
go run ./tools/bench-pagefind -site "$WORK/public" -queries search/testdata/bench-queries.txt \
  -huajie-index "$huajie_index" -pagefind-index "$pagefind_index" -pagefind-version "$version"
