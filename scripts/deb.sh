#!/bin/sh
# Builds the Debian package of rxbind with dpkg-deb; `make deb` runs it after the release build, the man page and the
# completions exist. Usage: scripts/deb.sh RELEASE_BINARY OUTPUT_DIR   (prints the package's path)
#
# Provincial servers have no Swift toolchain, so the package carries the statically linked release binary and depends
# only on the runtime libraries it links (libxlsxwriter4, libsqlite3-0, zlib1g, libstdc++6, libc6), never on the -dev
# packages the build needed. dpkg-shlibdeps works those out from the binary with their minimum versions.
set -eu
if [ $# -ne 2 ]; then echo "usage: scripts/deb.sh RELEASE_BINARY OUTPUT_DIR" >&2; exit 64; fi
# Both paths as the caller gave them, before moving to the package's folder.
case $1 in /*) binary=$1 ;; *) binary=$PWD/$1 ;; esac
case $2 in /*) out=$2 ;; *) out=$PWD/$2 ;; esac
make=${MAKE:-make}
cd "$(dirname "$0")/.."

# The version is the tool's own (`rxbind --version` prints "0.2.0 (rule set 2026.12-1)"), so the two never disagree.
version=$("$binary" --version | cut -d' ' -f1)
case $version in
    [0-9]*) ;;
    *) echo "deb.sh: '$binary --version' printed '$version', which is not a Debian version." >&2; exit 1 ;;
esac
arch=$(dpkg --print-architecture)

# dpkg-shlibdeps expects a source package's layout: debian/control, and the package's tree in debian/PACKAGE. One such
# folder per invocation, in the release scratch folder (gitignored), so two builds never mix.
mkdir -p .build-release
work=$(mktemp -d "$PWD/.build-release/deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/debian"
printf 'Source: rxbind\n\nPackage: rxbind\nArchitecture: any\n' > "$work/debian/control"
stage=$work/debian/rxbind
# The tree's root becomes the package's "./": it must read like any system folder, whatever the umask.
mkdir -m 0755 "$stage"

# The same layout as `make install`, into /usr; zsh's packaged completions go to vendor-completions on Debian.
"$make" --no-print-directory install DESTDIR="$stage" PREFIX=/usr ZSHCOMPDIR=/usr/share/zsh/vendor-completions >/dev/null

# Debian policy 12.1: manual pages are installed compressed with gzip -9 (-n: no name or time stamp inside).
gzip -9n "$stage/usr/share/man/man1/rxbind.1"
install -m 0644 README.md "$stage/usr/share/doc/rxbind/README.md"

# dpkg-shlibdeps finds the package's root by its DEBIAN folder.
mkdir -m 0755 "$stage/DEBIAN"
depends=$(cd "$work" && dpkg-shlibdeps -O -edebian/rxbind/usr/bin/rxbind | sed -n 's/^shlibs:Depends=//p')
case $depends in
    *-dev*|'') echo "deb.sh: unexpected dependencies '$depends'." >&2; exit 1 ;;
esac
# The scheduling examples set TZ=Asia/Shanghai; without the time-zone database glibc would silently read that as UTC
# and date every night a day early. tzdata is "required" in Debian 12 but not in every Debian-based system.
depends="$depends, tzdata"

installed_size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
maintainer=${DEB_MAINTAINER:-"$(git config user.name 2>/dev/null || echo rxbind) <$(git config user.email 2>/dev/null || echo root@localhost)>"}
cat > "$stage/DEBIAN/control" <<EOF
Package: rxbind
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed_size
Depends: $depends
Section: utils
Priority: optional
Description: triage of failed pharmacist portal bindings for drug administrations
 rxbind is the nightly batch tool of a provincial drug administration. It
 triages the pharmacists whose accounts on the NMPA government-service portal
 failed to bind to the national licensed-pharmacist registration system, fills
 the addition-request forms the province sends to the national pharmacist
 centre, and keeps an audit trail from which any past night can be re-run byte
 for byte.
 .
 Scheduling examples (systemd service and timer, cron) are in
 /usr/share/doc/rxbind/examples.
EOF
chmod 0644 "$stage/DEBIAN/control"

mkdir -p "$out"
package="$out/rxbind_${version}_${arch}.deb"
# --root-owner-group: every file root:root in the package whoever builds it, without fakeroot. xz level 1: measured
# here on the 64 MB binary, 13 s for a 19 MB package against 59 s for 16 MB at the default level 6.
dpkg-deb --root-owner-group -Zxz -z1 --build "$stage" "$package" >/dev/null
echo "$package"
