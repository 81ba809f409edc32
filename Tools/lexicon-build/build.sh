#!/usr/bin/env bash
# Regenerates Canonym's default lexicon packs under Lexicons/ (countries, regions, cities).
#
#   Tools/lexicon-build/build.sh              # writes Lexicons/ at the repository root
#   Tools/lexicon-build/build.sh --out DIR    # writes somewhere else
#
# Creates Tools/lexicon-build/.venv on first use and installs the pinned requirements.txt
# into it (PyPI only). Set PYTHON to choose the interpreter that makes the venv (default
# python3, 3.10 or newer). Output is deterministic: rerunning with the same pins gives
# byte-identical files.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"
stamp="$venv/.requirements.txt"

if [[ ! -x "$venv/bin/python" ]]; then
    "$python" -m venv "$venv"
fi
if ! cmp -s "$here/requirements.txt" "$stamp"; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        --requirement "$here/requirements.txt"
    cp "$here/requirements.txt" "$stamp"
fi

out_given=0
for arg in "$@"; do
    case "$arg" in --out | --out=*) out_given=1 ;; esac
done
if ((!out_given)); then
    set -- "$@" --out "$root/Lexicons"
fi
exec "$venv/bin/python" "$here/build_default_lexicon.py" "$@"
