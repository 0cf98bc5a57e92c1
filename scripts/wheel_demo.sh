#!/usr/bin/env bash
# Build a wheel from the committed tree, install it into a fresh virtual environment outside the
# source tree and run `copilot demo` there: defaults, prompts and demo data must come from the
# installed package. Slow the first time (installs torch and every dependency).
#
#   scripts/wheel_demo.sh [WORK_DIR]     # default: a new temporary folder
#
# WORK_DIR gets src/ (git archive of HEAD), dist/ (the wheel), venv/ and data/ (the demo's data
# dir); an existing venv/ is reused, an existing data/ continues from the replay's checkpoint.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${1:-}" ]; then mkdir -p "$1" && work=$(cd "$1" && pwd); else work=$(mktemp -d); fi
case "$work/" in "$root"/*) echo "WORK_DIR must be outside the source tree" >&2; exit 2 ;; esac
rm -rf "$work/src" "$work/dist"
mkdir -p "$work/src"
git -C "$root" archive HEAD | tar -x -C "$work/src"
[ -x "$work/venv/bin/python" ] || python3 -m venv "$work/venv"
pip=("$work/venv/bin/python" -m pip --disable-pip-version-check -q)
"${pip[@]}" install torch==2.13.0  # the local CPU build; any other spec pulls CUDA
"${pip[@]}" wheel --no-deps -w "$work/dist" "$work/src"
wheel=$(ls "$work/dist"/support_copilot-*.whl)
unzip -l "$wheel" | grep -E "copilot/config/(default\.toml|prompts/.*\.md)$"
"${pip[@]}" install --force-reinstall --no-deps "$wheel"
"${pip[@]}" install "$wheel"
cd "$work"
env -u PYTHONPATH "$work/venv/bin/copilot" --data-dir "$work/data" demo
echo "wheel demo ok: $wheel in $work/venv"
