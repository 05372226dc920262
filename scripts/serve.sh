#!/usr/bin/env bash
# Installs what is missing, builds, and serves ReLU Lab at http://127.0.0.1:8000/
# (PORT=8080 scripts/serve.sh for another port). After a build, index.html also
# opens by double-click (file://).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/build.sh all
exec node scripts/static-server.mjs "${PORT:-8000}" "$root"
