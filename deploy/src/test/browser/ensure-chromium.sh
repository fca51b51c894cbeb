#!/usr/bin/env bash
# The dashboard's browser test drives Debian's chromium through chromedriver. Installs both when they are missing
# and this build may install packages (root with apt-get); otherwise says what is missing and leaves the test to
# fail with the same message. Skipped with -DskipTests like the tests themselves.
set -u
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium and chromium-driver for the dashboard's browser test"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
  fi
fi
echo "chromium and chromedriver are missing; install them: apt-get install chromium chromium-driver" >&2
exit 0
