#!/usr/bin/env python3
"""Recall/precision of Canonym's romanization levels on held-out spellings.

Builds a reduced cities pack (UA, RU, BY cities with only their label and their Cyrillic
names), looks up through `canonym lookup` (one process, terms on stdin):

  1. held-out gazetteer variants: the Latin-script names of those cities that differ from the
     label after case-folding and diacritic removal;
  2. rule examples (NOT independent): the `expected` column of Tools/rules-check/cases/*.tsv,
     for inputs that are a Cyrillic name of a city in the reduced pack;
  3. false hits: common English/Russian/Ukrainian words (zipf >= 4.0, lowercase and
     Title-case) and the Latin labels of cities outside UA/RU/BY/MD.

Prints markdown tables; --json FILE writes every lookup with its outcome. Python 3 stdlib only.
See README.md beside this file.
"""

import argparse
import collections
import glob
import json
import os
import subprocess
import sys
import time
import unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LEVELS = ["exact", "folded", "inflected", "romanized", "skeleton", "fuzzy"]
RANK = {m: i for i, m in enumerate(LEVELS)}
TARGET = {"UA", "RU", "BY"}
EXCLUDED_FOREIGN = TARGET | {"MD"}
OUTCOMES = ["correct", "tied", "wrong", "unresolved"]

# Letters that NFD does not decompose but that are "a letter with a diacritic".
EXTRA_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŀ": "l",
                            "ŧ": "t", "ƶ": "z", "ǥ": "g", "ɨ": "i", "ʉ": "u"})


# ---------------------------------------------------------------- text helpers

def script_of(text):
    """'latin', 'cyrillic', 'mixed', 'other' or None (no letters), from the base letters
    (categories Lu, Ll, Lt, Lo; modifier letters such as ʹ ʼ ʻ do not count)."""
    scripts = set()
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) in ("Lu", "Ll", "Lt", "Lo"):
            name = unicodedata.name(ch, "")
            if name.startswith("LATIN"):
                scripts.add("latin")
            elif name.startswith("CYRILLIC"):
                scripts.add("cyrillic")
            else:
                scripts.add("other")
    if not scripts:
        return None
    if len(scripts) > 1:
        return "mixed"
    return scripts.pop()


def fold(text):
    """Case-fold and remove diacritics (NFD, drop combining marks, a few stroke letters)."""
    text = unicodedata.normalize("NFD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", text.translate(EXTRA_FOLD))


def title(word):
    return word[:1].upper() + word[1:]


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if line.strip():
                yield dict(zip(header, line.rstrip("\n").split("\t")))


# ---------------------------------------------------------------- data sets

def build_reduced_pack(cities_dir, out_dir):
    """Writes the reduced pack; returns (entities by id, held-out [(spelling, id)], stats)."""
    entities = {}
    for row in read_tsv(os.path.join(cities_dir, "entities.tsv")):
        entities[row["id"]] = row
    kept = {i: e for i, e in entities.items() if e["country"] in TARGET}
    names = collections.defaultdict(list)
    for row in read_tsv(os.path.join(cities_dir, "names.tsv")):
        if row["id"] in kept:
            names[row["id"]].append(row)

    stats = collections.Counter()
    heldout = []
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "pack.json"), "w", encoding="utf-8") as f:
        json.dump({"name": "eval-cities-ua-ru-by-cyrillic",
                   "version": "0",
                   "description": "Romanization evaluation: UA/RU/BY cities of Lexicons/cities with "
                                  "only their label and Cyrillic names.",
                   "license": "CC-BY-4.0",
                   "attribution": "GeoNames (geonames.org), CC BY 4.0"}, f, ensure_ascii=False, indent=2)
        f.write("\n")
    ent_cols = ["id", "label", "type", "country", "population", "admin1", "latitude",
                "longitude", "timezone"]
    with open(os.path.join(out_dir, "entities.tsv"), "w", encoding="utf-8") as fe, \
            open(os.path.join(out_dir, "names.tsv"), "w", encoding="utf-8") as fn:
        fe.write("\t".join(ent_cols) + "\n")
        fn.write("id\tname\tlang\tflags\n")
        for eid, e in kept.items():
            fe.write("\t".join(e.get(c, "") for c in ent_cols) + "\n")
            label = e["label"]
            rows = names[eid]
            label_row = next((r for r in rows if r["name"] == label), None)
            fn.write(f"{eid}\t{label}\t\t{label_row['flags'] if label_row else 'preferred'}\n")
            stats["entities"] += 1
            seen_variants = set()
            for r in rows:
                name = r["name"]
                if name == label:
                    continue
                s = script_of(name)
                if s == "cyrillic":
                    fn.write(f"{eid}\t{name}\t\t{r.get('flags', '')}\n")
                    stats["cyrillic names kept"] += 1
                elif s == "latin":
                    if fold(name) == fold(label):
                        stats["Latin names equal to label after folding (dropped)"] += 1
                    elif name not in seen_variants:
                        seen_variants.add(name)
                        heldout.append((name, eid))
                        stats["held-out Latin variants (name, entity)"] += 1
                else:
                    stats[f"{s or 'no-letter'} names dropped"] += 1
    return entities, kept, heldout, stats


def load_rule_examples(cases_dir, kept, cyr_index):
    pairs = collections.defaultdict(set)   # spelling -> ids
    stats = collections.Counter()
    for path in sorted(glob.glob(os.path.join(cases_dir, "*.tsv"))):
        if os.path.basename(path).startswith("skeleton"):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 2:
                    continue
                src = unicodedata.normalize("NFC", cols[0])
                expected = unicodedata.normalize("NFC", cols[1])
                stats["case rows"] += 1
                ids = cyr_index.get(src.casefold())
                if not ids:
                    stats["input not a Cyrillic name of a UA/RU/BY city (skipped)"] += 1
                    continue
                if any(fold(expected) == fold(kept[i]["label"]) for i in ids):
                    stats["expected equals label after folding (skipped)"] += 1
                    continue
                pairs[expected] |= ids
    stats["distinct spellings evaluated"] = len(pairs)
    return sorted(pairs.items()), stats


def cyrillic_index(pack_dir):
    idx = collections.defaultdict(set)
    for row in read_tsv(os.path.join(pack_dir, "names.tsv")):
        if script_of(row["name"]) == "cyrillic":
            idx[unicodedata.normalize("NFC", row["name"]).casefold()].add(row["id"])
    return idx


def common_words(path, min_zipf):
    """{term: (lang list, max zipf, case)} for lowercase and Title-case forms."""
    words = {}
    with open(path, encoding="utf-8") as f:
        header = None
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                continue
            row = dict(zip(header, cols))
            if row["lang"] not in ("en", "ru", "uk") or float(row["zipf"]) < min_zipf:
                continue
            z = float(row["zipf"])
            for form, case in ((row["word"], "lower"), (title(row["word"]), "Title")):
                langs, zz, c = words.get(form, ([], 0.0, case))
                if row["lang"] not in langs:
                    langs = langs + [row["lang"]]
                words[form] = (langs, max(zz, z), c)
    return words


def foreign_labels(entities):
    """{label: (population, id, country)} of Latin-script labels outside UA/RU/BY/MD."""
    out = {}
    for eid, e in entities.items():
        if e["country"] in EXCLUDED_FOREIGN or script_of(e["label"]) != "latin":
            continue
        pop = int(e["population"] or 0)
        if e["label"] not in out or pop > out[e["label"]][0]:
            out[e["label"]] = (pop, eid, e["country"])
    return out


# ---------------------------------------------------------------- lookup and scoring

def run_lookup(canonym, pack, terms, limit):
    payload = "".join(t + "\n" for t in terms)
    start = time.monotonic()
    proc = subprocess.run([canonym, "lookup", "--pack", pack, "--limit", str(limit)],
                          input=payload.encode("utf-8"), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    elapsed = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit(f"canonym lookup failed ({proc.returncode}): {proc.stderr.decode()[:2000]}")
    lines = proc.stdout.decode("utf-8").splitlines()
    if len(lines) != len(terms):
        sys.exit(f"expected {len(terms)} output lines, got {len(lines)}")
    results = {}
    for term, line in zip(terms, lines):
        obj = json.loads(line)
        if obj["input"] != term:
            sys.exit(f"output out of order: {obj['input']!r} for {term!r}")
        results[term] = obj["matches"]
    return results, elapsed


def top_set(matches, max_level=None):
    """(top level, [ids at the top score]) considering only levels <= max_level."""
    ms = [m for m in matches if max_level is None or RANK[m["method"]] <= RANK[max_level]]
    if not ms:
        return None, []
    best = max(m["score"] for m in ms)
    top = [m for m in ms if m["score"] == best]
    return top[0]["method"], [m["id"] for m in top]


def judge(matches, expected, max_level=None):
    level, ids = top_set(matches, max_level)
    if level is None:
        return "unresolved", None
    hit = [i for i in ids if i in expected]
    if not hit:
        return "wrong", level
    if len(ids) == 1:
        return "correct", level
    return "tied", level


# ---------------------------------------------------------------- reports

def pct(n, d):
    return f"{100.0 * n / d:.1f}%" if d else "–"


def md_table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def recall_report(title_, items, results):
    """items: [(spelling, expected id set)]."""
    n = len(items)
    lines = [f"### {title_}", "", f"{n} spellings. Outcome by the level of the top match "
             "(correct: top-1 is the expected entity alone at the top score; tied: expected "
             "entity among several at the top score; wrong: the top score holds only other "
             "entities).", ""]
    per = collections.Counter()
    tied_first = 0
    for term, exp in items:
        outcome, level = judge(results[term], exp)
        per[(level, outcome)] += 1
        if outcome == "tied" and results[term][0]["id"] in exp:
            tied_first += 1
    rows = []
    for lv in LEVELS:
        c, t, w = per[(lv, "correct")], per[(lv, "tied")], per[(lv, "wrong")]
        if c + t + w:
            rows.append([lv, c, t, w, pct(c, n), pct(w, n)])
    u = per[(None, "unresolved")]
    rows.append(["unresolved", f"{u} ({pct(u, n)})", "", "", "", ""])
    lines.append(md_table(["top-1 level", "correct", "tied", "wrong", "correct %", "wrong %"], rows))
    lines += ["", f"Tied cases where population order put the expected entity first: {tied_first}.", ""]

    cum_rows = []
    ladders = [("exact+folded", "folded"), ("+inflected", "inflected"), ("+romanized", "romanized"),
               ("+skeleton", "skeleton"), ("+fuzzy", "fuzzy")]
    cum = {}
    for name, lv in ladders:
        cnt = collections.Counter(judge(results[t], e, lv)[0] for t, e in items)
        cum[lv] = cnt
        resolved = cnt["correct"] + cnt["tied"] + cnt["wrong"]
        cum_rows.append([name, cnt["correct"], cnt["tied"], cnt["wrong"], cnt["unresolved"],
                         pct(cnt["correct"], n), pct(cnt["correct"] + cnt["tied"], n),
                         pct(cnt["wrong"], n), pct(cnt["wrong"], resolved)])
    lines.append("Cumulative (levels up to and including the row's):")
    lines.append("")
    lines.append(md_table(["levels", "correct", "tied", "wrong", "unresolved", "recall (correct)",
                           "recall (+tied)", "wrong / all", "wrong / resolved"], cum_rows))
    lines.append("")
    return "\n".join(lines), {"per_level": {f"{k[0]}:{k[1]}": v for k, v in per.items()},
                              "cumulative": {k: dict(v) for k, v in cum.items()},
                              "tied_expected_first": tied_first, "n": n}


def false_hit_report(title_, terms, results, describe, sort_key, exact_note=False, top=20):
    n = len(terms)
    per = collections.Counter()
    hits = []
    for t in terms:
        ms = results[t]
        if ms:
            per[ms[0]["method"]] += 1
            hits.append(t)
    rows = []
    cum = 0
    for lv in LEVELS:
        cum += per[lv]
        if per[lv] or lv in ("exact", "folded", "romanized", "skeleton", "fuzzy"):
            rows.append([lv, per[lv], pct(per[lv], n), cum, pct(cum, n)])
    total = sum(per.values())
    lines = [f"### {title_}", "", f"{n} terms; {total} with any match ({pct(total, n)}).", "",
             md_table(["top-1 level", "terms hit", "% of terms", "cumulative", "cumulative %"], rows), ""]
    listed = hits
    if exact_note:
        non_exact = [t for t in hits if results[t][0]["method"] != "exact"]
        lines.append(f"Exact-level hits (often genuine namesakes): {per['exact']}; "
                     f"hits at folded or looser levels: {len(non_exact)} ({pct(len(non_exact), n)}).")
        lines.append("")
        listed = non_exact
    listed = sorted(listed, key=sort_key)[:top]
    trows = []
    for t in listed:
        m = results[t][0]
        more = f" (+{len(results[t]) - 1})" if len(results[t]) > 1 else ""
        trows.append([t, describe(t), f"{m['label']} ({m['id']}){more}", m["method"]])
    lines.append(f"Top {len(trows)}" + (" non-exact" if exact_note else "") + " hits:")
    lines.append("")
    lines.append(md_table(["term", "about the term", "top match", "level"], trows))
    lines.append("")
    return "\n".join(lines), {"per_level": dict(per), "n": n, "hit": total}


def wrong_report(items, results, kept, levels=("skeleton", "fuzzy"), top=15):
    groups = collections.defaultdict(list)
    for term, exp in items:
        outcome, level = judge(results[term], exp)
        if outcome == "wrong" and level in levels:
            got = results[term][0]
            key = (level, got["id"], tuple(sorted(exp)))
            groups[key].append(term)

    def lab(i):
        e = kept.get(i)
        return f"{e['label']} ({e['country']}, {int(e['population'] or 0):,})" if e else i

    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), RANK[kv[0][0]], kv[1][0]))
    total = sum(len(v) for v in groups.values())
    lines = ["### Wrong answers at skeleton/fuzzy levels (held-out gazetteer variants)", "",
             f"{total} wrong answers at these levels in {len(groups)} (got, expected) groups. "
             f"Per level, the {top} largest groups (then by input):", ""]
    for level in levels:
        rows = []
        for (lv, got, exp), terms in [kv for kv in ordered if kv[0][0] == level][:top]:
            rows.append([", ".join(terms[:4]) + (" …" if len(terms) > 4 else ""), lab(got),
                         " / ".join(lab(i) for i in exp), len(terms)])
        n_level = sum(len(v) for k, v in groups.items() if k[0] == level)
        lines += [f"{level}: {n_level} wrong", "",
                  md_table(["input", "got", "expected", "n"], rows), ""]
    return "\n".join(lines), [{"level": k[0], "got": k[1], "expected": list(k[2]), "inputs": v}
                              for k, v in ordered]


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--canonym", default=os.path.join(ROOT, ".build", "release", "canonym"))
    ap.add_argument("--cities", default=os.path.join(ROOT, "Lexicons", "cities"))
    ap.add_argument("--cases", default=os.path.join(ROOT, "Tools", "rules-check", "cases"))
    ap.add_argument("--words", default=os.path.join(ROOT, "Sources", "Canonym", "Resources",
                                                    "guards", "common-words.tsv"))
    ap.add_argument("--pack-dir", default="/tmp/canonym-romanization-eval-pack",
                    help="where to write the reduced pack (default: %(default)s)")
    ap.add_argument("--min-zipf", type=float, default=4.0)
    ap.add_argument("--limit", type=int, default=100, help="--limit passed to canonym lookup")
    ap.add_argument("--json", metavar="FILE", help="write raw results (every lookup, outcome) here")
    args = ap.parse_args()
    if not os.access(args.canonym, os.X_OK):
        sys.exit(f"no canonym binary at {args.canonym}: run `swift build -c release` first")

    t0 = time.monotonic()
    entities, kept, heldout, pack_stats = build_reduced_pack(args.cities, args.pack_dir)
    cyr = cyrillic_index(args.pack_dir)
    rule_items, rule_stats = load_rule_examples(args.cases, kept, cyr)

    # Held-out items: one per distinct spelling; expected = every entity it is a variant of.
    exp_by_spelling = collections.defaultdict(set)
    for s, eid in heldout:
        exp_by_spelling[s].add(eid)
    held_items = sorted(exp_by_spelling.items())
    multi = sum(1 for _, e in held_items if len(e) > 1)
    label_folds = collections.defaultdict(set)
    for eid, e in kept.items():
        label_folds[fold(e["label"])].add(eid)
    other_label = sum(1 for s, e in held_items if label_folds.get(fold(s), set()) - e)

    words = common_words(args.words, args.min_zipf)
    foreign = foreign_labels(entities)

    terms = list(dict.fromkeys([s for s, _ in held_items] + [s for s, _ in rule_items]
                               + list(words) + list(foreign)))
    results, lookup_secs = run_lookup(args.canonym, args.pack_dir, terms, args.limit)

    out = ["# Romanization evaluation", "",
           f"Binary: `{os.path.relpath(args.canonym, ROOT)}`; reduced pack: `{args.pack_dir}` "
           f"({pack_stats['entities']} UA/RU/BY cities, label + {pack_stats['cyrillic names kept']} "
           f"Cyrillic names). {len(terms)} distinct terms in one `canonym lookup` process: "
           f"{lookup_secs:.1f} s.", ""]
    out.append(md_table(["reduced pack / held-out set", "count"],
                        [[k, v] for k, v in sorted(pack_stats.items())]
                        + [["distinct held-out spellings", len(held_items)],
                           ["… variant of more than one entity", multi],
                           ["… equal (folded) to the label of another entity in the pack", other_label]]))
    out.append("")

    raw = {"terms": len(terms), "lookup_seconds": lookup_secs, "pack_stats": dict(pack_stats)}
    text, raw["heldout"] = recall_report("Held-out gazetteer variants (GeoNames Latin names of UA/RU/BY cities)",
                                         held_items, results)
    out.append(text)
    text, raw["rule_examples"] = recall_report(
        "Rule examples (not independent: the rule files were written from them)", rule_items, results)
    out.append(md_table(["rule cases", "count"], [[k, v] for k, v in sorted(rule_stats.items())]))
    out.append("")
    out.append(text)
    text, raw["wrong_skeleton_fuzzy"] = wrong_report(held_items, results, kept)
    out.append(text)

    word_terms = list(words)
    text, raw["common_words"] = false_hit_report(
        f"False hits: common words (en, ru, uk; zipf >= {args.min_zipf}; lowercase and Title-case)",
        word_terms, results,
        describe=lambda t: f"{'/'.join(words[t][0])} {words[t][1]:.2f} {words[t][2]}",
        sort_key=lambda t: (-words[t][1], t))
    out.append(text)
    for case in ("lower", "Title"):
        sub = [t for t in word_terms if words[t][2] == case]
        per = collections.Counter(results[t][0]["method"] for t in sub if results[t])
        out.append(f"- {case}: {len(sub)} terms, {sum(per.values())} hit "
                   f"({pct(sum(per.values()), len(sub))}): "
                   + ", ".join(f"{lv} {per[lv]}" for lv in LEVELS if per[lv]))
    out.append("")

    foreign_terms = list(foreign)
    text, raw["foreign_cities"] = false_hit_report(
        "False hits: foreign city names (Latin labels of cities outside UA/RU/BY/MD)",
        foreign_terms, results,
        describe=lambda t: f"{foreign[t][2]}, {foreign[t][0]:,}",
        sort_key=lambda t: (-foreign[t][0], t), exact_note=True)
    out.append(text)
    out.append(f"Total runtime: {time.monotonic() - t0:.1f} s.")
    print("\n".join(out))

    if args.json:
        records = []
        for t, e in held_items:
            records.append({"set": "heldout", "input": t, "expected": sorted(e),
                            "outcome": judge(results[t], e)[0], "matches": results[t]})
        for t, e in rule_items:
            records.append({"set": "rule_examples", "input": t, "expected": sorted(e),
                            "outcome": judge(results[t], e)[0], "matches": results[t]})
        for t in word_terms:
            records.append({"set": "common_words", "input": t, "langs": words[t][0],
                            "zipf": words[t][1], "matches": results[t]})
        for t in foreign_terms:
            records.append({"set": "foreign_cities", "input": t, "id": foreign[t][1],
                            "country": foreign[t][2], "population": foreign[t][0],
                            "matches": results[t]})
        raw["records"] = records
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(raw, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
