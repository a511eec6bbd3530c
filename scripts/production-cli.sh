#!/usr/bin/env bash
# Proves the CLI runs from a production install of a built tree: only the runtime dependencies
# (npm ci --omit=dev, native modules built), no tsx, no dev tooling. Prints "ok" or why not.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ -f "$root/out/main/cli.js" ] || { echo "production-cli: build first (npm run build)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/package.json" "$root/package-lock.json" "$work/"
cp -r "$root/out" "$root/bin" "$work/"
mkdir -p "$work/resources" && cp -r "$root/resources/fonts" "$work/resources/"
(cd "$work" && npm ci --omit=dev --no-audit --no-fund --loglevel=error >/dev/null)
[ ! -e "$work/node_modules/tsx" ] || { echo "production-cli: tsx was installed" >&2; exit 1; }
cli() { node "$work/bin/strongroom.cjs" "$@"; }
cli --help | grep -q '^Usage: strongroom' || { echo "production-cli: --help did not print the usage" >&2; exit 1; }
# The native modules load: a vault is made, checked and used, all from the production install.
printf '%s\n' 'Vault2026pass' | cli --data-dir "$work/vault" init --admin it.chen >/dev/null
cli --data-dir "$work/vault" status --json | grep -q '"initialized":true'
# IT administers accounts (the access log is the auditor's: docs/roles-and-permissions.md).
printf '%s\n' 'Vault2026pass' | cli --data-dir "$work/vault" --as it.chen user list --json | grep -q '"username":"it.chen"'
echo ok
