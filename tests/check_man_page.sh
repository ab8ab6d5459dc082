#!/bin/sh
# The man page and --help come from one table; check that they agree: every
# command's every --option in its help is in the man page, and every command
# has its section. Usage: check_man_page.sh BINARY MANPAGE
set -u
bin=$1
man=$2
fail=0
[ -s "$man" ] || { echo "no man page at $man"; exit 1; }
for cmd in $("$bin" --help | awk '/^Commands:/{on=1;next} /^$/{on=0} on{print $1}'); do
    grep -q "^\.SS \"corridor $cmd\"" "$man" || { echo "man page lacks command $cmd"; fail=1; }
    for opt in $("$bin" "$cmd" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
        grep -q -- "$esc" "$man" || { echo "man page lacks $cmd $opt"; fail=1; }
    done
done
exit $fail
