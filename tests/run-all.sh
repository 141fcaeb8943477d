#!/bin/sh
# The README's test command (after the gates and `vite build`): unit + integration in the normal namespace (they use
# PostgreSQL on 127.0.0.1), then e2e inside a loopback-only namespace. Ends with `N passed, N failed`.
summary=$(mktemp)
export KANSOKU_SUMMARY_FILE="$summary"
status=0
npx vitest run --project unit --project integration "$@" || status=1
sh tests/loopback-only.sh npx vitest run --project e2e "$@" || status=1
awk '{ p += $1; f += $2; s += $3 } END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$summary"
rm -f "$summary"
exit $status
