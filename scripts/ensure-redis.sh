#!/usr/bin/env bash
# The Redis state store is tested against a real redis-server (Debian's), which the tests start on
# their own free loopback ports. Install it when missing and this machine can (root with apt-get);
# otherwise say what those tests need. Installing the package may also start Debian's redis
# service on port 6379: that is harmless, the tests never use it.
set -u
if [ -n "${REDIS_SERVER_BIN:-}" ] && [ -x "$REDIS_SERVER_BIN" ]; then
  exit 0
fi
if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's redis-server for the state store tests…"
  # Without an init system the package's attempt to start its service may fail (and make apt-get
  # report an error) although the binary was installed: judge by the binary.
  (apt-get update && apt-get install -y --no-install-recommends redis-server) >/dev/null 2>&1
  if command -v redis-server >/dev/null 2>&1; then
    exit 0
  fi
fi
echo "redis-server is not installed: the Redis state store tests (tests/state/redis-store*) will fail. Install Debian's 'redis-server' or set REDIS_SERVER_BIN."
exit 0
