#!/usr/bin/env bash
# Regenerates Canonym's precision-guard data:
#   Sources/Canonym/Resources/guards/common-words.tsv   (from wordfreq, CC BY-SA 4.0)
#   Sources/Canonym/Resources/guards/given-names.tsv    (from Faker, MIT; romanized with ICU uconv)
#   Sources/Canonym/Resources/guards/README.md          (sources, licences, cutoffs, row counts)
# thresholds.tsv in the same folder is maintained by hand and is never written here.
#
# Usage: Tools/guard-data/build.sh [--out DIR]
# Needs: python3 (>= 3.10) with venv, network access to PyPI on the first run, `uconv`
# (Debian: apt-get install icu-devtools), and Debian's Hunspell dictionaries plus libhunspell
# (the list: build_guards.py --list-packages), which common-words.tsv is filtered with. Missing
# dictionary packages are installed with apt-get when run as root; otherwise the script stops
# and names them. Makes Tools/guard-data/.venv from requirements.txt.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

if ! command -v uconv >/dev/null 2>&1; then
    echo "build.sh: uconv not found; install ICU's tools (Debian: apt-get install icu-devtools)" >&2
    exit 1
fi

# (Re)make the venv when it is missing or requirements.txt changed since it was made.
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
have="$(cat "$venv/.requirements.sha256" 2>/dev/null || true)"
if [[ ! -x "$venv/bin/python" || "$want" != "$have" ]]; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --disable-pip-version-check --quiet -r "$here/requirements.txt"
    echo "$want" >"$venv/.requirements.sha256"
fi

# The Hunspell dictionaries (and libhunspell) that common-words.tsv is filtered with.
if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "build.sh: dpkg-query not found; the build reads Debian's Hunspell dictionary packages" \
         "(see build_guards.py --list-packages) and needs a Debian-based system" >&2
    exit 1
fi
mapfile -t packages < <("$venv/bin/python" "$here/build_guards.py" --root "$root" --list-packages)
missing=()
for pkg in "${packages[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != *" installed" ]]; then
        missing+=("$pkg")
    fi
done
if ((${#missing[@]})); then
    if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        echo "build.sh: missing Debian packages: ${missing[*]}" >&2
        echo "build.sh: install them as root: apt-get update && apt-get install ${missing[*]}" >&2
        exit 1
    fi
    echo "build.sh: installing ${missing[*]}" >&2
    if ! { apt-get update -q >&2 &&
           DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
               "${missing[@]}" >&2; }; then
        echo "build.sh: could not install ${missing[*]} with apt-get; install them and rerun" >&2
        exit 1
    fi
fi

# A fixed hash seed and locale so nothing in the run depends on the caller's environment.
export PYTHONHASHSEED=0 LC_ALL=C.UTF-8
exec "$venv/bin/python" "$here/build_guards.py" --root "$root" "$@"
