#!/bin/sh
# Builds the de_DE.UTF-8 locale (decimal comma) into DIR for the locale test.
# Without localedef or the locale sources, the test that needs it is skipped.
dir=$1
mkdir -p "$dir"
[ -d "$dir/de_DE.UTF-8" ] && exit 0
command -v localedef >/dev/null 2>&1 || exit 0
localedef -i de_DE -f UTF-8 "$dir/de_DE.UTF-8" 2>/dev/null || true
exit 0
