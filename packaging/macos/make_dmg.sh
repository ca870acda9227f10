#!/bin/sh
# Make the macOS disk image from the .app that packaging/officemgr.spec built:
#
#     packaging/macos/make_dmg.sh [dist/OfficeMgr.app] [dist]
#
# writes dist/OfficeMgr-<version>-macos-<arch>.dmg: the app and a link to /Applications,
# so the user drags one onto the other. The version is the app's own
# CFBundleShortVersionString (the spec wrote it from src/officemgr/_version.py).
# Needs macOS (hdiutil, PlistBuddy). The image is not signed or notarized: see
# packaging/README.md for what the user sees and how signing would be added.
set -eu

app="${1:-dist/OfficeMgr.app}"
out_dir="${2:-dist}"
[ -d "$app" ] || { echo "make_dmg.sh: $app not found: build it first (packaging/README.md)" >&2; exit 1; }

plist="$app/Contents/Info.plist"
version=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$plist")
name=$(/usr/libexec/PlistBuddy -c "Print :CFBundleName" "$plist")
arch=$(uname -m)
dmg="$out_dir/$name-$version-macos-$arch.dmg"

staging=$(mktemp -d "${TMPDIR:-/tmp}/officemgr-dmg.XXXXXX")
trap 'rm -rf "$staging"' EXIT
# ditto keeps the bundle's symlinks, extended attributes and code signature intact.
ditto "$app" "$staging/$(basename "$app")"
ln -s /Applications "$staging/Applications"

mkdir -p "$out_dir"
rm -f "$dmg"
hdiutil create -volname "$name $version" -srcfolder "$staging" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$dmg"
hdiutil verify "$dmg"
echo "$dmg"
