#!/usr/bin/env bash
# For the test suite's postgres project only (the embedded store never needs PostgreSQL): makes sure
# a PostgreSQL server runs on this machine, installing Debian's postgresql when it is missing, and
# that the current user may create databases over the local socket (peer authentication, no
# password anywhere). Exits non-zero with the reason on stderr when it cannot.
set -euo pipefail

SOCKET_DIR=${SOCIALARCHIVE_TEST_PG_SOCKET:-/var/run/postgresql}
ready() { pg_isready -q -h "$SOCKET_DIR" 2>/dev/null; }
sudo=""
[ "$(id -u)" -ne 0 ] && sudo=sudo

if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  echo "PostgreSQL is not installed: installing Debian's postgresql" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >&2
fi

if ! ready; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "PostgreSQL $version is not running: starting it" >&2
  $sudo pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2
  for _ in $(seq 1 100); do ready && break; sleep 0.2; done
  ready || { echo "PostgreSQL $version did not accept connections on $SOCKET_DIR" >&2; exit 1; }
fi

user=$(id -un)
if ! psql -h "$SOCKET_DIR" -d postgres -tAc 'select 1' >/dev/null 2>&1; then
  $sudo runuser -u postgres -- psql -h "$SOCKET_DIR" -d postgres -qc "CREATE ROLE \"$user\" LOGIN CREATEDB" >&2
fi
[ "$(psql -h "$SOCKET_DIR" -d postgres -tAc 'select rolcreatedb or rolsuper from pg_roles where rolname = current_user')" = t ] || {
  echo "the PostgreSQL role $user may not create databases" >&2
  exit 1
}
