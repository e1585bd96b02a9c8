#!/usr/bin/env bash
# The web chat page is tested in Debian's Chromium (driven by playwright-core). Install it when
# missing and this machine can (root with apt-get); otherwise say what the browser test needs.
set -u
if command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/nonexistent}" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser test…"
  if (apt-get update && apt-get install -y --no-install-recommends chromium) >/dev/null 2>&1; then
    exit 0
  fi
fi
echo "chromium is not installed: the browser tests (tests/channels/webchat, tests/http/page-headers) will fail. Install Debian's 'chromium' or set CHROMIUM_PATH."
exit 0
