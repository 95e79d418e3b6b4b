#!/usr/bin/env bash
# Start a local PostgreSQL for the store tests and print the line that points them at it:
#
#   eval "$(bash .ci/postgres.sh)"   # -> export MANYSIDES_TEST_POSTGRES=postgresql+psycopg://...
#
# Idempotent: installs PostgreSQL with apt only when missing, creates the cluster, role and
# database only when missing, and leaves a running server running. Needs root (CI, dev box).
# Everything but the export line goes to stderr, so eval sees only that line.
set -euo pipefail
exec 3>&1 1>&2

name=manysides_test
if ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || ! command -v pg_ctlcluster >/dev/null; then
  echo "postgres.sh: installing PostgreSQL"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq 3>&-
  apt-get install -y -qq postgresql >/dev/null 3>&-   # its postinst may start a server
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {found=1} END {exit !found}'; then
  pg_createcluster "$version" main 3>&-
fi
# The server must not inherit fd 3: it would hold the caller's $(...) open for as long as it runs.
pg_ctlcluster "$version" main status >/dev/null 2>&1 || pg_ctlcluster "$version" main start 3>&-
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')

for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p "$port"

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -q -p $port $*"; }
psql_admin "-tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$name'\"" | grep -q 1 \
  || psql_admin "-c \"CREATE ROLE $name LOGIN PASSWORD '$name'\""
psql_admin "-tAc \"SELECT 1 FROM pg_database WHERE datname = '$name'\"" | grep -q 1 \
  || psql_admin "-c \"CREATE DATABASE $name OWNER $name\""

echo "export MANYSIDES_TEST_POSTGRES=postgresql+psycopg://$name:$name@127.0.0.1:$port/$name" >&3
