#!/usr/bin/env bash
# The run-time file set of a deployment, in a folder: what the Dockerfile's last stage holds, for
# a machine without a container engine. Builds in this tree (`npm run build`), copies what the
# server reads at run time, then installs the production dependencies there (`npm ci --omit=dev`).
#
#   scripts/build-runtime.sh [--no-build] [OUT]     OUT defaults to build/runtime
#
# --no-build reuses this tree's build (dist/ must be complete). Start the result with
# `node OUT/dist/server.js`. Put OUT outside this tree to prove it stands alone: Node looks for
# modules in every parent folder, so a folder inside the tree would still find its node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
if [ "${1:-}" = "--no-build" ]; then
  build=0
  shift
fi
out="${1:-build/runtime}"
marker=".neckbot-runtime"

# The run-time file set (keep in step with the Dockerfile and the README's Deployment section).
files=(package.json package-lock.json dist content intents)

if [ "$build" = 1 ]; then
  npm run build --silent
fi
for needed in dist/server.js dist/nlu-model.bin dist/web/manifest.json; do
  if [ ! -f "$needed" ]; then
    echo "build-runtime: $needed is missing; run \`npm run build\` (or drop --no-build)" >&2
    exit 1
  fi
done

# Never empty a folder this script did not make.
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ] && [ ! -f "$out/$marker" ]; then
  echo "build-runtime: $out exists and is not a runtime folder made by this script" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"
touch "$out/$marker"
cp -R "${files[@]}" "$out/"
(cd "$out" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
echo "build-runtime: $out ($(du -sh "$out" | cut -f1), node_modules $(du -sh "$out/node_modules" | cut -f1))"
