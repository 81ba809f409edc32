#!/bin/sh
# Checks the ICU rule files in Sources/Canonym/Resources/rules with uconv (icu-devtools).
# Usage: Tools/rules-check/check_rules.sh [-v]
exec python3 "$(dirname "$0")/check_rules.py" "$@"
