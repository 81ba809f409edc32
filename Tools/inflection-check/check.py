#!/usr/bin/env python3
"""Check Canonym's inflection data (Sources/Canonym/Resources/inflection/) with a reference generator.

Standard library only. From the repository root:

    python3 Tools/inflection-check/check.py            # format check, test cases, sample forms, lexicon collisions
    python3 Tools/inflection-check/check.py --forms "Біла Церква" uk    # print the forms of one name

The generator here is the reference for the Swift engine: the algorithm is written out in
Sources/Canonym/Resources/inflection/README.md, and this file follows it step by step (the
step numbers in the comments are the README's). Exit status: 0 when the data is well-formed
and every case in cases.tsv passes, 1 otherwise.
"""

import argparse
import collections
import itertools
import math
import os
import re
import sys
import unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "Sources", "Canonym", "Resources", "inflection")
LEXICONS = os.path.join(ROOT, "Lexicons")
GUARDS = os.path.join(ROOT, "Sources", "Canonym", "Resources", "guards")
HERE = os.path.dirname(os.path.abspath(__file__))

LANGS = ("uk", "ru", "be")
CASES = ("gen", "dat", "acc", "ins", "loc")
HEADER = ["suffix", "class", "strip", "stem_add", *CASES, "note"]
CLASS_HEADER = ["lang", "kind", "ending", "next", "note"]
APOSTROPHES = "'’ʼ‘`´"
BELARUSIAN_MARKS = set("ўыэё")  # an untagged name is read as Belarusian only when it has one of these
CONNECTING_VOWELS = set("оеиіы")  # a non-final hyphen segment ending so is a fixed first part
ALPHABETS = {
    "uk": set("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"),
    "ru": set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
    "be": set("абвгдеёжзійклмнопрстуўфхцчшыьэюя"),
}

# Entities whose forms are printed (the brief's list): GeoNames ids in Lexicons/cities.
SAMPLE_IDS = [
    ("Kyiv", "geonames:703448"), ("Kharkiv", "geonames:706483"), ("Chernihiv", "geonames:710735"),
    ("Sumy", "geonames:692194"), ("Odesa", "geonames:698740"), ("Donetsk", "geonames:709717"),
    ("Moscow", "geonames:524901"), ("Zaporizhzhia", "geonames:687700"), ("Dnipro", "geonames:709930"),
    ("Lviv", "geonames:702550"),
]


def key(s):
    """Comparison key of a word or ending: lower case, apostrophes unified (README step 0)."""
    s = s.lower()
    for a in APOSTROPHES:
        s = s.replace(a, "'")
    return s


class Row:
    __slots__ = ("suffix", "anchored", "cls", "strip", "stem_add", "endings", "note", "line", "order")

    def __repr__(self):
        return f"{'^' if self.anchored else ''}{self.suffix}/{self.cls or '-'}@{self.line}"


class FormatError(Exception):
    pass


def read_tsv(path, header):
    """Rows of a TSV file (header first; '#' lines are comments), checked like a pack file."""
    problems = []
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    if "\r" in text:
        problems.append(f"{path}: CR line ends")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    else:
        problems.append(f"{path}: no final line feed")
    seen_header = False
    for n, line in enumerate(lines, 1):
        if line.startswith("#"):
            continue
        if not unicodedata.is_normalized("NFC", line):
            problems.append(f"{path}:{n}: not NFC")
        fields = line.split("\t")
        if not seen_header:
            seen_header = True
            if fields != header:
                problems.append(f"{path}:{n}: header is {fields}, expected {header}")
            continue
        if len(fields) != len(header):
            problems.append(f"{path}:{n}: {len(fields)} fields, expected {len(header)}")
            continue
        for c, v in enumerate(fields, 1):
            if v != v.strip(" "):
                problems.append(f"{path}:{n}:{c}: leading or trailing space")
        rows.append((n, dict(zip(header, fields))))
    return rows, problems


def load_rules(lang):
    path = os.path.join(DATA, f"{lang}.tsv")
    raw, problems = read_tsv(path, HEADER)
    rows = []
    seen = set()
    for order, (n, r) in enumerate(raw):
        row = Row()
        row.line, row.order, row.note = n, order, r["note"]
        suffix = r["suffix"]
        row.anchored = suffix.startswith("^")
        row.suffix = key(suffix[1:] if row.anchored else suffix)
        row.cls = r["class"]
        if not row.suffix or not re.fullmatch(r"[^\W\d_]+(?:'[^\W\d_]+)*|'[^\W\d_]+", row.suffix):
            problems.append(f"{path}:{n}: bad suffix {suffix!r}")
        if row.cls not in ("", "noun", "adj"):
            problems.append(f"{path}:{n}: class must be noun, adj or empty, not {row.cls!r}")
        if (suffix, row.cls) in seen:
            problems.append(f"{path}:{n}: duplicate row for suffix {suffix!r} class {row.cls!r}")
        seen.add((suffix, row.cls))
        try:
            row.strip = int(r["strip"])
        except ValueError:
            problems.append(f"{path}:{n}: strip must be an integer")
            continue
        if not 0 <= row.strip <= len(row.suffix):
            problems.append(f"{path}:{n}: strip {row.strip} is longer than the suffix {suffix!r}")
        row.stem_add = r["stem_add"]
        row.endings = {}
        for c in CASES:
            cell = r[c]
            variants = [v for v in cell.split(",")] if cell else []
            for v in variants:
                if v != "=" and v != "∅" and not re.fullmatch(r"[^\W\d_]+", v):
                    problems.append(f"{path}:{n}: bad {c} ending {v!r}")
            if len(set(variants)) != len(variants):
                problems.append(f"{path}:{n}: repeated {c} variant")
            row.endings[c] = variants
        rows.append(row)
    return rows, problems


def load_classes():
    path = os.path.join(DATA, "word-classes.tsv")
    raw, problems = read_tsv(path, CLASS_HEADER)
    classes = {lang: {"strong": [], "weak": [], "stop": set()} for lang in LANGS}
    for n, r in raw:
        lang, kind = r["lang"], r["kind"]
        if lang not in LANGS or kind not in ("strong", "weak", "stop"):
            problems.append(f"{path}:{n}: unknown lang or kind")
            continue
        ending = key(r["ending"])
        if kind == "stop":
            classes[lang]["stop"].add(ending)
        elif kind == "strong":
            classes[lang]["strong"].append(ending)
        else:
            nxt = [key(x) for x in r["next"].split(",") if x]
            if not nxt:
                problems.append(f"{path}:{n}: weak ending without next")
            classes[lang]["weak"].append((ending, nxt))
    return classes, problems


class Inflector:
    def __init__(self):
        self.rules, self.classes, self.problems = {}, None, []
        for lang in LANGS:
            rows, p = load_rules(lang)
            self.rules[lang] = rows
            self.problems += p
        self.classes, p = load_classes()
        self.problems += p
        # index rows by their last character for speed (the algorithm does not depend on it)
        self.by_last = {}
        for lang, rows in self.rules.items():
            idx = collections.defaultdict(list)
            for row in rows:
                idx[row.suffix[-1]].append(row)
            self.by_last[lang] = idx
        self.anchored_nouns = {
            lang: {row.suffix for row in rows if row.anchored and row.cls == "noun"} for lang, rows in self.rules.items()
        }

    # README step 3: the rule for one word (or hyphen segment)
    def rule_for(self, word, lang, cls):
        w = key(word)
        if not w:
            return None
        best, best_prio = None, None
        for row in self.by_last[lang].get(w[-1], ()):
            if row.cls and row.cls != cls:
                continue
            if row.anchored:
                if w != row.suffix:
                    continue
                length = len(row.suffix) + 0.5  # a whole-word row beats a suffix row of the same text
            else:
                if not w.endswith(row.suffix):
                    continue
                length = len(row.suffix)
            prio = (length, 1 if row.cls else 0, -row.order)
            if best_prio is None or prio > best_prio:
                best, best_prio = row, prio
        return best

    def word_forms(self, word, lang, cls):
        """Forms of one word (no hyphens) per case; None when no rule matches (indeclinable)."""
        row = self.rule_for(word, lang, cls)
        if row is None or not any(row.endings.values()):
            return None  # no rule, or a blocking row (all five cells empty): the word does not inflect
        stem = word[: len(word) - row.strip] + row.stem_add
        out = {}
        for c in CASES:
            forms = []
            for v in row.endings[c]:
                if v == "=":
                    f = word
                elif v == "∅":
                    f = stem
                else:
                    f = stem + v
                if word[:1].isupper() and f[:1].islower():
                    f = f[:1].upper() + f[1:]
                if f and f not in forms:
                    forms.append(f)
            out[c] = forms
        return out

    # README step 1
    @staticmethod
    def inflectable(token):
        if not re.fullmatch(r"[^\W\d_]+(?:[-'’ʼ][^\W\d_]+)*", token):
            return False
        letters = [ch for ch in token if ch.isalpha()]
        if len(letters) >= 2 and all(ch.isupper() for ch in letters):
            return False  # an abbreviation (США, КНДР)
        return True

    def segments(self, token, lang):
        """(inflecting part, fixed tail) of a hyphenated token: segments before the first stop segment."""
        segs = token.split("-")
        stops = self.classes[lang]["stop"]
        for k in range(1, len(segs)):
            if key(segs[k]) in stops:
                return segs[:k], segs[k:]
        return segs, []

    def strong(self, token, lang):
        seg = key(self.segments(token, lang)[0][-1])
        return any(seg.endswith(e) and len(seg) > len(e) for e in self.classes[lang]["strong"])

    # README step 2
    def word_class(self, tokens, i, lang):
        tok = tokens[i]
        if self.strong(tok, lang):
            return "adj"
        if i + 1 >= len(tokens) or not self.inflectable(tokens[i + 1]):
            return "noun"
        seg = key(self.segments(tok, lang)[0][-1])
        if seg in self.anchored_nouns[lang]:
            return "noun"
        nxt = key(self.segments(tokens[i + 1], lang)[0][-1])
        if i + 2 == len(tokens) and self.strong(tokens[i + 1], lang):
            return "noun"  # the next word is a postposed adjective ending the name: Кам'янка Бузька
        weak = [(e, n) for e, n in self.classes[lang]["weak"] if seg.endswith(e) and len(seg) > len(e)]
        if weak:
            e, nexts = max(weak, key=lambda en: len(en[0]))  # the longest weak ending decides
            if any(nxt.endswith(x) for x in nexts):
                return "adj"
        return "noun"

    # README step 4
    def token_forms(self, token, lang, cls):
        head, tail = self.segments(token, lang)
        inflect = {len(head) - 1}
        if cls == "adj" and self.strong(token, lang):
            for j in range(len(head) - 1):
                if key(head[j])[-1:] not in CONNECTING_VOWELS:
                    inflect.add(j)  # Кам'янець-Подільський, Кам'янка-Бузька: a noun before an adjective inflects too;
                    # Івано-, Кабардино-, Ханты- end in a connecting vowel and stay as they are
        per_seg = []
        for j, seg in enumerate(head):
            if j in inflect:
                f = self.word_forms(seg, lang, cls if j == len(head) - 1 else "noun")
                if f is None:
                    if j == len(head) - 1:
                        return None  # the last segment is indeclinable: so is the token
                    f = {c: [seg] for c in CASES}
            else:
                f = {c: [seg] for c in CASES}
            per_seg.append(f)
        out = {}
        for c in CASES:
            out[c] = ["-".join(list(p) + tail) for p in itertools.product(*(f[c] for f in per_seg))]
        return out

    # README steps 1-5
    def inflect(self, name, lang):
        """{case: [forms]} for a name in a language; {} when nothing inflects. Forms may equal the name (acc '=')."""
        tokens = name.split(" ")
        if any(t == "" for t in tokens):
            return {}
        classes = []
        head = None
        for i, tok in enumerate(tokens):
            if not self.inflectable(tok):
                return {}  # a word that cannot inflect (digits, brackets, an abbreviation) before the head noun
            cls = self.word_class(tokens, i, lang)
            classes.append(cls)
            if cls == "noun":
                head = i
                break
        if head is None:  # every word is an adjective (Хмельницький, Кам'янське): all inflect
            return self._combine(tokens, classes, len(tokens) - 1, lang)
        if head + 2 == len(tokens) and self.inflectable(tokens[-1]) and self.strong(tokens[-1], lang):
            classes.append("adj")  # a postposed adjective as the last word: Кам'янка Бузька, Ростов Великий
            return self._combine(tokens, classes, head + 1, lang)
        return self._combine(tokens, classes, head, lang)

    def _combine(self, tokens, classes, last, lang):
        per_tok = []
        for i, tok in enumerate(tokens):
            if i <= last:
                f = self.token_forms(tok, lang, classes[i])
                if f is None:
                    return {}  # a word that should inflect has no rule: the name gets no forms at all
            else:
                f = {c: [tok] for c in CASES}
            per_tok.append(f)
        out = {}
        for c in CASES:
            forms = []
            for p in itertools.product(*(f[c] for f in per_tok)):
                s = " ".join(p)
                if s not in forms:
                    forms.append(s)
            out[c] = forms
        return out


def name_langs(name, lang):
    """The languages whose rules apply to a lexicon name (README: which names are inflected)."""
    if lang in LANGS:
        return [lang]
    if lang != "":
        return []
    letters = {key(ch) for ch in name if ch.isalpha()}
    if not letters or not any("\u0400" <= ch <= "\u04ff" for ch in letters):
        return []
    langs = [l for l in LANGS if letters <= ALPHABETS[l]]
    if "be" in langs and not letters & BELARUSIAN_MARKS:
        langs.remove("be")  # Харків, Мінск, Гродна: Ukrainian rules (Belarusian only with ў, ы, э or ё)
    return langs


def all_forms(inf, name, langs):
    forms = []
    for lang in langs:
        for c, fs in inf.inflect(name, lang).items():
            for f in fs:
                if f != name and f not in forms:
                    forms.append(f)
    return forms


def run_cases(inf, path):
    rows, problems = read_tsv(path, ["name", "lang", "case", "expected"])
    passed, failed = 0, []
    for n, r in rows:
        name, lang, case, expected = r["name"], r["lang"], r["case"], r["expected"]
        got = inf.inflect(name, lang)
        if case == "*":  # indeclinable: no form other than the name itself
            others = sorted({f for fs in got.values() for f in fs if f != name})
            ok = expected == "=" and not others
            detail = others
        else:
            forms = got.get(case, [])
            ok = expected in forms
            detail = forms
        if ok:
            passed += 1
        else:
            failed.append((n, name, lang, case, expected, detail))
    return passed, failed, problems


def read_pack(pack):
    ents, names = {}, []
    for fname in ("entities.tsv", "names.tsv"):
        path = os.path.join(LEXICONS, pack, fname)
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        header = None
        for line in lines:
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
                continue
            r = dict(zip(header, fields))
            if fname == "entities.tsv":
                pop = r.get("population", "")
                ents[r["id"]] = (r["label"], r.get("type", ""), r.get("country", ""), int(pop) if pop else 0)
            else:
                names.append((r["id"], r["name"], r.get("lang", ""), r.get("flags", "")))
    return ents, names


def load_common_words():
    path = os.path.join(GUARDS, "common-words.tsv")
    words = {}
    if not os.path.exists(path):
        return words
    with open(path, encoding="utf-8") as f:
        header = None
        for line in f:
            if line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if header is None:
                header = fields
                continue
            w, lang, z = fields
            if lang in ("uk", "ru"):
                words[(w, lang)] = float(z)
    return words


def lexicon_report(inf, top):
    with open(os.path.join(LEXICONS, "default.txt"), encoding="utf-8") as f:
        packs = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    ents, names = {}, []
    for p in packs:
        e, n = read_pack(p)
        ents.update(e)
        names += n
    exact = collections.defaultdict(set)
    folded = collections.defaultdict(set)
    for eid, name, lang, flags in names:
        exact[name].add(eid)
        folded[name.casefold()].add(eid)

    # sample entities
    print("\n== Forms generated for the sample entities (every Cyrillic name; languages by tag or alphabet) ==")
    by_id = collections.defaultdict(list)
    for row in names:
        by_id[row[0]].append(row)
    for label, eid in SAMPLE_IDS:
        print(f"\n{label} ({eid})")
        for _, name, lang, flags in by_id[eid]:
            langs = name_langs(name, lang)
            if not any("\u0400" <= ch <= "\u04ff" for ch in name):
                continue
            if not langs:
                print(f"  {name}: not inflected (alphabet is not uk/ru/be)")
                continue
            for l in langs:
                got = inf.inflect(name, l)
                if not got:
                    print(f"  {name} [{l}]: indeclinable (no rule)")
                    continue
                cells = "; ".join(f"{c} " + ",".join(got[c]) for c in CASES)
                print(f"  {name} [{l}]: {cells}")

    # every Cyrillic name
    common = load_common_words()
    total_names = total_forms = 0
    per_lang = collections.Counter()
    collisions = []  # (form, source id, source name, other ids)
    folded_collisions = set()
    common_hits = {}
    skipped_flags = 0
    for eid, name, lang, flags in names:
        fl = set(flags.split(",")) if flags else set()
        if fl & {"lookup-only", "abbreviation", "case-sensitive"}:
            skipped_flags += 1
            continue
        langs = name_langs(name, lang)
        if not langs:
            continue
        total_names += 1
        forms = set()
        for l in langs:
            fs = all_forms(inf, name, [l])
            per_lang[l] += len(fs)
            forms.update(fs)
        total_forms += len(forms)
        for f in forms:
            others = exact.get(f, set()) - {eid}
            if others:
                collisions.append((f, eid, name, others))
            fo = folded.get(f.casefold(), set()) - {eid}
            if fo:
                folded_collisions.add((f.casefold(), eid))
            for l in langs:
                z = common.get((f.casefold(), l)) if l in ("uk", "ru") else None
                if z is not None and z >= 3.5 and (f, l) not in common_hits:
                    common_hits[(f, l)] = (z, eid, name)

    print("\n== All Cyrillic names of the default lexicon (" + ", ".join(packs) + ") ==")
    print(f"names inflected: {total_names:,} (skipped {skipped_flags:,} lookup-only/abbreviation/case-sensitive rows)")
    print(f"distinct forms per name, summed: {total_forms:,}; by language rules: " +
          ", ".join(f"{l} {per_lang[l]:,}" for l in LANGS))
    forms_set = {c[0] for c in collisions}
    pairs = {(c[0], c[1]) for c in collisions}
    print(f"collisions with another entity's exact name: {len(pairs):,} (form, entity) pairs, {len(forms_set):,} distinct forms"
          f"; case-insensitive: {len(folded_collisions):,} pairs")

    def pop(i):
        return ents.get(i, ("", "", "", 0))[3]

    def desc(i):
        lab, typ, cc, p = ents.get(i, (i, "", "", 0))
        return f"{lab} [{typ} {cc}{', pop ' + format(p, ',') if p else ''}]"

    ranked = sorted(collisions, key=lambda c: (-max(pop(o) for o in c[3]), -pop(c[1]), c[0]))
    print(f"top {top} (by population of the entity whose exact name is shadowed):")
    for f, eid, name, others in ranked[:top]:
        print(f"  {name} ({desc(eid)}) → {f} = exact name of " + "; ".join(desc(o) for o in sorted(others, key=pop, reverse=True)[:3]))
    print(f"\ngenerated forms that are common words (common-words.tsv, same language, zipf >= 3.5): {len(common_hits):,}")
    buckets = collections.Counter()
    for (f, l), (z, eid, name) in common_hits.items():
        p = pop(eid)
        buckets["entity population >= 1,000,000" if p >= 1_000_000 else "100,000 to 999,999" if p >= 100_000
                else "below 100,000 (or none)"] += 1
    print("  by the population of the entity they come from: " + "; ".join(f"{k}: {v}" for k, v in sorted(buckets.items())))
    for (f, l), (z, eid, name) in sorted(common_hits.items(), key=lambda kv: -kv[1][0])[:top]:
        print(f"  {f} [{l} {z:.2f}] from {name} ({desc(eid)})")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--forms", nargs=2, metavar=("NAME", "LANG"), help="print the forms of one name and exit")
    ap.add_argument("--cases", default=os.path.join(HERE, "cases.tsv"))
    ap.add_argument("--no-lexicon", action="store_true", help="skip the lexicon report")
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()

    inf = Inflector()
    if args.forms:
        name, lang = args.forms
        for c, fs in inf.inflect(unicodedata.normalize("NFC", name), lang).items():
            print(f"{c}\t{', '.join(fs)}")
        return 0
    print("== Data format ==")
    for lang in LANGS:
        print(f"{lang}.tsv: {len(inf.rules[lang])} rules")
    print(f"word-classes.tsv: " + ", ".join(
        f"{l} {len(inf.classes[l]['strong'])} strong/{len(inf.classes[l]['weak'])} weak/{len(inf.classes[l]['stop'])} stop"
        for l in LANGS))
    for p in inf.problems:
        print("PROBLEM", p)

    passed, failed, problems = run_cases(inf, args.cases)
    for p in problems:
        print("PROBLEM", p)
    print(f"\n== Test cases ({os.path.relpath(args.cases, ROOT)}) ==")
    for n, name, lang, case, expected, detail in failed:
        print(f"FAIL line {n}: {name} [{lang}] {case}: expected {expected}, got {', '.join(detail) or '(nothing)'}")
    print(f"{passed} passed, {len(failed)} failed")

    if not args.no_lexicon:
        lexicon_report(inf, args.top)
    return 0 if not failed and not inf.problems and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
