#!/usr/bin/env bash
# Installs the headless browser the web-view browser test drives: Debian `chromium`
# and `chromium-driver` (chromedriver, spoken to over the W3C WebDriver HTTP protocol
# by tests/integration/browser.rs). Idempotent; needs root for apt-get; each step gives
# up after a bounded time. Exit 1 when the browser is still missing afterwards.
set -u
have() { command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; }
if have; then
  echo "install-browser: chromium and chromedriver ok"
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  timeout 300 apt-get update -qq >/dev/null 2>&1 || true
  timeout 900 env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium chromium-driver fonts-dejavu-core >/dev/null 2>&1 \
    || echo "install-browser: apt-get install chromium chromium-driver failed"
else
  echo "install-browser: chromium/chromedriver missing and apt-get is not usable here (needs root)"
fi
if have; then
  echo "install-browser: chromium and chromedriver ok"
else
  exit 1
fi
