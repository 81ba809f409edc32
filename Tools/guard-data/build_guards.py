#!/usr/bin/env python3
"""Builds Canonym's precision-guard data files. Run it through build.sh, which makes the venv.

Writes, under Sources/Canonym/Resources/guards/ (or --out):
  common-words.tsv  word, lang, zipf   -- frequent words per language, from wordfreq
  given-names.tsv   name, lang, gender -- given names per Faker locale, plus Latin forms of the
                                          Russian and Ukrainian ones made with ICU's uconv
  README.md         what the files are, sources, licences, cutoffs, row counts

thresholds.tsv (same folder) is maintained by hand; this tool never reads or writes it.
Output is deterministic: no timestamps, rows sorted by code point.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata as metadata
import pkgutil
import subprocess
import sys
import unicodedata
import warnings
from collections import defaultdict
from pathlib import Path

import regex
import wordfreq

REGEN_COMMAND = "Tools/guard-data/build.sh"

# ---------------------------------------------------------------------------------------------
# Common words
# ---------------------------------------------------------------------------------------------

# Languages asked for, in this order. Core languages keep the full zipf >= 3.0 cut; the others
# are cut at OTHER_MIN_ZIPF to keep the file under SIZE_BUDGET bytes.
CORE_LANGS = ["en", "ru", "uk"]
OTHER_LANGS = ["be", "de", "fr", "es", "it", "pl", "pt", "nl", "tr"]
CORE_MIN_ZIPF = 3.0
OTHER_MIN_ZIPF = 3.1
SIZE_BUDGET = 8_000_000  # bytes; at 3.0 for every language the file would be ~8.6 MB

# Letters (with combining marks), apostrophes and hyphens; starts with a letter. wordfreq has
# already case-folded and NFC-normalized its words (numbers are stored with digits as 0, so they
# fail here).
WORD_RE = regex.compile(r"^\p{L}[\p{L}\p{M}'\u2019\-]*$")
MIN_WORD_LENGTH = 2

# Words whose zipf the README reports, so the guard thresholds can be re-checked after a rebuild.
PROBES = {
    "en": "march may bar man buy nice reading mobile of sale gary split bath "
          "kyiv kiev paris london moscow sumy rubio marco vladimir".split(),
    "uk": "київ москва суми мир бар травень березень харків бахмут буча".split(),
    "ru": "киев москва сумы мир бар май март владимир".split(),
    "de": "mai märz bar nizza kiew".split(),
    "fr": "mars mai bar nice kiev".split(),
}


def min_zipf_for(lang: str) -> float:
    return CORE_MIN_ZIPF if lang in CORE_LANGS else OTHER_MIN_ZIPF


def build_common_words() -> tuple[list[tuple[str, str, str]], dict, list[str]]:
    """Returns (rows, per-language counts, languages wordfreq lacks)."""
    available = wordfreq.available_languages(wordlist="best")
    missing = [lang for lang in CORE_LANGS + OTHER_LANGS if lang not in available]
    rows: list[tuple[str, str, str]] = []
    counts: dict[str, dict] = {}
    for lang in CORE_LANGS + OTHER_LANGS:
        if lang in missing:
            continue
        cut = min_zipf_for(lang)
        best: dict[str, float] = {}
        # get_frequency_list gives bins of words; bin i holds words of frequency 10^(-i/100),
        # i.e. zipf 9 - i/100. Stop once the bins fall below the cut.
        for index, bin_words in enumerate(wordfreq.get_frequency_list(lang, wordlist="best")):
            if 9 - index / 100 < cut - 1e-9:
                break
            for word in bin_words:
                word = unicodedata.normalize("NFC", word)
                if len(word) < MIN_WORD_LENGTH or not WORD_RE.match(word):
                    continue
                if word != word.lower():
                    continue  # wordfreq case-folds; anything else is not what the guard expects
                zipf = wordfreq.zipf_frequency(word, lang, wordlist="best")
                if zipf < cut - 1e-9:
                    continue
                if zipf > best.get(word, -1.0):
                    best[word] = zipf
        for word, zipf in best.items():
            rows.append((word, lang, f"{zipf:.2f}"))
        counts[lang] = {"rows": len(best), "min_zipf": cut}
    rows.sort(key=lambda r: (r[1], r[0]))
    return rows, counts, missing


# ---------------------------------------------------------------------------------------------
# Given names
# ---------------------------------------------------------------------------------------------

NAME_ATTRS = ["first_names", "first_names_male", "first_names_female", "first_names_nonbinary"]

# Faker's generic Arabic locale uses the private-use region AA ("all Arabic"): plain `ar`.
LANG_OVERRIDES = {"ar_AA": "ar"}

# Ukraine's national romanization (Cabinet of Ministers resolution 55 of 2010), used in Ukrainian
# passports and by most news outlets: Serhii, Andrii, Oleksii, Yuliia. Є Ї Й Ю Я are Ye Yi Y Yu Ya
# at the start of a word and ie i i iu ia elsewhere; a name's capital always starts a word, its
# small letters never do, so case tells the two apart. зг is zgh; ь and the apostrophe are dropped.
_KMU_PAIRS = [
    ("зг", "zgh"), ("Зг", "Zgh"),
    ("а", "a"), ("б", "b"), ("в", "v"), ("г", "h"), ("ґ", "g"), ("д", "d"), ("е", "e"),
    ("є", "ie"), ("ж", "zh"), ("з", "z"), ("и", "y"), ("і", "i"), ("ї", "i"), ("й", "i"),
    ("к", "k"), ("л", "l"), ("м", "m"), ("н", "n"), ("о", "o"), ("п", "p"), ("р", "r"),
    ("с", "s"), ("т", "t"), ("у", "u"), ("ф", "f"), ("х", "kh"), ("ц", "ts"), ("ч", "ch"),
    ("ш", "sh"), ("щ", "shch"), ("ь", ""), ("ю", "iu"), ("я", "ia"),
    ("А", "A"), ("Б", "B"), ("В", "V"), ("Г", "H"), ("Ґ", "G"), ("Д", "D"), ("Е", "E"),
    ("Є", "Ye"), ("Ж", "Zh"), ("З", "Z"), ("И", "Y"), ("І", "I"), ("Ї", "Yi"), ("Й", "Y"),
    ("К", "K"), ("Л", "L"), ("М", "M"), ("Н", "N"), ("О", "O"), ("П", "P"), ("Р", "R"),
    ("С", "S"), ("Т", "T"), ("У", "U"), ("Ф", "F"), ("Х", "Kh"), ("Ц", "Ts"), ("Ч", "Ch"),
    ("Ш", "Sh"), ("Щ", "Shch"), ("Ю", "Yu"), ("Я", "Ya"),
    ("\\'", ""), ("\u2019", ""), ("\u02bc", ""),
]
KMU_2010_RULES = "::NFC; " + " ".join(f"{src} > {dst};" for src, dst in _KMU_PAIRS)
# ICU transforms, run by `uconv -x`. The first of each list is the one the project asked for
# (BGN/PCGN + ASCII); the others add the spellings news text actually uses.
ROMANIZATIONS = {
    "ru_RU": ("ru-Latn", [
        ("BGN/PCGN", "Russian-Latin/BGN; Latin-ASCII"),
        # Press spelling: no soft-sign apostrophe, -iy > -y, -ey > -ei, -ay > -ai, -iya > -ia,
        # Aleks- > Alex- (Dmitry, Sergei, Nikolai, Yulia, Maria, Olga, Alexei).
        ("press", "::Russian-Latin/BGN; ::Latin-ASCII; "
                  "\\' > ; "
                  "iya } [^[:L:]] > ia; iy } [^[:L:]] > y; ey } [^[:L:]] > ei; "
                  "ay } [^[:L:]] > ai; Aleks > Alex;"),
    ]),
    "uk_UA": ("uk-Latn", [
        ("BGN/PCGN", "Ukrainian-Latin/BGN; Latin-ASCII"),
        ("national", KMU_2010_RULES),  # Ukraine's official system (KMU 2010)
    ]),
}


# Names the build must produce (checked after writing; a miss fails the build).
REQUIRED_NAMES = ["Vladimir", "Volodymyr", "Oleksandr", "Sergey", "Sergei", "Yulia", "Marco",
                  "Donald", "Владимир", "Володимир"]


def lang_tag(locale: str) -> str:
    return LANG_OVERRIDES.get(locale, locale.replace("_", "-"))


def clean_name(value) -> str | None:
    if not isinstance(value, str):
        return None
    name = unicodedata.normalize("NFC", value).strip()
    if not name or "{" in name or any(ch.isdigit() for ch in name) or "\t" in name:
        return None
    return name


def as_names(value) -> list[str]:
    items = list(value.keys()) if isinstance(value, dict) else list(value)
    return [n for n in (clean_name(v) for v in items) if n]


def faker_locales():
    """Yields (locale, {attr: [names]}, defining_module_or_None) for every person provider."""
    import faker.providers.person as person
    from faker import Generator

    # Deprecated aliases (fr_QC) warn on import; they are skipped as inherited anyway.
    warnings.filterwarnings("ignore", message=r".*locale is deprecated.*")

    base = person.Provider
    for info in sorted(pkgutil.iter_modules(person.__path__), key=lambda m: m.name):
        if not info.ispkg:
            continue
        module = importlib.import_module(f"{person.__name__}.{info.name}")
        provider_class = getattr(module, "Provider", None)
        if provider_class is None:
            continue
        instance = provider_class(Generator())
        lists: dict[str, list[str]] = {}
        owners = set()
        for attr in NAME_ATTRS:
            owner = next((k for k in provider_class.__mro__ if attr in k.__dict__), None)
            if owner is None or owner is base:
                continue  # the base provider's placeholder ("John", "Jane")
            value = getattr(instance, attr)
            if value is None:
                continue
            names = as_names(value)
            if names:
                lists[attr] = names
                owners.add(owner.__module__)
        if not lists:
            yield info.name, {}, None
            continue
        own = module.__name__ in owners or any(o.startswith(module.__name__ + ".") for o in owners)
        yield info.name, lists, (None if own else sorted(owners)[0].rsplit(".", 1)[-1])


def gender_of(name: str, lists: dict[str, list[str]]) -> str:
    male = name in set(lists.get("first_names_male", []))
    female = name in set(lists.get("first_names_female", []))
    if male and not female:
        return "m"
    if female and not male:
        return "f"
    return "u"


def uconv(transform: str, names: list[str]) -> list[str]:
    # One name per line; a large block size keeps the whole input in one transliteration pass so
    # rule contexts never straddle a block boundary.
    text = "".join(n + "\n" for n in names)
    result = subprocess.run(
        ["uconv", "-f", "UTF-8", "-t", "UTF-8", "-b", str(1 << 24), "-x", transform],
        input=text.encode("utf-8"), capture_output=True, check=True,
    )
    out = result.stdout.decode("utf-8").split("\n")
    if out and out[-1] == "":
        out.pop()
    if len(out) != len(names):
        raise SystemExit(f"uconv returned {len(out)} lines for {len(names)} names ({transform})")
    return [unicodedata.normalize("NFC", o.strip()) for o in out]


def uconv_version() -> str:
    out = subprocess.run(["uconv", "--version"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def build_given_names():
    genders: dict[tuple[str, str], set[str]] = defaultdict(set)
    locales = []  # (locale, lang, rows, note)
    skipped = []  # (locale, reason)
    romanized_counts = {}
    for locale, lists, inherited_from in faker_locales():
        if not lists:
            skipped.append((locale, "no first names of its own (only Faker's base placeholder)"))
            continue
        if inherited_from is not None:
            skipped.append((locale, f"same lists as {inherited_from} (inherited)"))
            continue
        lang = lang_tag(locale)
        all_names = sorted({n for names in lists.values() for n in names})
        for name in all_names:
            genders[(name, lang)].add(gender_of(name, lists))
        locales.append((locale, lang, len(all_names)))
        if locale in ROMANIZATIONS:
            latn_lang, transforms = ROMANIZATIONS[locale]
            produced = set()
            for _label, transform in transforms:
                for source, latin in zip(all_names, uconv(transform, all_names)):
                    if not latin or not regex.match(r"^[A-Za-z][A-Za-z' \-]*$", latin):
                        raise SystemExit(f"unexpected romanization {source!r} -> {latin!r}")
                    genders[(latin, latn_lang)].add(gender_of(source, lists))
                    produced.add(latin)
            romanized_counts[latn_lang] = len(produced)
    rows = []
    for (name, lang), gs in genders.items():
        rows.append((name, lang, next(iter(gs)) if len(gs) == 1 else "u"))
    rows.sort(key=lambda r: (r[1], r[0]))
    return rows, locales, skipped, romanized_counts


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------

def write_tsv(path: Path, comments: list[str], header: list[str], rows) -> int:
    lines = [f"# {c}" if c else "#" for c in comments]
    lines.append("\t".join(header))
    for row in rows:
        for field in row:
            assert "\t" not in field and "\n" not in field and not field.startswith("#"), row
        lines.append("\t".join(row))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(data)
    return len(data)


def human(n: int) -> str:
    return f"{n / 1_000_000:.2f} MB ({n:,} bytes)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", required=True, help="the Canonym checkout")
    parser.add_argument("--out", help="output folder (default: ROOT/Sources/Canonym/Resources/guards)")
    args = parser.parse_args()
    out = Path(args.out) if args.out else Path(args.root) / "Sources/Canonym/Resources/guards"
    out.mkdir(parents=True, exist_ok=True)

    wf_version = metadata.version("wordfreq")
    fk_version = metadata.version("Faker")
    icu = uconv_version()

    # --- common-words.tsv
    cw_rows, cw_counts, cw_missing = build_common_words()
    core = ", ".join(CORE_LANGS)
    others = ", ".join(l for l in OTHER_LANGS if l not in cw_missing)
    missing_note = (f"Not in wordfreq {wf_version}, so no rows: {', '.join(cw_missing)}."
                    if cw_missing else "")
    cw_comments = [
        "Canonym precision-guard data: common words of each language, with their frequency.",
        "A place name that is also a frequent word here (lowercase `bar`, `march`) needs more evidence to match.",
        f"Source: wordfreq {wf_version} by Robyn Speer (https://github.com/rspeer/wordfreq), wordlist 'best'.",
        "Licence: derived from wordfreq's data; this file is distributed under CC BY-SA 4.0",
        "  (https://creativecommons.org/licenses/by-sa/4.0/). wordfreq's data comes from Wikipedia, OPUS OpenSubtitles 2018,",
        "  SUBTLEX (Brysbaert et al.), NewsCrawl, GlobalVoices, Google Books Ngrams, OSCAR, ParaCrawl, the Leeds Internet",
        "  Corpus, Twitter and Reddit; attribution in detail: README.md beside this file.",
        f"Selection: zipf >= {CORE_MIN_ZIPF:.1f} for {core}; zipf >= {OTHER_MIN_ZIPF:.1f} for {others} (size budget).",
        "  Only letters (and combining marks), apostrophes and hyphens, starting with a letter, at least 2 characters.",
    ]
    if missing_note:
        cw_comments.append(f"  {missing_note}")
    cw_comments += [
        "Words are as wordfreq stores them: NFC and case-folded (German ß is ss; Turkish I is ı). Fold look-ups the same way.",
        "Columns: word; lang (ISO 639-1); zipf (log10 of occurrences per billion words, 2 decimals). Sorted by lang, then word.",
        f"Regenerate: {REGEN_COMMAND}",
    ]
    cw_size = write_tsv(out / "common-words.tsv", cw_comments, ["word", "lang", "zipf"], cw_rows)
    if cw_size > SIZE_BUDGET:
        print(f"warning: common-words.tsv is {human(cw_size)}, over the {SIZE_BUDGET:,}-byte budget; "
              f"raise OTHER_MIN_ZIPF", file=sys.stderr)

    # --- given-names.tsv
    gn_rows, gn_locales, gn_skipped, gn_romanized = build_given_names()
    gn_comments = [
        "Canonym precision-guard data: given names, so that `Vladimir Putin` is a person and not the city of Vladimir.",
        "A given name followed by a capitalized word is taken as the start of a person's name.",
        f"Source: Faker {fk_version} (https://github.com/joke2k/faker), the first_names, first_names_male, first_names_female",
        "  and first_names_nonbinary lists of every person provider that has its own. Faker is MIT-licensed,",
        "  Copyright (c) 2012 Daniele Faraglia; the licence text is in README.md beside this file.",
        "Latin forms of the ru_RU and uk_UA names (lang ru-Latn, uk-Latn) were made with ICU's uconv:",
        "  ru: 'Russian-Latin/BGN; Latin-ASCII' plus a press spelling (Sergei, Yulia, Dmitry, Alexei);",
        "  uk: 'Ukrainian-Latin/BGN; Latin-ASCII' plus Ukraine's national system of 2010 (Serhii, Andrii, Yuliia).",
        f"  {icu}.",
        "Columns: name (as Faker spells it, capitalized); lang (BCP 47, from Faker's locale); gender (m, f, or u: both or unknown).",
        "Sorted by lang, then name.",
        f"Regenerate: {REGEN_COMMAND}",
    ]
    gn_size = write_tsv(out / "given-names.tsv", gn_comments, ["name", "lang", "gender"], gn_rows)

    # --- checks
    present = {r[0] for r in gn_rows}
    missed = [n for n in REQUIRED_NAMES if n not in present]
    if missed:
        raise SystemExit(f"given-names.tsv lacks required names: {', '.join(missed)}")

    probes = {lang: [(w, wordfreq.zipf_frequency(w, lang)) for w in words]
              for lang, words in PROBES.items()}

    write_readme(out, wf_version, fk_version, icu, cw_rows, cw_counts, cw_missing, cw_size,
                 gn_rows, gn_locales, gn_skipped, gn_romanized, gn_size, probes)

    print(f"common-words.tsv  {human(cw_size)}, {len(cw_rows):,} rows")
    for lang, c in cw_counts.items():
        print(f"  {lang}  zipf >= {c['min_zipf']:.1f}  {c['rows']:,}")
    if cw_missing:
        print(f"  not in wordfreq: {', '.join(cw_missing)}")
    print(f"given-names.tsv   {human(gn_size)}, {len(gn_rows):,} rows, {len(gn_locales)} locales")
    print("probe zipf:")
    for lang, pairs in probes.items():
        print(f"  {lang}: " + "  ".join(f"{w} {z:.2f}" for w, z in pairs))
    return 0


README_TEMPLATE = """\
# Precision-guard data

Generated by `{regen}` (except `thresholds.tsv`, which is kept by hand). Do not edit the
generated files: change `Tools/guard-data/` and rebuild. The build is deterministic: the same
pinned packages (`Tools/guard-data/requirements.txt`) and the same ICU give the same bytes.

| file | what | rows | size | licence |
| --- | --- | --- | --- | --- |
| `common-words.tsv` | frequent words per language, with wordfreq's Zipf frequency | {cw_total:,} | {cw_size} | CC BY-SA 4.0 |
| `given-names.tsv` | given names per Faker locale, with Latin forms of the Russian and Ukrainian ones | {gn_total:,} | {gn_size} | MIT (Faker) |
| `thresholds.tsv` | the guard thresholds, as data (hand-kept) | | | same as Canonym |

All files are UTF-8, LF line ends, tab-separated with one header line; lines starting with `#`
are comments (source, version, licence, regeneration command).

## common-words.tsv

Columns `word`, `lang`, `zipf`. A place name that is also a common word of the text's language
(`in March`, `a bar`, `the man`, `buy`) is not matched on its own; see `thresholds.tsv` for when it
still is (capitalized mid-sentence and prominent). Words that are not words (`kyiv`) are absent or
have a low zipf.

- Source: [wordfreq](https://github.com/rspeer/wordfreq) {wf_version}, `wordlist='best'` (the
  "large" list where wordfreq has one, else "small"). `zipf` is `wordfreq.zipf_frequency(word,
  lang)`: log10 of occurrences per billion words (6 is once per thousand words, 3 once per
  million), 2 decimals.
- Words are as wordfreq stores them: NFC and case-folded (German `ß` appears as `ss`, Turkish
  folding keeps `ı`/`i` apart). Fold a candidate the same way before looking it up.
- Kept: letters (and combining marks), apostrophes and hyphens, starting with a letter, at least
  2 characters; numbers, symbols and one-letter tokens are dropped. Turkish keeps wordfreq's
  suffixed proper nouns (`türkiye'de`); they are harmless as guards.
- Cutoffs: zipf >= {core_cut:.1f} for {core} (the languages Canonym's news text is mostly in) and
  zipf >= {other_cut:.1f} for the others. At 3.0 for every language the file would be about 8.6 MB;
  the budget is about 8 MB, so the non-core languages were raised by one step (3.1). The
  guard itself uses a higher zipf (see `thresholds.tsv`); the rows between the cutoff and that
  threshold are there so the threshold can be tuned without rebuilding.
{missing}
| lang | min zipf | rows |
| --- | --- | --- |
{cw_table}
| **total** | | **{cw_total:,}** |

## given-names.tsv

Columns `name`, `lang`, `gender`. A given name followed by a capitalized word starts a person's
name (`Vladimir Putin`, `Marco Rubio`, `Florence Nightingale`), so the place of that name
(Vladimir, Rubio, Florence) is not matched there. Collisions with place names are expected and
wanted (Florence, Victoria, Sofia, Alexandria, Charlotte, Adelaide, Maria, Marion, Orlando…);
the guard only acts before a capitalized word. Faker's generic `en` list (about 7,000 US baby
names, many rare) also holds London, Berlin, Rome, Houston, Dallas, Denver, Boston, Melbourne;
`given_name_ignore_if_only_langs` in `thresholds.tsv` keeps names found only there from blocking
`London Bridge` or `Boston Globe`.

- Source: [Faker](https://github.com/joke2k/faker) {fk_version}: for every locale whose person
  provider has its own `first_names`, `first_names_male`, `first_names_female` or
  `first_names_nonbinary`, every name in them. Names are as Faker spells them (capitalized, NFC).
- `lang`: Faker's locale as a BCP 47 tag (`uk_UA` is `uk-UA`; the generic `en` and `sw` stay as
  they are; Faker's generic Arabic `ar_AA` is `ar`).
- `gender`: `m` when only in the male list, `f` when only in the female list, `u` when in both or
  in neither (the locale lists first names without gender).
- Latin forms: the `ru_RU` and `uk_UA` names are Cyrillic; their Latin forms are added with lang
  `ru-Latn` and `uk-Latn`, made with ICU's `uconv` ({icu}):
  - `ru-Latn`: `uconv -x 'Russian-Latin/BGN; Latin-ASCII'` (Vladimir, Sergey, Yuliya, Ol'ga), plus
    a press spelling made by ICU rules on top of it: no soft-sign apostrophe, final `-iy` > `-y`,
    `-ey` > `-ei`, `-ay` > `-ai`, `-iya` > `-ia`, `Aleks-` > `Alex-` (Dmitry, Sergei, Nikolai,
    Yulia, Maria, Olga, Alexei).
  - `uk-Latn`: `uconv -x 'Ukrainian-Latin/BGN; Latin-ASCII'` (Volodymyr, Oleksandr, Serhiy,
    Yuliya), plus Ukraine's national romanization of 2010 (KMU resolution 55), written as ICU
    rules in `Tools/guard-data/build_guards.py` (Serhii, Andrii, Oleksii, Yuliia).
  Other Cyrillic locales (bg_BG, mk_MK) are kept in Cyrillic only.
- Locales whose lists are inherited unchanged from another locale are not repeated:
{skipped}

| locale | lang | rows |
| --- | --- | --- |
{gn_table}
| **total** | | **{gn_total:,}** |

## thresholds.tsv

Columns `key`, `value`, `meaning`: the numbers the guards use, kept as data so they can be tuned
without touching code. Kept by hand; the build never writes it. The zipf of the words the
thresholds were chosen against, from this build:

{probes}

## Sources and licences

### wordfreq data: CC BY-SA 4.0 (common-words.tsv)

`common-words.tsv` is derived from the word-frequency data of wordfreq {wf_version} (code:
Apache-2.0; data: [Creative Commons Attribution-ShareAlike 4.0](https://creativecommons.org/licenses/by-sa/4.0/)).
**`common-words.tsv` is therefore distributed under CC BY-SA 4.0**: keep this attribution, and
distribute modified versions of the file under the same licence. This applies to that file, not
to Canonym's code.

Attribution: Robyn Speer, *wordfreq* (https://github.com/rspeer/wordfreq; Zenodo
doi:10.5281/zenodo.7199437), built with Exquisite Corpus from these sources, as its README lists:

- Wikipedia, the free encyclopedia (https://www.wikipedia.org), CC BY-SA.
- OPUS OpenSubtitles 2018 (http://opus.nlpl.eu/OpenSubtitles.php), from the OpenSubtitles project
  (http://www.opensubtitles.org/), used with attribution to OpenSubtitles.
- SUBTLEX word lists (SUBTLEX-US, SUBTLEX-UK, SUBTLEX-CH, SUBTLEX-DE, SUBTLEX-NL) by Marc
  Brysbaert et al. (http://crr.ugent.be/programs-data/subtitle-frequencies): freely available
  data; wordfreq and work derived from it must credit the SUBTLEX authors.
- NewsCrawl 2014 and GlobalVoices (news).
- Google Books Ngrams 2012 (http://books.google.com/ngrams) and Google Books Syntactic Ngrams.
- OSCAR (web text) and ParaCrawl (https://paracrawl.eu).
- The Leeds Internet Corpus, University of Leeds Centre for Translation Studies
  (http://corpus.leeds.ac.uk/list.html).
- Word statistics from Twitter's streaming API and from Reddit (no content republished).

### Faker: MIT (given-names.tsv)

`given-names.tsv` holds name lists taken from Faker {fk_version}, under this licence:

```
Copyright (c) 2012 Daniele Faraglia

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.
```

The Latin forms are produced by ICU's transliterators (ICU is under the Unicode licence); the
output of a transliteration carries no licence of its own.

## Regenerating

```
{regen}
```

Needs python3 (>= 3.10), PyPI on the first run (it makes `Tools/guard-data/.venv` from the pinned
`Tools/guard-data/requirements.txt`), and `uconv` (Debian: `apt-get install icu-devtools`). A
different ICU version may romanize a few names differently; the version used is recorded above
and in the header of `given-names.tsv`.
"""


def write_readme(out, wf_version, fk_version, icu, cw_rows, cw_counts, cw_missing, cw_size,
                 gn_rows, gn_locales, gn_skipped, gn_romanized, gn_size, probes):
    cw_table = "\n".join(f"| {lang} | {c['min_zipf']:.1f} | {c['rows']:,} |"
                         for lang, c in cw_counts.items())
    per_lang = defaultdict(int)
    for _name, lang, _g in gn_rows:
        per_lang[lang] += 1
    gn_lines = []
    for locale, lang, _n in gn_locales:
        gn_lines.append(f"| {locale} | {lang} | {per_lang[lang]:,} |")
        if locale in ROMANIZATIONS:
            latn = ROMANIZATIONS[locale][0]
            gn_lines.append(f"| {locale} (romanized) | {latn} | {per_lang[latn]:,} |")
    skipped = "\n".join(f"  - `{loc}`: {why}" for loc, why in gn_skipped) or "  - none"
    missing = ""
    if cw_missing:
        missing = (f"- Not available in wordfreq {wf_version}, so no rows: "
                   + ", ".join(f"`{l}`" for l in cw_missing)
                   + (" (Belarusian: wordfreq has no Belarusian list; Belarusian text is guarded"
                      " only by the other languages' lists)" if "be" in cw_missing else "")
                   + ".\n")
    probe_lines = ["| lang | word: zipf |", "| --- | --- |"]
    for lang, pairs in probes.items():
        probe_lines.append(f"| {lang} | " + ", ".join(f"{w} {z:.2f}" for w, z in pairs) + " |")
    text = README_TEMPLATE.format(
        regen=REGEN_COMMAND, wf_version=wf_version, fk_version=fk_version, icu=icu,
        cw_total=len(cw_rows), cw_size=human(cw_size), gn_total=len(gn_rows),
        gn_size=human(gn_size), core=", ".join(CORE_LANGS), core_cut=CORE_MIN_ZIPF,
        other_cut=OTHER_MIN_ZIPF, missing=missing, cw_table=cw_table, skipped=skipped,
        gn_table="\n".join(gn_lines), probes="\n".join(probe_lines),
    )
    (out / "README.md").write_text(text, encoding="utf-8", newline="\n")


if __name__ == "__main__":
    sys.exit(main())
