#!/usr/bin/env bash
# Dependency audit for CI: a runtime dependency with a known advisory of high or critical severity
# fails the build. When the registry's audit service cannot be reached or refuses the request (the
# registry this project's CI reaches answers 405 to the bulk advisory endpoint), that is said plainly
# on stderr; the build then fails only where SOCIALARCHIVE_AUDIT_REQUIRED=1 says an audit must run.
set -uo pipefail
cd "$(dirname "$0")/.."

out=$(npm audit --omit=dev --audit-level=high 2>&1)
rc=$?
printf '%s\n' "$out"
if [ "$rc" -eq 0 ]; then
  echo "audit: no high or critical advisories in the runtime dependencies"
  exit 0
fi
if printf '%s' "$out" | grep -Eq 'audit endpoint returned an error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|network|Method Not Allowed|40[0-9] |50[0-9] '; then
  echo "audit: WARNING: the npm registry's audit service could not be reached (see above); the dependency audit did NOT run" >&2
  [ "${SOCIALARCHIVE_AUDIT_REQUIRED:-0}" = "1" ] && exit 3
  exit 0
fi
echo "audit: runtime dependencies have high or critical advisories (see above)" >&2
exit "$rc"
