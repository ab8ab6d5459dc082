#!/bin/sh
# The bundled charts render to PNG and SVG of the expected size, with
# thousands separators and the permissions of other outputs; --script-only
# leaves an earlier image alone; legends and threshold labels are placed.
# Usage: check_chart_render.sh BINARY
set -u
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
png_size() {   # width and height from the PNG header (IHDR)
    od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}'
}
"$bin" plot --entity 'Port of Baku' --unit TEU --where origin= --from 2017 \
    --threshold '100000=100,000 TEU' -o "$dir/baku.png" > /dev/null || fail=1
[ "$(od -An -c -N4 "$dir/baku.png" | tr -d ' ')" = "211PNG" ] || { echo "not a PNG"; fail=1; }
[ "$(png_size "$dir/baku.png")" = "1000 600" ] || { echo "PNG size $(png_size "$dir/baku.png")"; fail=1; }
"$bin" plot --entity 'Port of Baku' --unit TEU --where origin= --from 2017 -o "$dir/baku.svg" \
    > /dev/null || fail=1
grep -q '<svg' "$dir/baku.svg" && grep -q 'width="1000"' "$dir/baku.svg" &&
    grep -q 'height="600"' "$dir/baku.svg" || { echo "SVG size"; fail=1; }
grep -q 'Port of Baku' "$dir/baku.svg" || { echo "SVG lacks the title"; fail=1; }
# --script-only writes the script and leaves an earlier image alone (a
# render that fails keeps the earlier image: tests/unit/test_report.c)
cp "$dir/baku.png" "$dir/keep.png"
"$bin" plot --entity 'Port of Baku' --unit TEU --where origin= -o "$dir/baku.png" \
    --terminal png --script-only > /dev/null || fail=1
cmp -s "$dir/baku.png" "$dir/keep.png" || { echo "--script-only touched the image"; fail=1; }
ls "$dir" | grep -q '\.tmp\.' && { echo "temporary file left"; fail=1; }
# images get the permissions of every other output (0644 under umask 022)
(umask 022 && "$bin" plot --entity 'Port of Baku' --unit TEU --where origin= \
    -o "$dir/mode.png" > /dev/null) || fail=1
[ "$(stat -c %a "$dir/mode.png")" = 644 ] || { echo "image mode $(stat -c %a "$dir/mode.png")"; fail=1; }
# the y axis reads 100,000, in the SVG's text too
grep -q '>100,000<' "$dir/baku.svg" || { echo "SVG axis without thousands separators"; fail=1; }
# placement: the legend of a line chart goes inside, top left, above the data
# (the y range leaves it a band); a threshold label avoids the points: at
# 15,000 TEU the 2017 point (15,337) sits at the left end of the line, the
# right end is empty, so the label goes right
"$bin" plot --entity 'Port of Baku' --unit TEU --where origin= --from 2017 \
    --threshold '15000=15,000 TEU: a label of some length' -o "$dir/place.png" --script-only \
    > /dev/null 2>&1 || fail=1
grep -q "^set key inside left top" "$dir/place.gp" || { echo "legend not inside, top left"; fail=1; }
grep -q "^set label 2 '15,000 TEU: a label of some length' at graph 0.99, first 15000 .* right " \
    "$dir/place.gp" || { echo "threshold label not moved off the 2017 point"; fail=1; }
grep -q "^set xrange \[2016:2026\]" "$dir/place.gp" || { echo "x range"; fail=1; }
[ $fail = 0 ] && echo "charts render"
exit $fail
