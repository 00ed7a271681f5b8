#!/usr/bin/env bash
# Fetches the Natural Earth country polygons (TopoJSON) packaged by npm `world-atlas` and copies
# the two resolutions the map embeds into data/basemap/. Needs `npm` (only `npm pack`, which
# downloads the package tarball from the npm registry; nothing is installed or executed).
#
#   bash tools/fetch_basemap.sh
#
# The result is committed; run this only to rebuild or to move to another world-atlas version.
set -euo pipefail

WORLD_ATLAS_VERSION="2.0.2"

root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/tools/.cache"
out="$root/data/basemap"
mkdir -p "$cache" "$out"

tarball="$cache/world-atlas-$WORLD_ATLAS_VERSION.tgz"
if [ ! -f "$tarball" ]; then
    (cd "$cache" && npm pack --silent "world-atlas@$WORLD_ATLAS_VERSION" >/dev/null)
fi

unpacked="$cache/world-atlas-$WORLD_ATLAS_VERSION"
rm -rf "$unpacked"
mkdir -p "$unpacked"
tar -xzf "$tarball" -C "$unpacked"

for file in countries-50m.json countries-110m.json; do
    cp "$unpacked/package/$file" "$out/$file"
done
cp "$unpacked/package/LICENSE" "$out/LICENSE.world-atlas" 2>/dev/null || true

echo "world-atlas $WORLD_ATLAS_VERSION -> $out"
ls -l "$out"/countries-*.json
