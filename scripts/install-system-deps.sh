#!/usr/bin/env bash
# Installs the Debian packages chumchon's tests need. As root it installs what is missing;
# otherwise it says what is missing, and with CI=true a missing package fails the run.
set -euo pipefail

PACKAGES=(
  postgresql          # the scale database, started throw-away by the tests
  redis-server        # the scale cache
  chromium            # browser tests (driven by Playwright, never a downloaded browser)
  fonts-thai-tlwg     # Thai glyphs for screenshots and PDF reports
  poppler-utils       # pdftoppm/pdftotext: the health PDF report is rendered and read in tests
  gettext             # compilemessages
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0  # WeasyPrint's text layout
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "Missing Debian packages: ${missing[*]} (run 'make test' as root, or install them)." >&2
if [ "${CI:-}" = "true" ]; then
  exit 1
fi
