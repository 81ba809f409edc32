#!/usr/bin/env python3
"""Canonym scorecard: precision, recall and F1 on the hand-written gold set, and false
mentions per 10,000 words on place-free text. Python 3 standard library only.

    score.py [--canonym BIN] [--pack DIR ...] [--no-guards] [--lang en,ru] [--errors N] [--json FILE]
        Feed each gold paragraph as one line to `canonym tag`; a prediction is correct when its
        span AND id equal a gold mention's. Prints P/R/F1 per language and overall, TP/FP per
        predicted method (fold level), trap hits per kind and the list of errors.

    score.py placefree [--canonym BIN] [--pack DIR ...] [--no-guards] [--workdir DIR]
                       [--corpus FILE] [--rebuild] [--top N] [--json FILE]
        Assemble the place-free corpus from this system's git documentation into WORKDIR
        (default /tmp/canonym-placefree), tag it and print words, mentions, mentions per
        10,000 words and the top hits (every hit there counts as false).

--json FILE writes the metrics as JSON (`-` for standard output, which then carries only the
JSON). The exit status is 0 whenever scoring ran; 2 if canonym could not be run or the gold
set is inconsistent with the lexicon.
"""

import argparse
import collections
import glob
import hashlib
import json
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # keep Tools/scorecard free of __pycache__
import gold  # noqa: E402

DEFAULT_CANONYM = os.path.join(gold.REPO, ".build", "release", "canonym")


# ---------------------------------------------------------------- running canonym

def run_tag(args, text):
    """Run `canonym tag` on TEXT (lines = documents); return the parsed mentions."""
    cmd = [args.canonym, "tag"]
    for p in args.pack or []:
        cmd += ["--pack", p]
    if args.no_guards:
        cmd.append("--no-guards")
    if not os.access(args.canonym, os.X_OK):
        raise SystemExit(f"score.py: {args.canonym} is not an executable; build it with "
                         f"`swift build -c release` in {gold.REPO} or pass --canonym")
    proc = subprocess.run(cmd, input=text.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        print(f"score.py: {' '.join(cmd)} exited with status {proc.returncode}", file=sys.stderr)
        sys.exit(2)
    out = []
    for line in proc.stdout.decode("utf-8").splitlines():
        if line.strip():
            mention = json.loads(line)
            # The gold set annotates places. A mention of a person (the default lexicon's people
            # pack shadows places such as Vladimir in "Vladimir Putin") is not a place mention and
            # not a false place: it is set aside, and counted in the report.
            if mention["id"].startswith("person:"):
                PEOPLE_SET_ASIDE[0] += 1
                continue
            out.append(mention)
    return out, " ".join(cmd)


PEOPLE_SET_ASIDE = [0]


# ---------------------------------------------------------------- gold scoring

def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def overlaps(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"]


def score_doc(doc, preds):
    """Classify one paragraph's predictions. Returns (records, counts)."""
    gold_m = doc["mentions"]
    matched_gold, matched_pred = set(), set()
    errors = []
    tp_by_method = collections.Counter()
    fp_by_method = collections.Counter()
    # 1. exact span and id
    for i, p in enumerate(preds):
        for j, g in enumerate(gold_m):
            if j not in matched_gold and p["start"] == g["start"] and p["end"] == g["end"] and p["id"] == g["id"]:
                matched_gold.add(j)
                matched_pred.add(i)
                tp_by_method[p.get("method", "?")] += 1
                break
    wrong_id = boundary = 0
    # 2. exact span, other id
    for i, p in enumerate(preds):
        if i in matched_pred:
            continue
        for j, g in enumerate(gold_m):
            if j not in matched_gold and p["start"] == g["start"] and p["end"] == g["end"]:
                matched_gold.add(j)
                matched_pred.add(i)
                wrong_id += 1
                fp_by_method[p.get("method", "?")] += 1
                errors.append({"type": "wrong id", "pred": p, "gold": g})
                break
    # 3. everything else: boundary (overlaps a gold mention), trap hit, or plain false
    for i, p in enumerate(preds):
        if i in matched_pred:
            continue
        fp_by_method[p.get("method", "?")] += 1
        over = [g for g in gold_m if overlaps(p, g)]
        trap = next((t for t in doc["traps"] if overlaps(p, t)), None)
        if over:
            boundary += 1
            errors.append({"type": "boundary", "pred": p, "gold": over[0], "same_id": over[0]["id"] == p["id"]})
        else:
            errors.append({"type": "false", "pred": p, "trap": trap})
    for j, g in enumerate(gold_m):
        if j in matched_gold:
            continue
        if any(overlaps(p, g) for p in preds):
            continue  # already reported as a boundary error
        errors.append({"type": "missed", "gold": g})
    tp = sum(tp_by_method.values())
    fn = len(gold_m) - tp  # missed, boundary-affected and wrong-id gold mentions
    fp = len(preds) - tp
    # span-only view (ignoring ids)
    span_tp = sum(1 for g in gold_m if any(p["start"] == g["start"] and p["end"] == g["end"] for p in preds))
    trap_hits = collections.Counter()
    for t in doc["traps"]:
        if any(overlaps(p, t) for p in preds):
            trap_hits[t["kind"]] += 1
    for e in errors:
        e["doc"] = doc["id"]
    return errors, {
        "tp": tp, "fp": fp, "fn": fn, "wrong_id": wrong_id, "boundary": boundary,
        "gold": len(gold_m), "pred": len(preds), "span_tp": span_tp,
        "tp_by_method": tp_by_method, "fp_by_method": fp_by_method,
        "traps": collections.Counter(t["kind"] for t in doc["traps"]), "trap_hits": trap_hits,
    }


def add(acc, c):
    for k, v in c.items():
        if isinstance(v, collections.Counter):
            acc.setdefault(k, collections.Counter()).update(v)
        else:
            acc[k] = acc.get(k, 0) + v


def summarize(c):
    p, r, f = prf(c["tp"], c["fp"], c["fn"])
    sp, sr, sf = prf(c["span_tp"], c["pred"] - c["span_tp"], c["gold"] - c["span_tp"])
    return {
        "paragraphs": c.get("paragraphs", 0), "gold": c["gold"], "predicted": c["pred"],
        "tp": c["tp"], "fp": c["fp"], "fn": c["fn"], "wrong_id": c["wrong_id"], "boundary": c["boundary"],
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
        "span_only": {"precision": round(sp, 4), "recall": round(sr, 4), "f1": round(sf, 4)},
        "tp_by_method": dict(sorted(c["tp_by_method"].items())),
        "fp_by_method": dict(sorted(c["fp_by_method"].items())),
        "traps": {k: {"total": c["traps"][k], "hit": c["trap_hits"].get(k, 0)} for k in sorted(c["traps"])},
    }


def context(text, s, e, width=35):
    a, b = max(0, s - width), min(len(text), e + width)
    return ("…" if a else "") + text[a:s] + "⟦" + text[s:e] + "⟧" + text[e:b] + ("…" if b < len(text) else "")


def label_of(entities, i):
    row = entities.get(i)
    return row["label"] if row else "?"


def format_error(e, docs_by_id, entities):
    text = docs_by_id[e["doc"]]["text"]
    t = e["type"]
    if t == "missed":
        g = e["gold"]
        head = f"MISSED    {e['doc']}  {g['text']!r} [{g['start']}:{g['end']}]  gold {g['id']} ({label_of(entities, g['id'])})"
        s, en = g["start"], g["end"]
    else:
        p = e["pred"]
        pred = f"{p['id']} ({p.get('label')}, {p.get('method')} {p.get('score')})"
        s, en = p["start"], p["end"]
        if t == "wrong id":
            g = e["gold"]
            head = f"WRONG ID  {e['doc']}  {p['text']!r} [{s}:{en}]  → {pred}; gold {g['id']} ({label_of(entities, g['id'])})"
        elif t == "boundary":
            g = e["gold"]
            head = (f"BOUNDARY  {e['doc']}  {p['text']!r} [{s}:{en}]  → {pred}; gold {g['text']!r} "
                    f"[{g['start']}:{g['end']}] {g['id']} ({label_of(entities, g['id'])})")
        else:
            trap = e.get("trap")
            why = f"  [trap: {trap['kind']}]" if trap else ""
            head = f"FALSE     {e['doc']}  {p['text']!r} [{s}:{en}]  → {pred}{why}"
    return head + "\n          " + context(text, s, en)


def cmd_gold(args):
    langs = [l for l in args.lang.split(",")] if args.lang else list(gold.LANGS)
    entities, _, _ = gold.load_lexicon()
    docs = gold.load_gold(langs=langs)
    problems = gold.validate(docs, entities)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print("score.py: the gold set is inconsistent; run build_gold.py", file=sys.stderr)
        return 2
    text = "".join(d["text"] + "\n" for d in docs)
    t0 = time.time()
    preds, cmdline = run_tag(args, text)
    elapsed = time.time() - t0
    by_line = collections.defaultdict(list)
    for p in preds:
        by_line[p["line"]].append(p)
    per_lang, overall, all_errors = {}, {}, []
    for n, doc in enumerate(docs, 1):
        errors, c = score_doc(doc, sorted(by_line.get(n, []), key=lambda p: p["start"]))
        c["paragraphs"] = 1
        add(per_lang.setdefault(doc["lang"], {}), c)
        add(overall, c)
        all_errors.extend(errors)
    report = {
        "command": cmdline, "seconds": round(elapsed, 2),
        "languages": {l: summarize(per_lang[l]) for l in langs if l in per_lang},
        "overall": summarize(overall),
        "errors": [
            {k: v for k, v in e.items()} for e in all_errors
        ],
    }
    out = sys.stdout if args.json != "-" else sys.stderr
    if args.json != "-":
        print_gold_report(report, docs, entities, all_errors, args, out)
    if args.json:
        data = json.dumps(report, ensure_ascii=False, indent=1)
        if args.json == "-":
            print(data)
        else:
            with open(args.json, "w", encoding="utf-8") as f:
                f.write(data + "\n")
            print(f"\nmetrics written to {args.json}", file=out)
    return 0


def print_gold_report(report, docs, entities, errors, args, out):
    w = lambda s="": print(s, file=out)
    w(f"Canonym scorecard — gold set ({len(docs)} paragraphs)")
    w(f"command: {report['command']}  ({report['seconds']} s)")
    w()
    w(f"{'lang':<8}{'paras':>6}{'gold':>6}{'pred':>6}{'TP':>6}{'FP':>6}{'FN':>6}{'wrongid':>8}{'bound':>6}"
      f"{'P':>8}{'R':>8}{'F1':>8}   span-only P/R")
    rows = list(report["languages"].items()) + [("overall", report["overall"])]
    for name, s in rows:
        w(f"{name:<8}{s['paragraphs']:>6}{s['gold']:>6}{s['predicted']:>6}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}"
          f"{s['wrong_id']:>8}{s['boundary']:>6}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}"
          f"   {s['span_only']['precision']:.3f}/{s['span_only']['recall']:.3f}")
    w()
    w("By predicted method (fold level): TP, FP, precision; 'recall share' = TP / all gold mentions")
    methods = sorted(set(report["overall"]["tp_by_method"]) | set(report["overall"]["fp_by_method"]))
    langs = list(report["languages"])
    w(f"{'method':<12}{'TP':>6}{'FP':>6}{'P':>8}{'recall share':>14}   " + "  ".join(f"{l} TP/FP" for l in langs))
    g = report["overall"]["gold"]
    for m in methods:
        tp = report["overall"]["tp_by_method"].get(m, 0)
        fp = report["overall"]["fp_by_method"].get(m, 0)
        per = "  ".join(f"{report['languages'][l]['tp_by_method'].get(m, 0):>4}/{report['languages'][l]['fp_by_method'].get(m, 0):<4}"
                        for l in langs)
        w(f"{m:<12}{tp:>6}{fp:>6}{(tp / (tp + fp) if tp + fp else 0):>8.3f}{(tp / g if g else 0):>14.3f}   {per}")
    w()
    w("Traps (non-mentions) hit by a prediction, per kind: hit/total")
    for l, s in rows:
        w(f"  {l:<8}" + "  ".join(f"{k} {v['hit']}/{v['total']}" for k, v in s["traps"].items()))
    w()
    order = {"wrong id": 0, "boundary": 1, "false": 2, "missed": 3}
    shown = sorted(errors, key=lambda e: (order[e["type"]], e["doc"],
                                          (e.get("pred") or e.get("gold"))["start"]))
    counts = collections.Counter(e["type"] for e in errors)
    w(f"Errors: {counts.get('wrong id', 0)} wrong id, {counts.get('boundary', 0)} boundary, "
      f"{counts.get('false', 0)} false, {counts.get('missed', 0)} missed")
    limit = None if args.errors in (None, "all") else int(args.errors)
    docs_by_id = {d["id"]: d for d in docs}
    for e in shown[:limit]:
        w(format_error(e, docs_by_id, entities))
    if limit is not None and len(shown) > limit:
        w(f"… {len(shown) - limit} more (--errors all)")


# ---------------------------------------------------------------- place-free corpus

MAN_GLOBS = ["/usr/share/man/man1/git*.1.gz", "/usr/share/man/man5/git*.5.gz", "/usr/share/man/man7/git*.7.gz"]
RELNOTES_GLOB = "/usr/share/doc/git/RelNotes/*.txt"
OVERSTRIKE = re.compile(r".\x08")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
BULLET = re.compile(r"^\s*(?:[*\-•·]|\d+\.)\s+")
WORD = re.compile(r"\w*[^\W\d_]\w*")


def reflow(text):
    """Join wrapped lines into paragraphs (blank line or bullet = new paragraph), one a line."""
    paras, cur = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if cur:
                paras.append(cur)
            cur = ""
            continue
        if cur and BULLET.match(raw):
            paras.append(cur)
            cur = ""
        if not cur:
            cur = line
        elif re.search(r"[^\W\d_]-$", cur) and line[:1].isalpha():
            cur += line  # a break after a hyphen inside a compound (git-\nsparse-checkout)
        else:
            cur += " " + line
    if cur:
        paras.append(cur)
    return [re.sub(r"[ \t]+", " ", p) for p in paras]


def render_man(path):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", MANWIDTH="80")
    env.pop("MAN_KEEP_FORMATTING", None)
    proc = subprocess.run(["man", "-E", "UTF-8", "-l", path], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL)
    text = proc.stdout.decode("utf-8", "replace")
    prev = None
    while prev != text:
        prev, text = text, OVERSTRIKE.sub("", text)
    return ANSI.sub("", text)


def package_version(pkg):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL).stdout.decode().strip()
        return out or "?"
    except OSError:
        return "?"


def build_corpus(workdir):
    os.makedirs(workdir, exist_ok=True)
    man_files = sorted(f for g in MAN_GLOBS for f in glob.glob(g))
    rel_files = sorted(glob.glob(RELNOTES_GLOB))
    if not man_files or not rel_files:
        raise SystemExit("score.py: git's manual pages (package git-man) or release notes "
                         "(/usr/share/doc/git/RelNotes, package git) are missing")
    parts = {"git-man": [], "git-relnotes": []}
    for f in man_files:
        parts["git-man"].extend(reflow(render_man(f)))
    for f in rel_files:
        with open(f, encoding="utf-8", errors="replace") as fh:
            parts["git-relnotes"].extend(reflow(fh.read()))
    path = os.path.join(workdir, "corpus.txt")
    with open(path, "w", encoding="utf-8") as fh:
        for name in ("git-man", "git-relnotes"):
            for p in parts[name]:
                fh.write(p + "\n")
    manifest = {
        "sources": {
            "git-man": {"package": "git-man", "version": package_version("git-man"), "files": len(man_files),
                        "globs": MAN_GLOBS, "paragraphs": len(parts["git-man"])},
            "git-relnotes": {"package": "git", "version": package_version("git"), "files": len(rel_files),
                             "glob": RELNOTES_GLOB, "paragraphs": len(parts["git-relnotes"])},
        },
        "licence": "GPL-2.0 (git; /usr/share/doc/git/copyright, /usr/share/doc/git-man/copyright)",
        "lines_from": {"git-man": 1, "git-relnotes": len(parts["git-man"]) + 1},
    }
    with open(os.path.join(workdir, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=1)
    return path, manifest


def cmd_placefree(args):
    manifest = None
    if args.corpus:
        path = args.corpus
    else:
        path = os.path.join(args.workdir, "corpus.txt")
        mpath = os.path.join(args.workdir, "manifest.json")
        if args.rebuild or not (os.path.exists(path) and os.path.exists(mpath)):
            path, manifest = build_corpus(args.workdir)
        else:
            with open(mpath, encoding="utf-8") as fh:
                manifest = json.load(fh)
    with open(path, encoding="utf-8", errors="replace") as fh:
        text = fh.read()
    if not text.endswith("\n"):
        text += "\n"
    lines = text.split("\n")[:-1]
    words = sum(len(WORD.findall(l)) for l in lines)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    t0 = time.time()
    preds, cmdline = run_tag(args, text)
    elapsed = time.time() - t0
    hits = collections.Counter((p["text"], p["label"], p["id"], p.get("method")) for p in preds)
    by_method = collections.Counter(p.get("method") for p in preds)
    examples = {}
    for p in preds:
        key = (p["text"], p["label"], p["id"], p.get("method"))
        if key not in examples:
            examples[key] = context(lines[p["line"] - 1], p["start"], p["end"], 30)
    per10k = len(preds) / words * 10000 if words else 0.0
    sources = {}
    if manifest and manifest.get("lines_from"):
        starts = sorted((v, k) for k, v in manifest["lines_from"].items())
        def source_of(n):
            name = starts[0][1]
            for first, k in starts:
                if n >= first:
                    name = k
            return name
        for n, l in enumerate(lines, 1):
            src = sources.setdefault(source_of(n), {"words": 0, "mentions": 0})
            src["words"] += len(WORD.findall(l))
        for p in preds:
            sources[source_of(p["line"])]["mentions"] += 1
        for src in sources.values():
            src["per_10k_words"] = round(src["mentions"] / src["words"] * 10000, 3) if src["words"] else 0.0
    report = {
        "command": cmdline, "seconds": round(elapsed, 2), "corpus": path, "sha256": sha,
        "bytes": len(text.encode("utf-8")), "lines": len(lines), "words": words,
        "mentions": len(preds), "per_10k_words": round(per10k, 3),
        "by_method": dict(by_method.most_common()),
        "by_source": sources,
        "distinct": len(hits),
        "top": [{"text": k[0], "label": k[1], "id": k[2], "method": k[3], "count": n, "example": examples[k]}
                for k, n in hits.most_common(args.top)],
        "manifest": manifest,
    }
    if args.json != "-":
        w = print
        w("Canonym scorecard — place-free text (every mention counts as false)")
        w(f"command: {cmdline}  ({report['seconds']} s)")
        w(f"corpus:  {path}  ({report['bytes']:,} bytes, {len(lines):,} lines, sha256 {sha[:16]}…)")
        if manifest:
            for name, src in manifest["sources"].items():
                w(f"         {name}: {src['files']} files from package {src['package']} {src['version']}")
        w(f"words: {words:,}   mentions: {len(preds):,}   per 10,000 words: {per10k:.2f}")
        w("by method: " + ", ".join(f"{m} {n}" for m, n in by_method.most_common()))
        for name, src in sources.items():
            w(f"  {name}: {src['words']:,} words, {src['mentions']:,} mentions, {src['per_10k_words']:.2f} per 10,000 words")
        w(f"\nTop {args.top} false hits ({len(hits)} distinct):")
        w(f"{'count':>6}  {'text':<22} {'→ label':<28} {'method':<10} example")
        for h in report["top"]:
            w(f"{h['count']:>6}  {h['text']:<22} → {h['label'][:26]:<26} {h['method'] or '':<10} {h['example']}")
    if args.json:
        data = json.dumps(report, ensure_ascii=False, indent=1)
        if args.json == "-":
            print(data)
        else:
            with open(args.json, "w", encoding="utf-8") as f:
                f.write(data + "\n")
            print(f"\nmetrics written to {args.json}")
    return 0


# ---------------------------------------------------------------- command line

def common(ap):
    ap.add_argument("--canonym", default=DEFAULT_CANONYM, help=f"canonym binary (default {DEFAULT_CANONYM})")
    ap.add_argument("--pack", action="append", metavar="DIR", help="passed to canonym tag (repeatable)")
    ap.add_argument("--no-guards", action="store_true", help="pass --no-guards to canonym tag")
    ap.add_argument("--json", metavar="FILE", help="write the metrics as JSON to FILE (- for stdout)")


def main(argv):
    if argv[:1] == ["placefree"]:
        ap = argparse.ArgumentParser(prog="score.py placefree", description="False mentions per 10,000 words on place-free text.")
        common(ap)
        ap.add_argument("--workdir", default="/tmp/canonym-placefree", help="where the corpus is assembled")
        ap.add_argument("--corpus", help="use this text file instead (one document a line)")
        ap.add_argument("--rebuild", action="store_true", help="reassemble the corpus even if WORKDIR has it")
        ap.add_argument("--top", type=int, default=25, help="how many top hits to list (default 25)")
        return cmd_placefree(ap.parse_args(argv[1:]))
    ap = argparse.ArgumentParser(prog="score.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    common(ap)
    ap.add_argument("--lang", help="comma-separated languages (default en,ru,uk)")
    ap.add_argument("--errors", default="all", help="how many errors to list (default all)")
    return cmd_gold(ap.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
