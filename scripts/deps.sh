# Sourced by scripts/run and scripts/test: installs the Debian packages that
# are missing (as root, or through sudo without a password); otherwise prints
# the exact command to run and stops.
CORRIDOR_BUILD_PKGS="cmake make gcc pkg-config libc6-dev libgsl-dev libcsv-dev gnuplot-nox"
CORRIDOR_TEST_PKGS="libcmocka-dev locales python3 python3-markdown"
CORRIDOR_FUZZ_PKGS="clang libclang-rt-dev"

corridor_need() {
    missing=""
    for p in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing="$missing $p"
        fi
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = 0 ]; then
        sudo=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo="sudo -n"
    else
        echo "corridor: these Debian packages are missing:$missing" >&2
        echo "Install them, then run this command again:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
        exit 1
    fi
    echo "corridor: installing$missing" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}
