#!/bin/sh
# Installs the Debian packages rxbind needs, only those missing; a no-op when all are present.
# Usage: scripts/deps.sh build   (what building and running needs)
#        scripts/deps.sh test    (that, plus the tools the tests drive: LibreOffice with poppler's PDF tools and a
#                                 Chinese font, openpyxl, man, the packaging tools, systemd-analyze for checking
#                                 the scheduling units)
#        scripts/deps.sh deb     (what `make deb` needs besides building: dpkg-shlibdeps)
#        scripts/deps.sh bench   (what `make bench` needs besides building: GNU time, a C compiler, python3)
# Works as root (CI) and through sudo (a developer's machine).
set -eu
what=${1:-build}
need=""
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
pkg-config --exists xlsxwriter 2>/dev/null || need="$need libxlsxwriter-dev"
pkg-config --exists sqlite3 2>/dev/null || need="$need libsqlite3-dev"
pkg-config --exists zlib 2>/dev/null || need="$need zlib1g-dev"
if [ "$what" = test ]; then
    command -v soffice >/dev/null 2>&1 || need="$need libreoffice-calc-nogui"
    # The print test converts the triage workbook to PDF and reads each page back with pdfinfo and pdftotext;
    # without a Chinese font LibreOffice draws the Chinese text as boxes and pdftotext finds none of it.
    command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
    fc-list :lang=zh 2>/dev/null | grep -q . || need="$need fonts-wqy-zenhei"
    command -v man >/dev/null 2>&1 || need="$need man-db"
    command -v dpkg-deb >/dev/null 2>&1 || need="$need dpkg"
    # systemd-analyze verify checks docs/rxbind-nightly.*; a container image rarely has it, and it is
    # about 6 MB to download (next to LibreOffice, nothing).
    command -v systemd-analyze >/dev/null 2>&1 || need="$need systemd"
    # The form check tests re-save forms with openpyxl, as the centre's import scripts do. Debian's package installs
    # it for /usr/bin/python3, which the tests call by that path: a python3 earlier on the PATH (pyenv, a venv) does
    # not see it.
    /usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || need="$need python3-openpyxl"
fi
if [ "$what" = bench ]; then
    # GNU time reports each run's peak resident memory; cc builds the benchmark's C floor.
    [ -x /usr/bin/time ] || need="$need time"
    command -v cc >/dev/null 2>&1 || need="$need gcc"
    command -v python3 >/dev/null 2>&1 || need="$need python3"
fi
if [ "$what" = test ] || [ "$what" = deb ]; then
    # dpkg-shlibdeps names the runtime packages the binary links; strip (binutils) is what `make install` strips with.
    command -v dpkg-shlibdeps >/dev/null 2>&1 || need="$need dpkg-dev"
    command -v strip >/dev/null 2>&1 || need="$need binutils"
fi
[ -z "$need" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "rxbind needs these Debian packages:$need" >&2
    echo "Install them as root (apt-get install$need) or install sudo, then run make again." >&2
    exit 1
fi
echo "Installing:$need"
# A fresh machine has no package lists yet; install fails without them.
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need
