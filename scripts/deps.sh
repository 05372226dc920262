#!/usr/bin/env bash
# Installs what ReLU Lab needs and is missing: Debian packages (compilers,
# Eigen, Catch2, Chromium, Firefox ESR, WebKitGTK's WebDriver, Xvfb, Hugo) and the
# pinned npm packages. Quick and silent when
# everything is already there. Sourced by build.sh, test.sh and serve.sh.
set -euo pipefail

relu_lab_deps() {
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  local missing=()
  command -v g++ >/dev/null || missing+=(g++)
  command -v cmake >/dev/null || missing+=(cmake)
  command -v make >/dev/null || missing+=(make)
  command -v gzip >/dev/null || missing+=(gzip)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  command -v em++ >/dev/null || missing+=(emscripten)
  [ -f /usr/share/eigen3/cmake/Eigen3Config.cmake ] || missing+=(libeigen3-dev)
  [ -f /usr/include/catch2/catch.hpp ] || missing+=(catch2)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # The other two browser engines the page is tested in, and a virtual display for WebKitGTK.
  [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null || missing+=(xvfb)
  # The Hugo recipe's test builds a small site with Debian's hugo.
  command -v hugo >/dev/null || missing+=(hugo)
  # Chinese glyphs for the page's screenshots and layout tests (headless Chromium has no CJK font otherwise).
  [ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto | grep -q CJK || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "deps: installing ${missing[*]} (apt-get)"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # em++ at -O1 and above needs Debian's node modules (acorn) on NODE_PATH.
  export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
  # npm packages, pinned in package-lock.json; reinstall only when the lock changed.
  if [ ! -f "$root/node_modules/.package-lock.json" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
    echo "deps: npm ci"
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
