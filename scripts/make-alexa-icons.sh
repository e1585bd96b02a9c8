#!/usr/bin/env bash
# Draws the Alexa skill icons (512 and 108 px PNGs, as the skill manifest requires) with Debian's
# imagemagick (`apt-get install -y imagemagick`): a teal square (#0E7C86, as the Teams icon), a
# white head and shoulders. Run from the project root.
set -euo pipefail
out=skill-package/assets/images
mkdir -p "$out"
convert -size 512x512 xc:'#0E7C86' \
  -fill white -stroke none \
  -draw 'circle 256,180 256,100' \
  -draw 'rectangle 226,240 286,330' \
  -draw 'roundrectangle 106,310 406,560 110,110' \
  -depth 8 -strip -define png:color-type=2 "$out/large-icon.png"
convert "$out/large-icon.png" -resize 108x108 -depth 8 -strip -define png:color-type=2 "$out/small-icon.png"
