#!/usr/bin/env bash
# Installs Debian's headless Chromium and its driver, which the browser tests drive, when they are missing.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
fi
