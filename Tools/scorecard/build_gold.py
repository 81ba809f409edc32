#!/usr/bin/env python3
"""Build gold/<lang>.jsonl from the hand-annotated sources gold/src/<lang>.txt, then validate.

Source format: one paragraph a line, `ID<TAB>TEXT`; `#` lines are comments. In TEXT,
`[[surface|id]]` marks a place mention and `{{surface|kind}}` a trap (a non-mention). id is an
alias from gold/src/aliases.tsv, `c:XX` (country by ISO 3166-1 code), `r:XX-YY` (ISO 3166-2
region), `g:NNN` (GeoNames id) or a full id. Exit status 1 if any check fails.

    python3 Tools/scorecard/build_gold.py            # write gold/*.jsonl and validate
    python3 Tools/scorecard/build_gold.py --check    # validate the existing gold/*.jsonl only
"""

import argparse
import json
import os
import sys
import unicodedata

sys.dont_write_bytecode = True  # keep Tools/scorecard free of __pycache__
import gold  # noqa: E402


def build(lang, aliases, countries):
    src = os.path.join(gold.SRC_DIR, f"{lang}.txt")
    docs = []
    with open(src, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            try:
                pid, body = line.split("\t", 1)
                text, mentions, traps = gold.parse_markup(unicodedata.normalize("NFC", body), aliases, countries)
            except ValueError as e:
                raise SystemExit(f"{src}:{n}: {e}")
            docs.append({"id": pid, "lang": lang, "text": text, "mentions": mentions, "traps": traps})
    out = os.path.join(gold.GOLD_DIR, f"{lang}.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return out, len(docs)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only validate gold/*.jsonl")
    args = ap.parse_args()
    if not args.check:
        entities, countries, _ = gold.load_lexicon()
        aliases = gold.load_aliases()
        for lang in gold.LANGS:
            out, n = build(lang, aliases, countries)
            print(f"wrote {os.path.relpath(out)} ({n} paragraphs)")
    return gold.main_validate()


if __name__ == "__main__":
    sys.exit(main())
