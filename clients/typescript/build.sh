#!/usr/bin/env bash
# Generates the TypeScript client types from openapi/openapi.yaml and type-checks them, together with the
# typed usage in src/usage.ts, with `tsc --noEmit --strict`; then lints the contract with Spectral
# (.spectral.yaml at the repository root). Needs Node.js and npm only: every tool is pinned in
# package-lock.json and installed with `npm ci` (offline from npm's cache once it has run).
#
#   clients/typescript/build.sh               install, generate, type-check, lint
#   clients/typescript/build.sh --no-lint     install, generate, type-check
#   clients/typescript/build.sh --lint FILE   install, lint FILE only (another OpenAPI document)
#
# Exit status: 0 all good, 1 the client does not compile or the contract has lint errors,
# 2 Node.js or npm is missing or the install failed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
lint_only=""
if [ "${1:-}" = "--lint" ]; then
  lint_only="$(realpath "${2:?build.sh --lint needs a file}")"
fi
cd "$here"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "build.sh: $tool is not installed (apt-get install nodejs npm)" >&2
    exit 2
  fi
done

# Spectral pulls in a usage-analytics postinstall (@scarf/scarf): keep the install quiet and offline.
export SCARF_ANALYTICS=false
# Reinstall only when package-lock.json changed since the last install (its hash is kept in node_modules).
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat node_modules/.installed-lock-sha256 2>/dev/null)" != "$lock_hash" ]; then
  echo "build.sh: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2 || exit 2
  echo "$lock_hash" > node_modules/.installed-lock-sha256
fi

lint() {
  echo "build.sh: spectral lint $1"
  if ! node_modules/.bin/spectral lint --fail-severity=error --ruleset "$here/../../.spectral.yaml" "$1"; then
    echo "build.sh: FAILED: Spectral reports errors in $1" >&2
    exit 1
  fi
  echo "build.sh: contract lint passed (no errors)"
}

if [ -n "$lint_only" ]; then
  lint "$lint_only"
  exit 0
fi

echo "build.sh: generating src/generated/api.ts from openapi/openapi.yaml"
npm run --silent generate
echo "build.sh: tsc --noEmit --strict"
if ! npm run --silent typecheck; then
  echo "build.sh: FAILED: the TypeScript client does not compile against openapi/openapi.yaml" >&2
  exit 1
fi
echo "build.sh: TypeScript client compiles"

if [ "${1:-}" != "--no-lint" ]; then
  lint "$here/../../openapi/openapi.yaml"
fi
