"""The Python peers of the benchmark, one per process:

    python peers.py PEER NAMES_FILE CORPUS_FILE

prints one JSON object: {"load_s": time to build the automaton from the names,
"scan_s": time to scan the corpus, "mentions": matches found}.

All three match case-insensitively (names and text lower-cased with str.lower(), which is
what flashtext does by default) and read the corpus line by line, like canonym.
  flashtext       KeywordProcessor().add_keywords_from_list(names);
                  extract_keywords(line, span_info=True). flashtext's own word boundary
                  (only [A-Za-z0-9_] are word characters, so Cyrillic is a boundary).
  pyahocorasick   Automaton of the names; every match of Automaton.iter(line) (overlapping)
                  that has a word boundary (not str.isalnum() and not "_") on both sides.
  ahocorasick-rs  AhoCorasick(names, matchkind=LeftmostLongest);
                  find_matches_as_indexes(line), then the same boundary check.
"""

from __future__ import annotations

import json
import sys
import time


def read_names(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.rstrip("\n")]


def is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def bounded(line: str, start: int, end: int) -> bool:
    return (start == 0 or not is_word(line[start - 1])) and (end == len(line) or not is_word(line[end]))


def run_flashtext(names, corpus):
    from flashtext import KeywordProcessor

    t0 = time.perf_counter()
    kp = KeywordProcessor()  # case_sensitive=False
    kp.add_keywords_from_list(names)
    t1 = time.perf_counter()
    mentions = 0
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            mentions += len(kp.extract_keywords(line, span_info=True))
    return t1 - t0, time.perf_counter() - t1, mentions


def run_pyahocorasick(names, corpus):
    import ahocorasick

    t0 = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for name in names:
        key = name.lower()
        automaton.add_word(key, len(key))
    automaton.make_automaton()
    t1 = time.perf_counter()
    mentions = 0
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            line = line.lower()
            for end, length in automaton.iter(line):
                if bounded(line, end - length + 1, end + 1):
                    mentions += 1
    return t1 - t0, time.perf_counter() - t1, mentions


def run_ahocorasick_rs(names, corpus):
    from ahocorasick_rs import AhoCorasick, MatchKind

    t0 = time.perf_counter()
    keys = sorted({name.lower() for name in names})
    ac = AhoCorasick(keys, matchkind=MatchKind.LeftmostLongest)
    t1 = time.perf_counter()
    mentions = 0
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            line = line.lower()
            for _, start, end in ac.find_matches_as_indexes(line):
                if bounded(line, start, end):
                    mentions += 1
    return t1 - t0, time.perf_counter() - t1, mentions


PEERS = {
    "flashtext": run_flashtext,
    "pyahocorasick": run_pyahocorasick,
    "ahocorasick-rs": run_ahocorasick_rs,
}


def main():
    peer, names_path, corpus = sys.argv[1:4]
    names = read_names(names_path)
    load_s, scan_s, mentions = PEERS[peer](names, corpus)
    print(json.dumps({"load_s": load_s, "scan_s": scan_s, "mentions": mentions}))


if __name__ == "__main__":
    main()
