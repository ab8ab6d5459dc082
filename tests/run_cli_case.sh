#!/bin/sh
# Runs one CLI golden case: tests/cli/<case>/{cmd, stdin, expected.out,
# expected.err, expected.rc}. `cmd` is one shell line run from the project
# root with `corridor` on PATH, under LC_ALL=C. Usage: run_cli_case.sh BINARY DIR
set -u
bin=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
ln -s "$bin" "$tmp/bin/corridor"
stdin=/dev/null
[ -f "$dir/stdin" ] && stdin="$dir/stdin"
PATH="$tmp/bin:$PATH" LC_ALL=C CORRIDOR_DATASETS= TMPDIR="$tmp" \
    sh -c "$(cat "$dir/cmd")" < "$stdin" > "$tmp/out" 2> "$tmp/err"
rc=$?
fail=0
want_rc=$(cat "$dir/expected.rc" 2>/dev/null || echo 0)
if [ "$rc" != "$want_rc" ]; then
    echo "exit status $rc, expected $want_rc"
    fail=1
fi
for s in out err; do
    if [ -f "$dir/expected.$s" ]; then
        if ! diff -u "$dir/expected.$s" "$tmp/$s"; then
            echo "std$s differs (above: expected -> actual)"
            fail=1
        fi
    elif [ -s "$tmp/$s" ]; then
        echo "unexpected std$s:"
        cat "$tmp/$s"
        fail=1
    fi
done
exit $fail
