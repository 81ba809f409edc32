#!/usr/bin/env python3
"""Checks Canonym's ICU transform rule files with ICU's own `uconv` (icu-devtools).

For every scheme in Sources/Canonym/Resources/rules/schemes.tsv:
  - the rule file (or system transliterator) must compile;
  - cases/<id>.tsv lines `input<TAB>expected` must transliterate exactly;
  - no output may keep a Cyrillic letter.
For the skeleton (skeleton.txt), following the engine's pipeline (lower-case NFC -> skeleton.txt):
  - cases/skeleton.tsv lines `input<TAB>expected`;
  - cases/skeleton-groups.tsv lines `kind<TAB>label<TAB>spelling<TAB>spelling...` where kind is
    `meet` (every pair of spellings must share a skeleton), `apart` (no pair may) or `report`
    (printed only). A Cyrillic spelling stands for all its romanizations: the schemes whose
    reading fits it are applied (as the engine does) and each output is skeletonized;
  - every skeleton computed anywhere must be lowercase ASCII letters, space and hyphen only,
    and must stay the same when run through skeleton.txt again.

Usage: check_rules.py [-v]   (exit status 1 when anything fails)
"""

import os
import re
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
RULES = os.path.join(ROOT, "Sources", "Canonym", "Resources", "rules")
CASES = os.path.join(HERE, "cases")
VERBOSE = "-v" in sys.argv

SKELETON_OK = re.compile(r"^[a-z \-]*$")
CYRILLIC = re.compile(r"[\u0400-\u04FF\u0500-\u052F]")
UK_LETTERS = set("іїєґІЇЄҐ")
RU_LETTERS = set("ыэъёЫЭЪЁ")
BE_LETTERS = set("ўЎ")


class Transform:
    """One uconv transform: a system id or the text of a rule file."""

    def __init__(self, name, source):
        self.name = name
        if source.endswith(".txt"):
            with open(os.path.join(RULES, source), encoding="utf-8") as f:
                self.arg = f.read()
        else:
            self.arg = source
        self.cache = {}
        self.error = None

    def run(self, text):
        if text in self.cache:
            return self.cache[text]
        p = subprocess.run(["uconv", "-x", self.arg], input=text.encode("utf-8"),
                           capture_output=True)
        if p.returncode != 0:
            self.error = p.stderr.decode("utf-8", "replace").strip()
            out = None
        else:
            out = p.stdout.decode("utf-8")
        self.cache[text] = out
        return out

    def run_many(self, texts):
        """Runs many texts in one uconv call, joined by a separator the transform leaves alone
        (a line break for the schemes; for the skeleton, which drops line breaks, a word of
        letters it keeps). Falls back to one call per text if the pieces do not come back."""
        texts = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if not texts:
            return
        sep = " xqxqx " if self.name == "skeleton" else "\n"
        joined = sep.join(texts)
        p = subprocess.run(["uconv", "-x", self.arg], input=joined.encode("utf-8"),
                           capture_output=True)
        pieces = p.stdout.decode("utf-8").split(sep) if p.returncode == 0 else []
        if len(pieces) == len(texts) and all(sep not in t for t in texts):
            self.cache.update(zip(texts, pieces))
            return
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(self.run, texts))


def read_tsv(path):
    rows = []
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            rows.append((number, line.split("\t")))
    return rows


def load_schemes():
    schemes = []
    for number, cols in read_tsv(os.path.join(RULES, "schemes.tsv")):
        if cols[0] == "id":
            continue
        if len(cols) != 6:
            print(f"schemes.tsv:{number}: expected 6 columns, found {len(cols)}")
            continue
        sid, script, reading, source, use, _ = cols
        schemes.append({"id": sid, "script": script, "reading": reading, "source": source,
                        "use": set(use.split(",")), "t": Transform(sid, source)})
    return schemes


def readings_for(name):
    """The readings the engine applies to a Cyrillic name."""
    letters = set(name)
    if letters & BE_LETTERS:
        return {"be", "any"}
    if letters & UK_LETTERS:
        return {"uk", "any"}
    if letters & RU_LETTERS:
        return {"ru", "any"}
    return {"uk", "ru", "any"}


def engine_lower(text):
    return unicodedata.normalize("NFC", text.lower())


def main():
    failures = 0
    total = 0
    summary = []
    schemes = load_schemes()
    skeleton = Transform("skeleton", "skeleton.txt")

    # ---- schemes
    for s in schemes:
        t = s["t"]
        probe = t.run("Київ Чернігів Москва")
        if probe is None:
            print(f"FAIL {s['id']}: does not compile: {t.error}")
            failures += 1
            total += 1
            summary.append((s["id"], 0, 1))
            continue
        rows = read_tsv(os.path.join(CASES, s["id"] + ".tsv"))
        t.run_many([cols[0] for _, cols in rows])
        passed = failed = 0
        for number, cols in rows:
            if len(cols) < 2:
                print(f"  cases/{s['id']}.tsv:{number}: needs input<TAB>expected")
                failed += 1
                continue
            given, expected = cols[0], cols[1]
            got = t.run(given)
            ok = got == expected and not CYRILLIC.search(got or "")
            if ok:
                passed += 1
                if VERBOSE:
                    print(f"  ok   {s['id']}: {given} → {got}")
            else:
                failed += 1
                print(f"  FAIL {s['id']}: {given} → {got!r}, expected {expected!r}")
        if not rows:
            print(f"  note {s['id']}: no cases/{s['id']}.tsv")
        summary.append((s["id"], passed, failed))
        total += passed + failed
        failures += failed

        # case consistency (our rule files only): ALL-CAPS and lower-case input give the same
        # letters in the same case
        variants = []
        for _, cols in rows:
            if (s["source"].endswith(".txt") and len(cols) >= 2 and len(cols[0]) > 1
                    and CYRILLIC.search(cols[0])):
                variants += [(cols[0].upper(), cols[1].upper()), (cols[0].lower(), cols[1].lower())]
        t.run_many([v for v, _ in variants])
        passed = failed = 0
        for given, expected in variants:
            got = t.run(given)
            if got == expected:
                passed += 1
            else:
                failed += 1
                print(f"  FAIL {s['id']} (case): {given} → {got!r}, expected {expected!r}")
        if variants:
            summary.append((s["id"] + " (case)", passed, failed))
        total += passed + failed
        failures += failed

    # every scheme's case outputs must skeletonize cleanly
    outputs = []
    for s in schemes:
        outputs += [v for v in s["t"].cache.values() if v]
    skeleton.run_many([engine_lower(o) for o in outputs])

    # ---- skeleton direct cases
    rows = read_tsv(os.path.join(CASES, "skeleton.tsv"))
    skeleton.run_many([engine_lower(cols[0]) for _, cols in rows])
    if skeleton.error:
        print(f"FAIL skeleton: does not compile: {skeleton.error}")
    passed = failed = 0
    for number, cols in rows:
        given, expected = cols[0], cols[1]
        got = skeleton.run(engine_lower(given))
        if got == expected:
            passed += 1
            if VERBOSE:
                print(f"  ok   skeleton: {given} → {got}")
        else:
            failed += 1
            print(f"  FAIL skeleton: {given} → {got!r}, expected {expected!r}")
    summary.append(("skeleton (cases)", passed, failed))
    total += passed + failed
    failures += failed

    # ---- skeleton groups
    def keys_of(spelling):
        """Skeleton keys of one spelling: itself if Latin, its romanizations if Cyrillic."""
        if CYRILLIC.search(spelling):
            readings = readings_for(spelling)
            texts = {}
            # As the engine: only the schemes whose output it skeletonizes.
            for s in schemes:
                if s["reading"] in readings and "skeleton" in s["use"]:
                    out = s["t"].run(spelling)
                    if out is not None:
                        texts[s["id"]] = out
        else:
            texts = {"latin": spelling}
        keys = {}
        for sid, text in texts.items():
            k = skeleton.run(engine_lower(text))
            keys.setdefault(k, []).append(sid)
        return keys

    groups = read_tsv(os.path.join(CASES, "skeleton-groups.tsv"))
    passed = failed = 0
    reports = []
    for number, cols in groups:
        kind, label, spellings = cols[0], cols[1], cols[2:]
        keyed = [(sp, keys_of(sp)) for sp in spellings]
        pairs_meet = []
        pairs_apart = []
        for i in range(len(keyed)):
            for j in range(i + 1, len(keyed)):
                (a, ka), (b, kb) = keyed[i], keyed[j]
                (pairs_meet if set(ka) & set(kb) else pairs_apart).append((a, b))
        shown = "; ".join(f"{sp} → {'/'.join(sorted(k))}" for sp, k in keyed)
        if kind == "meet":
            ok = not pairs_apart
        elif kind == "apart":
            ok = not pairs_meet
        else:
            reports.append(f"  {label}: {'MEET' if pairs_meet else 'apart'}"
                           + (f" (partly: {len(pairs_meet)} of {len(pairs_meet) + len(pairs_apart)} pairs)"
                              if pairs_meet and pairs_apart else "")
                           + f" — {shown}")
            continue
        if ok:
            passed += 1
            if VERBOSE:
                print(f"  ok   {kind} {label}: {shown}")
        else:
            failed += 1
            wrong = pairs_apart if kind == "meet" else pairs_meet
            print(f"  FAIL {kind} {label}: " + ", ".join(f"{a} / {b}" for a, b in wrong)
                  + f"\n         {shown}")
    summary.append(("skeleton (groups)", passed, failed))
    total += passed + failed
    failures += failed

    # ---- skeleton output alphabet: every text skeletonized above
    bad = [(i, o) for i, o in skeleton.cache.items() if o is None or not SKELETON_OK.match(o)]
    for i, o in bad:
        print(f"  FAIL skeleton alphabet: {i!r} → {o!r}")
    summary.append(("skeleton (alphabet)", len(skeleton.cache) - len(bad), len(bad)))
    total += len(skeleton.cache)
    failures += len(bad)

    # ---- skeleton is idempotent: a key run through skeleton.txt again stays the same
    keys = sorted({o for o in skeleton.cache.values() if o})
    skeleton.run_many(keys)
    unstable = [(k, skeleton.run(k)) for k in keys if skeleton.run(k) != k]
    for k, again in unstable:
        print(f"  FAIL skeleton idempotence: {k!r} → {again!r}")
    summary.append(("skeleton (idempotent)", len(keys) - len(unstable), len(unstable)))
    total += len(keys)
    failures += len(unstable)

    if reports:
        print("\nReported (no expectation):")
        for r in reports:
            print(r)

    print("\nSummary:")
    for name, p, f in summary:
        print(f"  {'FAIL' if f else 'ok  '} {name:28} {p:4} passed {f:4} failed")
    print(f"  total: {total - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
