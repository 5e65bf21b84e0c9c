#!/usr/bin/env bash
# One command from a fresh clone to Ollio on http://localhost:3000:
# system packages (bubblewrap), npm packages, then a production build (rebuilt only when the
# sources change) served with embedded Postgres. `npm run dev` is the developer's command.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-system-deps.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund  # not `npm ci`: see .ci/run
fi
exec npm start -- "$@"
