#!/bin/sh
# Installs corridor into a temporary prefix, moves the installation elsewhere,
# and builds examples/growth.c against it three ways: pkg-config (shared
# library), pkg-config --static (a static binary), and CMake's
# find_package(corridor). Each program must print the growth of Testport
# (tests/data/metrics/port.csv, synthetic): 2020: 120/100 - 1 = 0.2 and
# 2023: 180/150 - 1 = 0.2 (150 is "about 150": the point value). The moved
# corridor binary must find its datasets, and corridor.pc its prefix.
# Usage: check_install.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "check_install: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/first" > "$tmp/install.log" || fail "install failed"
mv "$tmp/first" "$tmp/moved"
prefix=$tmp/moved
libdir=$(cd "$prefix" && ls -d lib*/pkgconfig | head -n 1 | xargs dirname)
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"

# corridor.pc: the prefix it was moved to, not the one given at install time
got=$(pkg-config --variable=libdir corridor)
[ "$(cd "$got" && pwd -P)" = "$(cd "$prefix/$libdir" && pwd -P)" ] ||
    fail "corridor.pc libdir is '$got', not $prefix/$libdir"

expect_growth() {   # PROGRAM
    out=$("$@" "$src/tests/data/metrics" port Testport TEU origin=) || fail "$1 failed"
    echo "$out" | awk -F, '
        NR == 1 { if ($0 != "year,growth\r") bad = "header " $0; next }
        { sub(/\r$/, "", $2); n++; y[n] = $1; d = $2 - 0.2; if (d < 0) d = -d; if (d > 1e-12) bad = "growth " $2 }
        END { if (n != 2 || y[1] != 2020 || y[2] != 2023) bad = bad " rows " n; if (bad) { print bad; exit 1 } }' ||
        fail "$1 printed: $out"
}

cc=${CC:-cc}
# shared, through pkg-config
$cc -o "$tmp/growth_shared" "$src/examples/growth.c" $(pkg-config --cflags --libs corridor)
LD_LIBRARY_PATH="$prefix/$libdir" expect_growth "$tmp/growth_shared"
LD_LIBRARY_PATH="$prefix/$libdir" ldd "$tmp/growth_shared" | grep -q "libcorridor.so.0 => $prefix" ||
    fail "growth_shared is not linked to the installed libcorridor.so.0"
# static, through pkg-config --static
$cc -static -o "$tmp/growth_static" "$src/examples/growth.c" \
    $(pkg-config --static --cflags --libs corridor)
expect_growth "$tmp/growth_static"
# CMake package, shared and static
cmake -S "$src/examples" -B "$tmp/cmake" -DCMAKE_PREFIX_PATH="$prefix" > "$tmp/cmake.log" ||
    { cat "$tmp/cmake.log" >&2; fail "find_package(corridor) failed"; }
cmake --build "$tmp/cmake" > "$tmp/cmake-build.log" 2>&1 ||
    { cat "$tmp/cmake-build.log" >&2; fail "the example did not build with CMake"; }
expect_growth "$tmp/cmake/growth"
expect_growth "$tmp/cmake/growth_static"

# the moved binary finds the installed datasets relative to itself
cd "$tmp"
out=$(env -u CORRIDOR_DATASETS "$prefix/bin/corridor" validate) || fail "installed corridor: $out"
case $out in *"valid records, 0 errors"*) ;; *) fail "installed corridor validate: $out" ;; esac
echo "check_install: pkg-config (shared, static) and find_package builds print the hand-computed growth"
