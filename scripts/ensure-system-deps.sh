#!/usr/bin/env bash
# Installs what the end-to-end tests need from Debian's packages when it is missing:
# Chromium (driven by playwright-core; never a browser download), a CJK font for screenshots and nginx, and the
# other two engines of tests/e2e/engine-*.e2e.ts: WebKitGTK (WebKitWebDriver + MiniBrowser, under Xvfb) and Firefox ESR.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'wenquanyi\|wqy' || need+=(fonts-wqy-microhei)
# nginx: tests/e2e/nginx.e2e.ts runs it as a child process with deploy/nginx.conf (never the system service).
[ -x /usr/sbin/nginx ] || need+=(nginx)
[ -x /usr/bin/WebKitWebDriver ] || need+=(webkit2gtk-driver)
[ -x /usr/bin/firefox-esr ] || need+=(firefox-esr)
command -v Xvfb >/dev/null || need+=(xvfb)
# WebKitGTK takes the page language from the process locale: the tests compile zh_CN, ru_RU, en_US from these sources.
[ -e /usr/share/i18n/locales/ru_RU ] || need+=(locales)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "Installing ${need[*]} from Debian packages…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Installing nginx would start the system service: a policy-rc.d answering 101 forbids it for this install.
policy_added=""
if [[ " ${need[*]} " == *" nginx "* ]] && [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  policy_added=1
fi
status=0
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || status=$?
if [ -n "$policy_added" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
exit $status
