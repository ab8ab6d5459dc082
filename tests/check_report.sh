#!/bin/sh
# corridor report on the bundled data, on a synthetic dataset of its own
# (tests/data/report_synth), automatically without a spec, on hostile text,
# and printed to PDF: see check_report.py. Usage: check_report.sh BINARY
set -u
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$(dirname "$0")/check_report.py" "$bin" "$dir"
