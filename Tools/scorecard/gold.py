"""Gold-set helpers for the Canonym scorecard (Python 3 standard library only).

The gold set lives in gold/<lang>.jsonl, one paragraph a line:

    {"id": "en-001", "lang": "en", "text": "...",
     "mentions": [{"start", "end", "text", "id"}, ...],
     "traps":    [{"start", "end", "text", "kind"}, ...]}

Offsets are Unicode code points into "text" (end exclusive). The JSONL files are generated
from the hand-written sources in gold/src/<lang>.txt by build_gold.py; `load_gold` reads
them back and `validate` checks them against the lexicon (every id must exist).
"""

import csv
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD_DIR = os.path.join(HERE, "gold")
SRC_DIR = os.path.join(GOLD_DIR, "src")
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
LEXICONS = os.path.join(REPO, "Lexicons")

LANGS = ("en", "ru", "uk")
TRAP_KINDS = ("person", "month", "common-word", "brand", "demonym", "other")

MARKUP = re.compile(r"\[\[(?P<m>[^\[\]|]+)\|(?P<id>[^\[\]|]+)\]\]|\{\{(?P<t>[^{}|]+)\|(?P<kind>[^{}|]+)\}\}")


def pack_dirs(lexicons=LEXICONS):
    """The default lexicon's pack directories, in the order of Lexicons/default.txt."""
    dirs = []
    with open(os.path.join(lexicons, "default.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                dirs.append(os.path.join(lexicons, line))
    return dirs


def _rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        lines = [l for l in f if not l.startswith("#")]
    return csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def load_lexicon(dirs=None):
    """Return ({id: entity row}, {country code: [country ids]}, {casefolded name: set(ids)})."""
    entities, countries, names = {}, {}, {}
    for d in dirs or pack_dirs():
        for row in _rows(os.path.join(d, "entities.tsv")):
            row["pack"] = os.path.basename(d)
            entities[row["id"]] = row
            if row.get("type") == "country":
                countries.setdefault(row.get("country", ""), []).append(row["id"])
        names_path = os.path.join(d, "names.tsv")
        if os.path.exists(names_path):
            for row in _rows(names_path):
                names.setdefault(row["name"].casefold(), set()).add(row["id"])
    return entities, countries, names


def load_aliases(path=os.path.join(SRC_DIR, "aliases.tsv")):
    aliases = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2:
                raise ValueError(f"{path}:{n}: expected alias<TAB>id")
            aliases[cols[0]] = cols[1]
    return aliases


def expand_id(ref, aliases, countries):
    """c:UA → the country's GeoNames id; r:UA-63 → iso3166-2:UA-63; g:123 → geonames:123."""
    if ref in aliases:
        return aliases[ref]
    if ref.startswith("c:"):
        ids = countries.get(ref[2:], [])
        if len(ids) != 1:
            raise ValueError(f"country code {ref[2:]!r} names {len(ids)} countries")
        return ids[0]
    if ref.startswith("r:"):
        return "iso3166-2:" + ref[2:]
    if ref.startswith("g:"):
        return "geonames:" + ref[2:]
    return ref


def parse_markup(line, aliases, countries):
    """'[[Kyiv|kyiv]] and {{May|month}}' → (text, mentions, traps) with code point offsets."""
    out, mentions, traps, pos = [], [], [], 0
    length = 0
    for m in MARKUP.finditer(line):
        plain = line[pos:m.start()]
        if any(c in plain for c in "[]{}"):
            raise ValueError(f"stray bracket in {plain!r}")
        out.append(plain)
        length += len(plain)
        surface = m.group("m") if m.group("m") is not None else m.group("t")
        start, end = length, length + len(surface)
        if m.group("m") is not None:
            mentions.append({"start": start, "end": end, "text": surface,
                             "id": expand_id(m.group("id").strip(), aliases, countries)})
        else:
            traps.append({"start": start, "end": end, "text": surface, "kind": m.group("kind").strip()})
        out.append(surface)
        length = end
        pos = m.end()
    tail = line[pos:]
    if any(c in tail for c in "[]{}"):
        raise ValueError(f"stray bracket in {tail!r}")
    out.append(tail)
    return "".join(out), mentions, traps


def load_gold(gold_dir=GOLD_DIR, langs=LANGS):
    docs = []
    for lang in langs:
        path = os.path.join(gold_dir, f"{lang}.jsonl")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    doc = json.loads(line)
                    doc["_where"] = f"{path}:{n}"
                    docs.append(doc)
    return docs


def validate(docs, entities):
    """Return a list of problems (empty when the gold set is consistent with the lexicon)."""
    problems, seen = [], set()
    for doc in docs:
        where = f"{doc.get('_where', '?')} ({doc.get('id')})"
        text = doc.get("text", "")
        if doc.get("id") in seen:
            problems.append(f"{where}: duplicate paragraph id")
        seen.add(doc.get("id"))
        if doc.get("lang") not in LANGS or not str(doc.get("id", "")).startswith(doc.get("lang", "?") + "-"):
            problems.append(f"{where}: bad lang {doc.get('lang')!r} for id {doc.get('id')!r}")
        if "\n" in text or "\r" in text:
            problems.append(f"{where}: text contains a line break")
        if unicodedata.normalize("NFC", text) != text:
            problems.append(f"{where}: text is not NFC")
        spans = []
        for kind, items in (("mention", doc.get("mentions", [])), ("trap", doc.get("traps", []))):
            for it in items:
                s, e = it.get("start"), it.get("end")
                if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                    problems.append(f"{where}: {kind} {it} has bad offsets")
                    continue
                if text[s:e] != it.get("text"):
                    problems.append(f"{where}: {kind} text {it.get('text')!r} != text[{s}:{e}] {text[s:e]!r}")
                if text[s:e] != text[s:e].strip():
                    problems.append(f"{where}: {kind} {it.get('text')!r} has surrounding white space")
                if kind == "mention" and it.get("id") not in entities:
                    problems.append(f"{where}: mention {it.get('text')!r}: id {it.get('id')!r} is not in the lexicon")
                if kind == "trap" and it.get("kind") not in TRAP_KINDS:
                    problems.append(f"{where}: trap {it.get('text')!r}: unknown kind {it.get('kind')!r}")
                spans.append((s, e, kind, it.get("text")))
        spans.sort()
        for a, b in zip(spans, spans[1:]):
            if b[0] < a[1]:
                problems.append(f"{where}: overlapping annotations {a[3]!r} and {b[3]!r}")
    return problems


def main_validate(argv=None):
    entities, _, _ = load_lexicon()
    docs = load_gold()
    problems = validate(docs, entities)
    for p in problems:
        print(p, file=sys.stderr)
    n_m = sum(len(d["mentions"]) for d in docs)
    n_t = sum(len(d["traps"]) for d in docs)
    print(f"{len(docs)} paragraphs, {n_m} mentions, {n_t} traps: "
          f"{'OK' if not problems else str(len(problems)) + ' problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main_validate())
