#!/usr/bin/env python3
"""Canonym's speed benchmark: canonym tag with the world pack against its peers and floors.

    Tools/bench/bench.sh [--size 64MiB] [--seed 1] [--repeat 3] [--timeout 900] ...

(bench.sh makes the venv and installs ripgrep, then runs this file with the venv's Python.)
Steps: build the world pack and its names list (worldpack.py), generate the corpus
(corpus.py), run every tool on the same corpus and names (each run bounded by --timeout),
analyse canonym's mentions against the inserted ones, print the table with the previous
run's figures beside it, and record the run as results/<UTC timestamp>.json.
See README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import worldpack  # noqa: E402

WORK = HERE / "work"
RESULTS = HERE / "results"
PYTHON_PEERS = {"flashtext": "flashtext", "pyahocorasick": "ahocorasick", "ahocorasick-rs": "ahocorasick_rs"}
RG_FLAGS = ["--no-config", "-F", "--count-matches", "--no-filename", "--dfa-size-limit", "2G", "--regex-size-limit", "2G"]
UCONV_RULES = "Any-Latin; Latin-ASCII; Lower"
# Targets of issue 5 (checked in the benchmark, never as timed tests).
TARGET_VS_AHOCORASICK_RS = 15.0
TARGET_VS_WC = 0.75
TARGET_LOAD_S = 0.050
TARGET_PEAK_MIB = 150
TARGET_TWO_THREADS = 1.8
TARGET_COMPILE_S = 10.0


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------

def parse_size(text: str) -> int:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]i?B?|B)?\s*", text, re.IGNORECASE)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 64MiB, 8MiB, 500KiB)")
    unit = (m.group(2) or "B").upper()[0]
    return int(float(m.group(1)) * {"B": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[unit])


def human_size(n: int) -> str:
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= factor:
            return f"{n / factor:g} {unit}"
    return f"{n} B"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def machine() -> dict:
    info = {"cpu": platform.processor() or "?", "cores": os.cpu_count(), "kernel": f"{platform.system()} {platform.release()}"}
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=10).stdout
        fields = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
        fields = {k.strip(): v.strip() for k, v in fields.items()}
        info["cpu"] = fields.get("Model name", info["cpu"])
        info["cores"] = int(fields.get("CPU(s)", info["cores"]))
        if "Hypervisor vendor" in fields:
            info["hypervisor"] = fields["Hypervisor vendor"]
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    try:
        info["memory_gib"] = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / (1 << 30), 1)
    except (ValueError, OSError):
        pass
    return info


def machine_line(m: dict) -> str:
    extra = f", {m['hypervisor']} guest" if m.get("hypervisor") else ""
    mem = f", {m['memory_gib']} GiB RAM" if m.get("memory_gib") else ""
    return f"{m['cpu']}, {m['cores']} cores{mem}{extra}, {m['kernel']}"


def loadavg() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def git_state() -> dict:
    """Read-only: the commit and whether tracked files differ from it."""
    state = {}
    try:
        state["commit"] = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"],
                                         capture_output=True, text=True, timeout=10).stdout.strip() or None
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=30).stdout.strip()
        state["dirty"] = bool(dirty)
    except (OSError, subprocess.SubprocessError):
        pass
    return state


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def count_lines(path: Path) -> int:
    n = 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            n += block.count(b"\n")
    return n


HAVE_TIME = Path("/usr/bin/time").exists()


def timed(cmd, stdin_path, stdout_path, timeout, env=None, label="") -> dict:
    """Runs cmd once under /usr/bin/time -f %M: wall seconds (perf_counter around the whole
    process), peak RSS, exit status. Kills the process group when timeout passes."""
    log(f"run {label}: {' '.join(map(str, cmd))}")
    with tempfile.NamedTemporaryFile(dir=WORK, prefix="time-", suffix=".tmp", delete=False) as tf:
        time_file = tf.name
    err_path = WORK / "logs" / f"{re.sub(r'[^A-Za-z0-9.-]+', '_', label)}.stderr"
    err_path.parent.mkdir(parents=True, exist_ok=True)
    full = (["/usr/bin/time", "-f", "%M", "-o", time_file] if HAVE_TIME else []) + [str(c) for c in cmd]
    result = {"timed_out": False, "loadavg_before": loadavg()}
    with open(stdin_path, "rb") as fin, open(stdout_path, "wb") as fout, open(err_path, "wb") as ferr:
        start = time.perf_counter()
        proc = subprocess.Popen(full, stdin=fin, stdout=fout, stderr=ferr, env=env, start_new_session=True)

        def kill():
            result["timed_out"] = True
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        # A blocking wait with a timer for the timeout: Popen.wait(timeout=…) polls with growing
        # sleeps and would add up to tens of milliseconds to a short run.
        timer = threading.Timer(timeout, kill)
        timer.start()
        rc = proc.wait()
        result["wall_s"] = time.perf_counter() - start
        timer.cancel()
    result["rc"] = rc
    try:
        peak = Path(time_file).read_text().strip().splitlines()
        result["peak_kib"] = int(peak[-1]) if peak and peak[-1].isdigit() else None
    except OSError:
        result["peak_kib"] = None
    finally:
        Path(time_file).unlink(missing_ok=True)
    if rc != 0 or result["timed_out"]:
        tail = err_path.read_text(errors="replace").strip().splitlines()[-5:]
        result["stderr_tail"] = tail
    return result


MACHINE_CEILING_ROW = "two canonym --threads 1 processes side by side (one half each)"


def split_in_halves(path: Path) -> list:
    """Writes the two halves of a text file, split at the line end nearest the middle, beside
    it (once) and returns their paths."""
    halves = [path.with_suffix(".half1.txt"), path.with_suffix(".half2.txt")]
    if all(h.exists() and h.stat().st_mtime >= path.stat().st_mtime for h in halves):
        return halves
    data = path.read_bytes()
    middle = data.find(b"\n", len(data) // 2) + 1 or len(data)
    for h, part in zip(halves, (data[:middle], data[middle:])):
        tmp = h.with_suffix(".tmp")
        tmp.write_bytes(part)
        tmp.replace(h)
    return halves


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# ---------------------------------------------------------------------------------------
# canonym
# ---------------------------------------------------------------------------------------

def build_canonym() -> None:
    for attempt in range(1, 6):
        log(f"swift build -c release --product canonym (attempt {attempt})")
        p = subprocess.run(["swift", "build", "-c", "release", "--product", "canonym"], cwd=ROOT,
                           capture_output=True, text=True)
        if p.returncode == 0:
            return
        if "modified during the build" in (p.stdout + p.stderr):
            time.sleep(20)
            continue
        sys.stderr.write(p.stdout[-3000:] + p.stderr[-3000:])
        raise SystemExit("bench: swift build failed")
    raise SystemExit("bench: swift build kept failing (sources modified during the build)")


def snapshot_canonym(binary: Path) -> Path:
    """Copies the binary and its resource bundles beside it into work/bin, so that a rebuild
    during the run cannot change what is measured."""
    dest = WORK / "bin"
    if binary.resolve().parent == dest.resolve():
        return binary  # already a snapshot
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    shutil.copy2(binary, dest / binary.name)
    for bundle in binary.parent.glob("*.resources"):
        shutil.copytree(bundle, dest / bundle.name, symlinks=True)
    return dest / binary.name


def canonym_features(binary: Path) -> dict:
    def helps(args):
        try:
            p = subprocess.run([str(binary)] + args + ["--help"], capture_output=True, text=True, timeout=30)
            return p.returncode == 0, p.stdout + p.stderr
        except (OSError, subprocess.SubprocessError):
            return False, ""

    _, tag_help = helps(["tag"])
    compile_ok, compile_help = helps(["lexicon", "compile"])
    return {
        "threads": "--threads" in tag_help,
        "lexicon_compile": compile_ok and "compile" in compile_help.lower(),
    }


# ---------------------------------------------------------------------------------------
# Analysis of canonym's mentions against the inserted ones
# ---------------------------------------------------------------------------------------

def analyse(output: Path, truth_path: Path) -> dict:
    truth = {}
    by_line = defaultdict(list)
    with open(truth_path, encoding="utf-8") as f:
        next(f)
        for row in f:
            line, bs, be, entity_id, kind, text = row.rstrip("\n").split("\t")
            key = (int(line), int(bs), int(be))
            truth[key] = (entity_id, kind, text)
            by_line[key[0]].append((key[1], key[2]))
    found = set()
    exact = same_id = among_alternatives = partial = 0
    extra = Counter()
    extra_total = 0
    methods = Counter()
    with open(output, encoding="utf-8", errors="replace") as f:
        for row in f:
            m = json.loads(row)
            key = (m["line"], m["byte_start"], m["byte_end"])
            methods[m.get("method", "?")] += 1
            if key in truth:
                found.add(key)
                exact += 1
                entity_id = truth[key][0]
                if m["id"] == entity_id:
                    same_id += 1
                elif any(a.get("id") == entity_id for a in m.get("alternatives", [])):
                    among_alternatives += 1
                continue
            overlaps = [s for s in by_line.get(key[0], ()) if s[0] < key[2] and key[1] < s[1]]
            if overlaps:
                partial += 1
                for s in overlaps:
                    found.add((key[0],) + s)
            else:
                extra_total += 1
                extra[m["text"]] += 1
    missed = Counter()
    missed_by_kind = Counter()
    kinds = Counter()
    for key, (entity_id, kind, text) in truth.items():
        kinds[kind] += 1
        if key not in found:
            missed[(text, kind)] += 1
            missed_by_kind[kind] += 1
    inserted = len(truth)
    return {
        "inserted": inserted,
        "found_exact_span": exact,
        "found_exact_span_same_id": same_id,
        "found_exact_span_id_in_alternatives": among_alternatives,
        "overlapping_not_exact": partial,
        "extra_not_inserted": extra_total,
        "missed": inserted - len(found),
        "recall_exact_span": round(exact / inserted, 4) if inserted else None,
        "recall_by_kind": {k: round(1 - missed_by_kind[k] / n, 4) for k, n in sorted(kinds.items())},
        "methods": dict(methods.most_common()),
        "top_extra": extra.most_common(20),
        "top_missed": [[t, k, n] for (t, k), n in missed.most_common(15)],
    }


# ---------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=parse_size, default=64 << 20, help="corpus size (default 64MiB)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per tool; the median is reported (default 3)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds allowed for each run of each tool (default 900)")
    ap.add_argument("--canonym", type=Path, default=ROOT / ".build" / "release" / "canonym", help="canonym binary")
    ap.add_argument("--build", action="store_true", help="swift build -c release first (also done when the binary is missing)")
    ap.add_argument("--only", help="comma-separated tool names to run (canonym, flashtext, pyahocorasick, ahocorasick-rs, uconv, ripgrep, wc, cat)")
    ap.add_argument("--skip", default="", help="comma-separated tool names not to run")
    ap.add_argument("--no-cold", action="store_true", help="keep canonym's cache (skip the cold build measurement)")
    ap.add_argument("--no-record", action="store_true", help="do not write results/<timestamp>.json")
    ap.add_argument("--note", default="", help="free text stored with the result")
    args = ap.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (WORK / "out").mkdir(exist_ok=True)
    tools_all = ["canonym", "flashtext", "pyahocorasick", "ahocorasick-rs", "uconv", "ripgrep", "wc", "cat"]
    selected = [t for t in tools_all if (not args.only or t in args.only.split(",")) and t not in args.skip.split(",")]
    repeat = max(1, args.repeat)
    env = dict(os.environ, LC_ALL="C.UTF-8", PYTHONHASHSEED="0")
    env.pop("LANG", None)

    started = datetime.now(timezone.utc)
    mach = machine()
    load_before = loadavg()
    log(f"machine: {machine_line(mach)}; load average {load_before}")

    # 1. World pack and names list.
    log("building the world pack")
    pack = worldpack.build(WORK)
    entities = pack.pop("_entities")
    names_path = WORK / "world-names.txt"
    pack_dir = WORK / "world"
    with open(names_path, encoding="utf-8") as f:
        pack_names = {line.rstrip("\n") for line in f if line.rstrip("\n")}
    log(f"pack: {pack['entities']} entities, {pack['name_rows']} name rows, {pack['unique_names']} distinct names")

    # 2. Corpus.
    log(f"corpus: {human_size(args.size)}, seed {args.seed}")
    meta = corpus.generate(entities, pack_names, args.size, args.seed, WORK)
    corpus_path = Path(meta["paths"]["text"])
    truth_path = Path(meta["paths"]["truth"])
    nbytes = meta["bytes"]
    inserted = meta["inserted"]
    log(f"corpus: {nbytes} bytes, {meta['lines']} lines, {meta['words']} words, {inserted} place names inserted")
    empty = WORK / "empty.txt"
    empty.write_bytes(b"")
    devnull = Path(os.devnull)

    rows = {}  # name -> row dict
    notes = []

    def record(name, runs, mentions=None, load_s=None, extra=None):
        ok = [r for r in runs if r["rc"] == 0 and not r["timed_out"]]
        row = {
            "runs": [{k: v for k, v in r.items() if k != "stderr_tail"} for r in runs],
            "status": "ok" if len(ok) == len(runs) else ("timeout" if any(r["timed_out"] for r in runs) else "failed"),
            "wall_s": median([r["wall_s"] for r in ok]),
            "peak_mib": (max(r["peak_kib"] for r in ok if r.get("peak_kib")) / 1024) if any(r.get("peak_kib") for r in ok) else None,
            "load_s": load_s,
            "mentions": mentions,
        }
        if row["wall_s"]:
            row["mb_s"] = nbytes / 1e6 / row["wall_s"]
            if load_s is not None and row["wall_s"] > load_s and mentions is not None:
                row["mb_s_after_load"] = nbytes / 1e6 / (row["wall_s"] - load_s)
        if extra:
            row.update(extra)
        bad = [r for r in runs if r["rc"] != 0 or r["timed_out"]]
        if bad:
            r = bad[0]
            why = f"timed out after {args.timeout:g} s" if r["timed_out"] else f"exit {r['rc']}"
            notes.append(f"{name}: {why}: {' | '.join(r.get('stderr_tail') or [])}")
        rows[name] = row
        return row

    # The harness's own cost of starting a process and timing it (Python, /usr/bin/time, exec),
    # measured on `true`: subtracted from the load rows for the load target.
    launch = [timed(["true"], empty, devnull, args.timeout, env, f"launch-floor-{i}") for i in range(11)]
    record("process launch floor (`true`, same timing wrapper)", launch, load_s=median([r["wall_s"] for r in launch]))

    # 3. canonym.
    canonym_ref = None
    canonym_output = None
    canonym_sha = None
    features = {}
    if "canonym" in selected:
        binary = args.canonym
        if args.build or not binary.exists():
            build_canonym()
        if not binary.exists():
            notes.append(f"canonym: no binary at {binary}")
        else:
            binary = snapshot_canonym(binary)
            canonym_sha = sha256_file(binary)[:16]
            features = canonym_features(binary)
            cache_dir = WORK / "canonym-cache"
            cenv = dict(env, CANONYM_CACHE_DIR=str(cache_dir))
            base = [binary, "tag", "--pack", pack_dir]
            if not args.no_cold:
                shutil.rmtree(cache_dir, ignore_errors=True)
                cold = timed(base, empty, devnull, args.timeout, cenv, "canonym-cold")
                record("canonym: load, cold cache (builds the index)", [cold], load_s=cold["wall_s"])
            else:
                timed(base, empty, devnull, args.timeout, cenv, "canonym-warmup")
            loads = [timed(base, empty, devnull, args.timeout, cenv, f"canonym-load-{i}") for i in range(max(11, repeat))]
            load_row = record("canonym: load, warm (empty input)", loads, load_s=median([r["wall_s"] for r in loads]))
            if features.get("lexicon_compile"):
                # The tag runs below use the compiled file, as a deployment that ships one would.
                compiled = WORK / "world.cnmlex"
                compiled.unlink(missing_ok=True)
                r = timed([binary, "lexicon", "compile", pack_dir, "-o", compiled], empty, devnull, args.timeout, cenv,
                          "canonym-lexicon-compile")
                record("canonym lexicon compile (world pack)", [r], load_s=r["wall_s"])
                if r["rc"] == 0 and compiled.exists():
                    base = [binary, "tag", "--pack", compiled]
                    loads = [timed(base, empty, devnull, args.timeout, cenv, f"canonym-load-compiled-{i}")
                             for i in range(max(11, repeat))]
                    load_row = record("canonym: load compiled file (empty input)", loads,
                                      load_s=median([r["wall_s"] for r in loads]))
            variants = [("canonym tag", [])]
            if features.get("threads"):
                variants = [("canonym tag --threads 1", ["--threads", "1"]),
                            ("canonym tag --threads 2", ["--threads", "2"]),
                            ("canonym tag (default threads)", [])]
            digests = {}
            for name, extra_args in variants:
                out = WORK / "out" / (re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-") + ".jsonl")
                runs = [timed(base + extra_args, corpus_path, out, args.timeout, cenv, f"{name} #{i + 1}") for i in range(repeat)]
                ok = runs[-1]["rc"] == 0 and not runs[-1]["timed_out"]
                mentions = count_lines(out) if ok else None
                if ok:
                    digests[name] = sha256_file(out)
                record(name, runs, mentions=mentions, load_s=load_row["load_s"])
                if ok and canonym_ref is None:
                    canonym_ref, canonym_output = name, out
            if features.get("threads"):
                # The machine's own ceiling for two threads at this moment: two one-thread
                # processes, each on half the corpus, side by side. Shared vCPUs often give two
                # busy processes much less than twice one; the in-process ratio is judged
                # against this.
                halves = split_in_halves(corpus_path)
                pair = [None, None]

                def run_half(k):
                    pair[k] = timed(base + ["--threads", "1"], halves[k], devnull, args.timeout, cenv, f"canonym half {k + 1}")

                start = time.perf_counter()
                workers = [threading.Thread(target=run_half, args=(k,)) for k in range(2)]
                for w in workers:
                    w.start()
                for w in workers:
                    w.join()
                both = dict(pair[0], wall_s=time.perf_counter() - start,
                            rc=pair[0]["rc"] or pair[1]["rc"], timed_out=pair[0]["timed_out"] or pair[1]["timed_out"])
                record(MACHINE_CEILING_ROW, [both])
            if len(set(digests.values())) > 1:
                notes.append("canonym: outputs differ between thread settings: "
                             + ", ".join(f"{k}={v[:12]}" for k, v in digests.items()))
            elif len(digests) > 1:
                notes.append("canonym: output byte-identical across " + ", ".join(digests))

    # 4. Python peers.
    py = sys.executable
    for peer, module in PYTHON_PEERS.items():
        if peer not in selected:
            continue
        if importlib.util.find_spec(module) is None:
            rows[peer] = {"status": "missing"}
            notes.append(f"{peer}: not installed (pip install failed?)")
            continue
        runs, loads, mentions = [], [], None
        out = WORK / "out" / f"{peer}.json"
        for i in range(repeat):
            r = timed([py, HERE / "peers.py", peer, names_path, corpus_path], empty, out, args.timeout, env, f"{peer} #{i + 1}")
            runs.append(r)
            if r["rc"] == 0 and not r["timed_out"]:
                res = json.loads(out.read_text())
                loads.append(res["load_s"])
                mentions = res["mentions"]
        label = {"flashtext": "flashtext (extract_keywords, spans)",
                 "pyahocorasick": "pyahocorasick + word-boundary check",
                 "ahocorasick-rs": "ahocorasick-rs leftmost-longest + boundary"}[peer]
        record(label, runs, mentions=mentions, load_s=median(loads))

    # 5. Command-line peers and floors.
    if "uconv" in selected:
        if shutil.which("uconv"):
            runs = [timed(["uconv", "-x", UCONV_RULES], corpus_path, devnull, args.timeout, env, f"uconv #{i + 1}") for i in range(repeat)]
            record(f"uconv -x '{UCONV_RULES}'", runs)
        else:
            rows["uconv"] = {"status": "missing"}
    if "ripgrep" in selected:
        rg = shutil.which("rg")
        if rg:
            out = WORK / "out" / "rg.txt"
            load = timed([rg] + RG_FLAGS + ["-f", names_path, empty], empty, devnull, args.timeout, env, "rg-load")
            runs = [timed([rg] + RG_FLAGS + ["-f", names_path, corpus_path], empty, out, args.timeout, env, f"rg #{i + 1}")
                    for i in range(repeat)]
            # rg exits 1 when nothing matched
            for r in runs + [load]:
                if r["rc"] == 1:
                    r["rc"] = 0
            text = out.read_text().strip()
            record("rg -F -f names --count-matches", runs, mentions=int(text) if text.isdigit() else 0,
                   load_s=load["wall_s"] if load["rc"] == 0 else None)
        else:
            rows["ripgrep"] = {"status": "missing"}
            notes.append("ripgrep: not installed (apt-get install ripgrep failed?)")
    if "wc" in selected:
        out = WORK / "out" / "wc.txt"
        runs = [timed(["wc", "-w"], corpus_path, out, args.timeout, env, f"wc #{i + 1}") for i in range(repeat)]
        record("wc -w", runs, extra={"words": int(out.read_text().split()[0]) if runs[-1]["rc"] == 0 else None})
        # In the C locale GNU wc takes every non-ASCII byte for a non-word character (it
        # counts no Cyrillic word) and is several times faster: shown, not a target.
        cenv = dict(env, LC_ALL="C")
        runs = [timed(["wc", "-w"], corpus_path, out, args.timeout, cenv, f"wc-C #{i + 1}") for i in range(repeat)]
        record("wc -w (LC_ALL=C: ASCII words only)", runs,
               extra={"words": int(out.read_text().split()[0]) if runs[-1]["rc"] == 0 else None})
    if "cat" in selected:
        runs = [timed(["cat"], corpus_path, devnull, args.timeout, env, f"cat #{i + 1}") for i in range(repeat)]
        record("cat", runs)

    # 6. Analysis.
    analysis = None
    if canonym_output is not None:
        log(f"analysing {canonym_ref} output against the inserted names")
        analysis = analyse(canonym_output, truth_path)

    finished = datetime.now(timezone.utc)
    result = {
        "started": started.isoformat(timespec="seconds"),
        "finished": finished.isoformat(timespec="seconds"),
        "command": " ".join(["Tools/bench/bench.sh"] + sys.argv[1:]),
        "note": args.note,
        "machine": mach,
        "load_average": {"before": load_before, "after": loadavg()},
        "git": git_state(),
        "canonym": {"binary": str(args.canonym), "features": features,
                    "binary_sha256": canonym_sha,
                    "reference_row": canonym_ref},
        "pack": pack,
        "corpus": {k: v for k, v in meta.items() if k != "paths"},
        "settings": {"repeat": repeat, "timeout_s": args.timeout, "locale": "C.UTF-8", "rg_flags": RG_FLAGS},
        "rows": rows,
        "analysis": analysis,
        "notes": notes,
    }

    previous = load_previous()
    print_report(result, previous)

    if not args.no_record:
        stamp = started.strftime("%Y%m%dT%H%M%SZ")
        path = RESULTS / f"{stamp}.json"
        tmp = RESULTS / f"{stamp}.json.tmp"
        tmp.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(path)
        print(f"\nrecorded: {path.relative_to(ROOT)}")
    return 0


def load_previous():
    files = sorted(RESULTS.glob("*.json"))
    if not files:
        return None
    try:
        return json.loads(files[-1].read_text(encoding="utf-8")) | {"_file": files[-1].name}
    except (OSError, ValueError):
        return None


# ---------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------

def fmt(v, digits=1, unit=""):
    if v is None:
        return "–"
    if isinstance(v, float):
        if abs(v) >= 100:
            return f"{v:,.0f}{unit}"
        return f"{v:.{digits}f}{unit}"
    return f"{v:,}{unit}"


def fmt_time(s):
    if s is None:
        return "–"
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def print_report(result, previous):
    rows = result["rows"]
    corpus_meta = result["corpus"]
    inserted = corpus_meta["inserted"]
    ref_name = result["canonym"]["reference_row"]
    ref = rows.get(ref_name) if ref_name else None
    prev_rows = (previous or {}).get("rows", {})

    print()
    print(f"Canonym benchmark — {result['started']}  ({result['command']})")
    la = result["load_average"]
    print(f"machine: {machine_line(result['machine'])}; load average {fmt(la['before'], 2)} before the run, "
          f"{fmt(la['after'], 2)} after")
    git = result["git"]
    print(f"commit: {git.get('commit')}{' + uncommitted changes' if git.get('dirty') else ''}; "
          f"canonym binary sha256 {result['canonym']['binary_sha256']}")
    print(f"pack: {result['pack']['entities']:,} cities (GeoNames cities15000 via {result['pack']['source'].split(' (')[0]}), "
          f"{result['pack']['name_rows']:,} name rows, {result['pack']['unique_names']:,} distinct names")
    kinds = ", ".join(f"{k} {v:,}" for k, v in corpus_meta["inserted_by_kind"].items())
    print(f"corpus: {corpus_meta['bytes']:,} bytes ({human_size(corpus_meta['bytes'])}), {corpus_meta['lines']:,} lines, "
          f"{corpus_meta['words']:,} words, seed {corpus_meta['seed']}; inserted place names: {inserted:,} ({kinds}; "
          f"{corpus_meta['inserted_per_1000_words']} per 1,000 words)")
    busy = result["load_average"]["before"]
    if busy is not None and busy > 0.5:
        print(f"WARNING: the machine was busy (load average {busy:.2f} on {result['machine']['cores']} cores "
              f"before the run): timings are inflated and noisy")
    print(f"each figure: median of {result['settings']['repeat']} runs, whole process, locale C.UTF-8; "
          f"each run bounded by {result['settings']['timeout_s']:g} s")
    if previous:
        pc = previous.get("corpus", {})
        same = pc.get("bytes") == corpus_meta["bytes"] and pc.get("seed") == corpus_meta["seed"]
        print(f"previous: {previous['_file']} (commit {previous.get('git', {}).get('commit')}"
              f"{', same corpus' if same else ', DIFFERENT corpus: ' + human_size(pc.get('bytes', 0))})")
    print()
    header = ["tool", "MB/s", "MB/s after load", "wall", "load", "peak MiB", "mentions", "found/inserted",
              "canonym ÷ tool", "prev MB/s", "prev mentions"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" + "---:|" * (len(header) - 1))
    for name, row in rows.items():
        if row.get("status") == "missing":
            print(f"| {name} | missing |" + " |" * (len(header) - 2))
            continue
        prev = prev_rows.get(name, {})
        mentions = row.get("mentions")
        ratio = f"{mentions / inserted:.2f}" if mentions is not None and inserted else "–"
        vs = "–"
        if ref and ref.get("mb_s") and row.get("mb_s") and "load" not in name and "compile" not in name:
            vs = f"{ref['mb_s'] / row['mb_s']:.3g}×"
        status = "" if row.get("status") == "ok" else f" ({row.get('status')})"
        is_load_row = "load" in name or "compile" in name
        print("| " + " | ".join([
            name + status,
            "–" if is_load_row else fmt(row.get("mb_s")),
            fmt(row.get("mb_s_after_load")),
            fmt_time(row.get("wall_s")),
            fmt_time(row.get("load_s")),
            fmt(row.get("peak_mib"), 0),
            fmt(mentions),
            ratio,
            vs,
            "–" if is_load_row else fmt(prev.get("mb_s")),
            fmt(prev.get("mentions")) if not is_load_row else fmt_time(prev.get("load_s")),
        ]) + " |")

    # Targets.
    print()
    print(f"targets (issue 5; canonym row: {ref_name or '–'}):")

    def check(label, value, target, higher=True, show=lambda v: f"{v:.2f}"):
        if value is None:
            print(f"  {label}: –  (target {'≥' if higher else '≤'} {show(target)})")
            return
        ok = value >= target if higher else value <= target
        print(f"  {label}: {show(value)}  (target {'≥' if higher else '≤'} {show(target)}) {'PASS' if ok else 'FAIL'}")

    def speed(name):
        return rows.get(name, {}).get("mb_s")

    one = rows.get("canonym tag --threads 1") or ref
    two = rows.get("canonym tag --threads 2")
    aho = speed("ahocorasick-rs leftmost-longest + boundary")
    wc = speed("wc -w")
    check("canonym ÷ ahocorasick-rs (MB/s)", one["mb_s"] / aho if one and one.get("mb_s") and aho else None,
          TARGET_VS_AHOCORASICK_RS, show=lambda v: f"{v:.2f}×")
    check("canonym ÷ wc -w (MB/s, C.UTF-8)", one["mb_s"] / wc if one and one.get("mb_s") and wc else None, TARGET_VS_WC,
          show=lambda v: f"{v:.2f}×")
    wc_c = speed("wc -w (LC_ALL=C: ASCII words only)")
    if one and one.get("mb_s") and wc_c:
        print(f"  (canonym ÷ wc -w in the C locale: {one['mb_s'] / wc_c:.2f}×)")
    load_name = next((n for n in ("canonym: load compiled file (empty input)", "canonym: load, warm (empty input)")
                      if n in rows), None)
    load_s = rows.get(load_name, {}).get("load_s") if load_name else None
    check("load" + (" (compiled file, empty input)" if load_name and "compiled" in load_name else " (warm, empty input)"),
          load_s, TARGET_LOAD_S, higher=False, show=fmt_time)
    floor = rows.get("process launch floor (`true`, same timing wrapper)", {}).get("load_s")
    if load_s is not None and floor is not None:
        check("load net of the harness's process-launch floor", load_s - floor, TARGET_LOAD_S, higher=False, show=fmt_time)
    check("peak memory of a tag run", one.get("peak_mib") if one else None, TARGET_PEAK_MIB, higher=False,
          show=lambda v: f"{v:.0f} MiB")
    check("two threads ÷ one thread", two["mb_s"] / one["mb_s"] if two and one and two.get("mb_s") and one.get("mb_s") else None,
          TARGET_TWO_THREADS, show=lambda v: f"{v:.2f}×")
    ceiling = speed(MACHINE_CEILING_ROW)
    if ceiling and one and one.get("mb_s"):
        print(f"  (this machine's ceiling in this run: two one-thread processes side by side ÷ one thread: "
              f"{ceiling / one['mb_s']:.2f}×)")
    compile_name = next((n for n in ("canonym lexicon compile (world pack)", "canonym: load, cold cache (builds the index)")
                         if n in rows), None)
    compile_row = rows.get(compile_name) if compile_name else None
    check("compiling the world pack" + (" (cold-cache load)" if compile_name and "cold" in compile_name else ""),
          compile_row.get("wall_s") if compile_row else None, TARGET_COMPILE_S, higher=False, show=fmt_time)
    if one and one.get("mentions") is not None:
        print(f"  mentions found ÷ inserted: {one['mentions'] / inserted:.2f}")

    a = result.get("analysis")
    if a:
        print()
        print(f"canonym mentions vs inserted ({ref_name}):")
        print(f"  inserted {a['inserted']:,}; found at the exact span {a['found_exact_span']:,} "
              f"({a['recall_exact_span']:.1%}), of which same id {a['found_exact_span_same_id']:,}, "
              f"id among alternatives {a['found_exact_span_id_in_alternatives']:,}; "
              f"overlapping but not exact {a['overlapping_not_exact']:,}; missed {a['missed']:,}")
        print(f"  recall by kind: " + ", ".join(f"{k} {v:.1%}" for k, v in a["recall_by_kind"].items()))
        print(f"  mentions not at an inserted place: {a['extra_not_inserted']:,}; most frequent: "
              + ", ".join(f"{t!r}×{n}" for t, n in a["top_extra"][:12]))
        print(f"  most frequent misses: " + ", ".join(f"{t!r} ({k})×{n}" for t, k, n in a["top_missed"][:10]))
        print(f"  methods: " + ", ".join(f"{k} {v:,}" for k, v in a["methods"].items()))
    if result["notes"]:
        print()
        print("notes:")
        for n in result["notes"]:
            print(f"  - {n}")


if __name__ == "__main__":
    sys.exit(main())
