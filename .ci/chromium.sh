#!/usr/bin/env bash
# Install Debian's Chromium and its WebDriver for the end-to-end tests (tests/e2e/).
# Run as root on Debian/Ubuntu:  .ci/chromium.sh   (or source it: . .ci/chromium.sh)
# Does nothing when /usr/bin/chromium and /usr/bin/chromedriver are already there. Never downloads a
# browser from anywhere but the distribution's package archive (no `playwright install`, no Selenium
# Manager download).
set -eu
_chromium_main() {
  local need=""
  [ -x /usr/bin/chromium ] || need="$need chromium"
  [ -x /usr/bin/chromedriver ] || need="$need chromium-driver"
  if [ -n "$need" ]; then
    if ! command -v apt-get >/dev/null 2>&1; then
      echo "chromium.sh: apt-get not available; the e2e tests will be skipped" >&2
      return 0
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # fonts-dejavu-core: readable text in the screenshots
    apt-get install -y -qq --no-install-recommends $need fonts-dejavu-core >/dev/null
  fi
  /usr/bin/chromium --version 2>/dev/null | head -1 || true
  /usr/bin/chromedriver --version 2>/dev/null | head -1 || true
}
_chromium_main
unset -f _chromium_main
