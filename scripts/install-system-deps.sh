#!/usr/bin/env bash
# Debian/Ubuntu packages Ollio uses outside npm:
#   bubblewrap  the local sandbox (required to generate UIs without E2B)
#   util-linux  prlimit, used for the sandbox's per-command limits (present on most systems)
#   chromium    only for the tests (pass --with-browser), with unzip to check downloaded archives
set -euo pipefail
packages=(bubblewrap util-linux ca-certificates)
[ "${1:-}" = "--with-browser" ] && packages+=(chromium unzip)

missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "Please install: ${missing[*]} (bubblewrap provides the local sandbox)." >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
