#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (Playwright cannot download its own browser here),
# validate sitemaps with xmllint and run a smoke subset through nginx (deploy/nginx); the unit tests
# of the PostgreSQL store start a PostgreSQL server of their own (test/pg-setup.ts). Installs what
# is missing; fails clearly when it cannot.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
has_nginx() {
  if [ -n "${NGINX:-}" ]; then [ -x "$NGINX" ]; else [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null; fi
}
has_postgres() {
  if [ -n "${PG_BIN:-}" ]; then [ -x "$PG_BIN/postgres" ]; else compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; fi
}
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
has_nginx || missing+=(nginx)
has_postgres || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing for the end-to-end tests: ${missing[*]}. Install with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} for the end-to-end tests…" >&2
# The tests start nginx and PostgreSQL themselves; the packages must not start the system services.
if [[ " ${missing[*]} " == *" nginx "* || " ${missing[*]} " == *" postgresql "* ]] && [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
  echo "Could not install ${missing[*]} with apt-get; the end-to-end tests cannot run without them" >&2
  exit 1
fi
[ -x "$CHROMIUM" ] || { echo "chromium was installed but $CHROMIUM is still missing" >&2; exit 1; }
command -v xmllint >/dev/null || { echo "libxml2-utils was installed but xmllint is still missing" >&2; exit 1; }
has_nginx || { echo "nginx was installed but is still missing (looked for \$NGINX, /usr/sbin/nginx and nginx on PATH)" >&2; exit 1; }
has_postgres || { echo "postgresql was installed but /usr/lib/postgresql/*/bin/postgres is still missing (or set PG_BIN)" >&2; exit 1; }
