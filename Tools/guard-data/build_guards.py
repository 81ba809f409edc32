#!/usr/bin/env python3
"""Builds Canonym's precision-guard data files. Run it through build.sh, which makes the venv.

Writes, under Sources/Canonym/Resources/guards/ (or --out):
  common-words.tsv  word, lang, zipf   -- frequent words per language, from wordfreq, kept only
                                          when a Hunspell dictionary of the language accepts them
                                          in lower case (ordinary words, not only proper nouns)
  given-names.tsv   name, lang, gender -- given names per Faker locale, plus Latin forms of the
                                          Russian and Ukrainian ones made with ICU's uconv
  README.md         what the files are, sources, licences, cutoffs, row counts

thresholds.tsv (same folder) is maintained by hand; this tool never reads or writes it.
Output is deterministic: no timestamps, rows sorted by code point.
"""

from __future__ import annotations

import argparse
import ctypes
import importlib
import json
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
    "en": "march may bar man buy nice reading mobile of sale gary split bath june friday "
          "kyiv kiev paris london moscow washington phoenix sumy rubio marco vladimir".split(),
    "uk": "київ москва суми мир бар травень березень біла церква харків херсон донецьк львів "
          "бахмут буча".split(),
    "ru": "киев москва сумы мир бар май март владимир донецк херсон харьков белгород курск".split(),
    "de": "mai märz bar nizza kiew".split(),
    "fr": "mars mai bar nice paris kiev".split(),
}

# --- Ordinary-word filter -------------------------------------------------------------------
# wordfreq case-folds, so frequent proper nouns (london, moscow, херсон, москва) look like common
# words. A word is kept only when a Hunspell spelling dictionary of its language accepts it in
# lower case: Hunspell dictionaries spell proper nouns capitalized (London, Херсон) and ordinary
# words in lower case, and a lower-case word never matches a capitalized entry. The check runs
# libhunspell itself (Hunspell_spell), so every affix rule of the dictionary applies: inflected
# forms (суми, сумах, является), compounds and two-level suffixes are accepted as the dictionary
# accepts them. (hunspell-tools' `unmunch` was tried first: it segfaults on tr_TR, prints flags
# instead of words for FLAG long dictionaries (fr, nl), and misses two-level suffixes such as
# Russian -ся and Polish się; the checker has none of these problems.)
# Dictionaries come from Debian packages (build.sh installs them); they are only a filter and are
# not distributed. Licences as read from /usr/share/doc/<package>/copyright (and the .aff header
# where the two disagree) for the versions named in the README.
HUNSPELL_DIR = Path("/usr/share/hunspell")
HUNSPELL_LIBRARY = "libhunspell-1.7.so.0"
HUNSPELL_LIBRARY_PACKAGE = "libhunspell-1.7-0"
# lang -> [(Debian package, dictionary basename, upstream, licence)]; a word is kept when any of
# the language's dictionaries accepts it.
FILTER_DICTIONARIES = {
    "en": [("hunspell-en-us", "en_US", "SCOWL en_US (Kevin Atkinson)",
            "SCOWL licence (permissive, MIT-like; parts public domain)"),
           ("hunspell-en-gb", "en_GB", "LibreOffice en_GB (Marco A.G. Pinto et al.)",
            "LGPL (en_GB.aff header; Debian's copyright lists dictionaries/en/* under the SCOWL licence)")],
    "ru": [("hunspell-ru", "ru_RU", "LibreOffice ru_RU (Alexander Lebedev)", "BSD-style (4-clause)")],
    "uk": [("hunspell-uk", "uk_UA", "LibreOffice uk_UA (spell-uk project)",
            "GPL-2+ or LGPL-2.1+ or MPL-1.1")],
    "fr": [("hunspell-fr-classical", "fr", "Dicollecte/Grammalecte, classical", "MPL-2.0")],
    "es": [("hunspell-es", "es_ES", "LibreOffice es (Santiago Bosio, RLA-ES)",
            "GPL-3+ or LGPL-3+ or MPL-1.1+")],
    "it": [("hunspell-it", "it_IT", "LibreOffice it_IT (LibreItalia, PLIO)", "GPL-3")],
    "pl": [("hunspell-pl", "pl_PL", "LibreOffice pl_PL (sjp.pl, Marek Futrega)",
            "GPL, LGPL, MPL, Apache-2.0 or CC-SA-1.0")],
    "pt": [("hunspell-pt-br", "pt_BR", "LibreOffice pt_BR (VERO, Raimundo Moura)", "LGPL-3 or MPL"),
           ("hunspell-pt-pt", "pt_PT", "LibreOffice pt_PT (Natura, Univ. do Minho)",
            "GPL-2, LGPL-2.1 or MPL-1.1")],
    "nl": [("hunspell-nl", "nl", "OpenTaal", "BSD (revised) or CC BY 3.0")],
    "tr": [("hunspell-tr", "tr_TR", "LibreOffice tr_TR (Harun Reşit Zafer)", "MPL-2.0")],
}
# Languages left unfiltered on purpose, and why.
UNFILTERED = {
    "de": "German capitalizes every noun, so the lower-case test cannot tell ordinary words "
          "(Haus, Mai, März) from names (Berlin); the list is as wordfreq gives it",
}
# The script a language's ordinary words are written in. uk_UA's .aff maps every Latin letter to a
# digit (ICONV), so Hunspell accepts any Latin word as a "number"; words of another script are
# therefore never taken as attested.
SCRIPT_OF = {"ru": "Cyrillic", "uk": "Cyrillic"}  # others: Latin
# Ordinary words that a language's spelling capitalizes, kept although the dictionary has them only
# capitalized (they still have to pass the zipf cut, and the dictionary must know them capitalized).
CAPITALIZED_ORDINARY = {
    "en": "january february march april may june july august september october november december "
          "monday tuesday wednesday thursday friday saturday sunday".split(),
}
# English also capitalizes its words of nationality and language (Ukrainian, Chinese, Israeli,
# Kurdish): ordinary adjectives and nouns, and a dropped `ukrainian` would let a fuzzy match tag
# the country. They are made, for the languages listed here, from Debian's iso-codes: a country
# name of ISO 3166-1 (or a name in NATIONALITY_EXTRA_PLACES) with one of NATIONALITY_SUFFIXES
# (Ukraine > Ukrainian, China > Chinese, Israel > Israeli), or a one-word language name of
# ISO 639-2 ending like a nationality word (Kurdish, Gaelic, Bengali). Language names without such
# an ending are left out on purpose: ISO 639-2 also names Dakota, Delaware, Cheyenne, Mohawk.
NATIONALITY_LANGS = ["en"]
ISO_CODES_DIR = Path("/usr/share/iso-codes/json")
ISO_CODES_PACKAGE = "iso-codes"
NATIONALITY_EXTRA_PLACES = "europe africa asia america arabia scandinavia britain england scotland".split()
NATIONALITY_SUFFIXES = [  # (strip from the place name, then add)
    ("", "n"), ("", "an"), ("", "ian"), ("", "i"), ("", "ese"), ("a", "ese"), ("a", "ian"),
    ("e", "ian"), ("o", "an"), ("y", "ian"), ("y", ""), ("um", "an"), ("ey", "ish"), ("en", "ish"),
    ("ain", "ish"), ("ain", "anish"), ("eland", "ish"), ("land", "nish"), ("land", "tish"),
    ("land", ""),
]
LANGUAGE_NAME_ENDINGS = ("an", "ese", "ish", "ic", "i")
MIN_NATIONALITY_LENGTH = 4  # so Poland > `po` and Finland > `fin` are not made
# Checked after the build; a miss fails it (guards against a dictionary update changing these).
MUST_KEEP = {
    "en": "march may bar man buy nice reading mobile split bath sale of june friday ukrainian "
          "russian american chinese british israeli european".split(),
    "ru": "мир бар сумы март май".split(),
    "uk": "суми мир бар біла церква травень".split(),
}
MUST_DROP = {
    "en": "london paris moscow kyiv kiev rubio marco vladimir washington".split(),
    "ru": "москва донецк херсон харьков белгород владимир курск".split(),
    "uk": "херсон харків донецьк львів".split(),
}


def min_zipf_for(lang: str) -> float:
    return CORE_MIN_ZIPF if lang in CORE_LANGS else OTHER_MIN_ZIPF


def apt_packages() -> list[str]:
    """The Debian packages the ordinary-word filter needs (build.sh installs the missing ones)."""
    return [HUNSPELL_LIBRARY_PACKAGE, ISO_CODES_PACKAGE] + [
        pkg for dicts in FILTER_DICTIONARIES.values() for pkg, *_ in dicts]


def nationality_words() -> set[str]:
    """English words of nationality and language, lower case, from iso-codes (see above)."""
    def load(name: str, key: str) -> list[dict]:
        path = ISO_CODES_DIR / name
        if not path.is_file():
            raise SystemExit(f"missing {path}; install {ISO_CODES_PACKAGE}")
        return json.loads(path.read_text(encoding="utf-8"))[key]

    places = set(NATIONALITY_EXTRA_PLACES)
    for entry in load("iso_3166-1.json", "3166-1"):
        for field in ("name", "common_name"):
            name = entry.get(field, "")
            if name.isalpha():
                places.add(name.lower())
    words = set()
    for place in places:
        for strip, add in NATIONALITY_SUFFIXES:
            if place.endswith(strip) and len(place) > len(strip):
                words.add(place[:len(place) - len(strip)] + add)
    for entry in load("iso_639-2.json", "639-2"):
        for name in entry["name"].split(";"):
            name = name.strip().lower()
            if name.isalpha() and name.endswith(LANGUAGE_NAME_ENDINGS) and len(name) > 4:
                words.add(name)
    return {w for w in words if len(w) >= MIN_NATIONALITY_LENGTH and w not in places}


def deb_version(package: str) -> str:
    result = subprocess.run(["dpkg-query", "-W", "-f", "${Status}\t${Version}", package],
                            capture_output=True, text=True)
    status, _, version = result.stdout.partition("\t")
    if result.returncode != 0 or not status.endswith(" installed") or not version:
        raise SystemExit(f"Debian package {package} is not installed; run {REGEN_COMMAND}, which "
                         f"installs it (as root), or: apt-get install {' '.join(apt_packages())}")
    return version


class Hunspell:
    """One Hunspell dictionary, checked through libhunspell (C API, via ctypes)."""

    _lib = None

    @classmethod
    def lib(cls):
        if cls._lib is None:
            try:
                lib = ctypes.CDLL(HUNSPELL_LIBRARY)
            except OSError as error:
                raise SystemExit(f"cannot load {HUNSPELL_LIBRARY} ({error}); install "
                                 f"{HUNSPELL_LIBRARY_PACKAGE}") from None
            lib.Hunspell_create.restype = ctypes.c_void_p
            lib.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
            lib.Hunspell_spell.restype = ctypes.c_int
            lib.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
            lib.Hunspell_get_dic_encoding.restype = ctypes.c_char_p
            lib.Hunspell_get_dic_encoding.argtypes = [ctypes.c_void_p]
            cls._lib = lib
        return cls._lib

    def __init__(self, name: str):
        aff, dic = HUNSPELL_DIR / f"{name}.aff", HUNSPELL_DIR / f"{name}.dic"
        for path in (aff, dic):
            if not path.is_file():
                raise SystemExit(f"missing Hunspell dictionary file {path}")
        lib = self.lib()
        self.handle = lib.Hunspell_create(str(aff).encode(), str(dic).encode())
        if not self.handle:
            raise SystemExit(f"libhunspell could not load {aff}")
        # The dictionary's 8-bit encoding, from the SET line of its .aff (UTF-8, ISO8859-2,
        # KOI8-R, microsoft-cp1251...): words are passed to Hunspell in that encoding.
        encoding = lib.Hunspell_get_dic_encoding(self.handle).decode("ascii")
        if encoding.lower().startswith("microsoft-cp"):
            encoding = "cp" + encoding[len("microsoft-cp"):]
        try:
            "".encode(encoding)
        except LookupError:
            raise SystemExit(f"{aff}: unknown encoding {encoding!r}") from None
        self.encoding = encoding

    def accepts(self, word: str) -> bool:
        try:
            data = word.encode(self.encoding)
        except UnicodeEncodeError:
            return False  # not writable in the dictionary's charset, so not one of its words
        return bool(self.lib().Hunspell_spell(self.handle, data))


_SCRIPT_RES: dict[str, "regex.Pattern"] = {}


def in_script(word: str, script: str) -> bool:
    if script not in _SCRIPT_RES:
        _SCRIPT_RES[script] = regex.compile(
            rf"^[\p{{Script={script}}}\p{{Script=Inherited}}\p{{Script=Common}}]+$")
    return bool(_SCRIPT_RES[script].match(word))


def load_filters() -> tuple[dict[str, list[Hunspell]], list[dict]]:
    """Returns ({lang: [Hunspell]}, [dictionary descriptions, in FILTER_DICTIONARIES order]).

    Also completes CAPITALIZED_ORDINARY with the words of nationality of NATIONALITY_LANGS."""
    nationality = sorted(nationality_words())
    for lang in NATIONALITY_LANGS:
        CAPITALIZED_ORDINARY[lang] = sorted(set(CAPITALIZED_ORDINARY.get(lang, [])) | set(nationality))
    filters: dict[str, list[Hunspell]] = {}
    used = []
    for lang in CORE_LANGS + OTHER_LANGS:
        for package, name, upstream, licence in FILTER_DICTIONARIES.get(lang, []):
            filters.setdefault(lang, []).append(Hunspell(name))
            used.append({"lang": lang, "package": package, "version": deb_version(package),
                         "name": name, "upstream": upstream, "licence": licence})
    return filters, used


KEPT_CAPITALIZED: dict[str, list[str]] = defaultdict(list)  # lang -> words kept as capitalized ordinary


def is_ordinary(word: str, lang: str, dictionaries: list[Hunspell]) -> bool:
    """True when `word` (lower case) is an ordinary word of `lang` per its dictionaries."""
    if not in_script(word, SCRIPT_OF.get(lang, "Latin")):
        return False
    if any(d.accepts(word) for d in dictionaries):
        return True
    if word in CAPITALIZED_ORDINARY.get(lang, ()):
        capitalized = word[:1].upper() + word[1:]
        if any(d.accepts(capitalized) for d in dictionaries):
            KEPT_CAPITALIZED[lang].append(word)
            return True
    return False


def build_common_words(filters: dict[str, list[Hunspell]]
                       ) -> tuple[list[tuple[str, str, str]], dict, list[str]]:
    """Returns (rows, per-language counts, languages wordfreq lacks)."""
    available = wordfreq.available_languages(wordlist="best")
    missing = [lang for lang in CORE_LANGS + OTHER_LANGS if lang not in available]
    rows: list[tuple[str, str, str]] = []
    counts: dict[str, dict] = {}
    for lang in CORE_LANGS + OTHER_LANGS:
        if lang in missing:
            continue
        if lang not in filters and lang not in UNFILTERED:
            raise SystemExit(f"no filter dictionary for {lang}: add it to FILTER_DICTIONARIES "
                             f"or say why in UNFILTERED")
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
        found = len(best)
        if lang in filters:
            best = {w: z for w, z in best.items() if is_ordinary(w, lang, filters[lang])}
        for word, zipf in best.items():
            rows.append((word, lang, f"{zipf:.2f}"))
        counts[lang] = {"rows": len(best), "min_zipf": cut, "wordfreq_rows": found,
                        "filter": " + ".join(n for _p, n, *_ in FILTER_DICTIONARIES[lang])
                                  if lang in filters else "none"}
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


# Given names in everyday use in Ukraine and Russia that Faker's uk_UA and ru_RU lists lack
# (Faker 40.63 has no Юрій, Микола, Олексій, Юлія or Катерина under uk_UA, no ё spellings under
# ru_RU). Written for Canonym from common usage: the usual full forms, Russian names with ё also
# as written with е, as news text does. They are merged into Faker's lists of the two locales
# before romanization, so their Latin forms are made the same way.
SUPPLEMENT = {
    "uk_UA": {
        "first_names_male": (
            "Олександр Сергій Андрій Володимир Юрій Віктор Іван Михайло Олег Дмитро Микола Василь "
            "Ігор Анатолій Петро Роман Максим Віталій Богдан Тарас Ярослав Артем Денис Євген Павло "
            "Олексій Валерій Вадим Григорій Степан Костянтин Леонід Борис Руслан Станіслав Валентин "
            "Геннадій Владислав Данило Назар Кирило Матвій Ілля Тимофій Остап Орест Федір Семен "
            "Антон Едуард Ростислав Святослав"
            # Foreign given names as Ukrainian news writes them.
            " Джордж Джон Джо Джеймс Джек Джейкоб Джефф Джеремі Джозеф Майкл Майк Вільям Девід Деніел"
            " Річард Томас Чарльз Роберт Дональд Рональд Білл Барак Метью Пітер Пол Стівен Кевін Браян"
            " Ерік Ентоні Крістофер Тоні Ілон Еммануель Франсуа Ніколя Жан П'єр Жак Луї Луїс Хосе Хуан"
            " Карлос Педро Мігель Антоніо Маріо Марко Джузеппе Сільвіо Маттео Олаф Фрідріх Герхард"
            " Вольфганг Клаус Ганс Реджеп Мохаммед Мухаммед Ахмед Абдулла Біньямін Нарендра Шарль"
            " Хав'єр Едуардо Габріель Рафаель Даніель Кір Ріші").split(),
        "first_names_female": (
            "Олена Наталія Тетяна Ірина Світлана Оксана Юлія Ольга Марія Катерина Анна Ганна "
            "Галина Людмила Валентина Ніна Надія Лариса Вікторія Анастасія Дарія Дарина Софія "
            "Христина Віра Любов Інна Яна Уляна Аліна Алла Тамара Зоя Лідія Мирослава Соломія "
            "Поліна Єлизавета Вероніка Діана Кристина Марина Олеся Раїса Антоніна Євгенія "
            "Богдана Ярослава Ксенія Лілія"
            " Ангела Урсула Гілларі Камала Ненсі Кетрін Елізабет Мері Сара Емма Олівія Джессіка"
            " Дженніфер Лора Тереза Крістін Джорджа Анналена Кая Санна Ліз").split(),
    },
    "ru_RU": {
        "first_names_male": (
            "Александр Сергей Андрей Владимир Алексей Дмитрий Юрий Виктор Иван Михаил Николай "
            "Игорь Олег Евгений Павел Роман Максим Артём Артем Денис Константин Василий Анатолий "
            "Пётр Петр Вадим Валерий Геннадий Григорий Степан Борис Леонид Никита Илья Кирилл "
            "Матвей Тимофей Фёдор Федор Семён Семен Ярослав Станислав Владислав Руслан Антон Глеб "
            "Егор Даниил Арсений Вячеслав Аркадий Эдуард"
            # Foreign given names as Russian news writes them ("Джордж Вашингтон" is a person).
            " Джордж Джон Джо Джеймс Джек Джейкоб Джефф Джереми Джозеф Майкл Майк Уильям"
            " Ричард Томас Чарльз Роберт Дональд Рональд Билл Барак Питер Пол Стивен Кевин"
            " Эрик Энтони Кристофер Тони Илон Эммануэль Франсуа Николя Жан Пьер Жак Луи Луис Хосе Хуан"
            " Карлос Педро Мигель Антонио Марио Марко Джузеппе Сильвио Маттео Олаф Фридрих Герхард"
            " Вольфганг Клаус Ханс Реджеп Мохаммед Мухаммед Ахмед Абдулла Биньямин Нарендра Шарль"
            " Хавьер Эдуардо Габриэль Рафаэль Даниэль Кир Риши").split(),
        "first_names_female": (
            "Елена Наталья Наталия Татьяна Ирина Светлана Ольга Мария Екатерина Анна Галина "
            "Людмила Валентина Нина Надежда Лариса Виктория Анастасия Дарья Софья София Кристина "
            "Вера Любовь Инна Яна Ульяна Алина Алла Тамара Зоя Лидия Полина Елизавета Вероника "
            "Диана Марина Олеся Юлия Ксения Евгения Алёна Алена Оксана Жанна Маргарита"
            " Ангела Урсула Хиллари Камала Элизабет Сара Эмма Оливия Джессика"
            " Дженнифер Лора Тереза Кристин Джорджа Анналена Кая Санна Лиз").split(),
    },
}

# Names the build must produce (checked after writing; a miss fails the build).
REQUIRED_NAMES = ["Vladimir", "Volodymyr", "Oleksandr", "Sergey", "Sergei", "Yulia", "Marco",
                  "Donald", "Владимир", "Володимир", "Юрій", "Yurii", "Kateryna", "Артём"]


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
        for attr, extra in SUPPLEMENT.get(locale, {}).items():
            lists[attr] = lists.get(attr, []) + [n for n in extra if n not in lists.get(attr, [])]
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
    parser.add_argument("--list-packages", action="store_true",
                        help="print the Debian packages the build needs, one a line, and exit")
    args = parser.parse_args()
    if args.list_packages:
        print("\n".join(apt_packages()))
        return 0
    out = Path(args.out) if args.out else Path(args.root) / "Sources/Canonym/Resources/guards"
    out.mkdir(parents=True, exist_ok=True)

    wf_version = metadata.version("wordfreq")
    fk_version = metadata.version("Faker")
    icu = uconv_version()
    filters, dictionaries = load_filters()
    hunspell_version = deb_version(HUNSPELL_LIBRARY_PACKAGE)
    iso_codes_version = deb_version(ISO_CODES_PACKAGE)

    # --- common-words.tsv
    cw_rows, cw_counts, cw_missing = build_common_words(filters)
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
    filtered = [l for l in cw_counts if cw_counts[l]["filter"] != "none"]
    cw_comments += [
        "Filter: a word is kept only if a Hunspell spelling dictionary of its language accepts it in lower case, i.e. it is an",
        "  ordinary word or word form (march, bar, суми 'sums', сумах), not only a proper noun (london, moscow, херсон, москва).",
        f"  Checked with libhunspell {hunspell_version} against Debian's dictionaries (used as a filter only; none of their",
        "  content is copied here beyond the wordfreq words they accept):",
    ]
    for d in dictionaries:
        cw_comments.append(f"  {d['lang']}: {d['name']} ({d['package']} {d['version']}; {d['upstream']}); licence: {d['licence']}.")
    for lang, why in UNFILTERED.items():
        if lang in cw_counts:
            cw_comments.append(f"  {lang}: not filtered: {why}.")
    for lang in filtered:
        if KEPT_CAPITALIZED.get(lang):
            cw_comments.append(
                f"  {lang}: also kept though the dictionary has them only capitalized ({len(KEPT_CAPITALIZED[lang])} words): month and"
                + (f" weekday names, and words of nationality and language made from iso-codes {iso_codes_version}"
                   " (LGPL-2.1+; Ukraine > ukrainian)." if lang in NATIONALITY_LANGS else " weekday names."))
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
        "Added to Faker's uk_UA and ru_RU lists: common given names they lack (Юрій, Микола, Катерина, Артём…)",
        "  and foreign given names as Russian and Ukrainian news write them (Джордж, Луис, Ангела, Вільям),",
        "  written for Canonym (SUPPLEMENT in Tools/guard-data/build_guards.py).",
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
    common = {(w, l) for w, l, _z in cw_rows}
    wrong = [f"{l}:{w} (missing)" for l, ws in MUST_KEEP.items() for w in ws if (w, l) not in common]
    wrong += [f"{l}:{w} (present)" for l, ws in MUST_DROP.items() for w in ws if (w, l) in common]
    if wrong:
        raise SystemExit(f"common-words.tsv fails its checks: {', '.join(wrong)}")

    probes = {lang: [(w, wordfreq.zipf_frequency(w, lang), (w, lang) in common) for w in words]
              for lang, words in PROBES.items()}

    write_readme(out, wf_version, fk_version, icu, cw_rows, cw_counts, cw_missing, cw_size,
                 gn_rows, gn_locales, gn_skipped, gn_romanized, gn_size, probes,
                 dictionaries, hunspell_version, iso_codes_version)

    print(f"common-words.tsv  {human(cw_size)}, {len(cw_rows):,} rows")
    for lang, c in cw_counts.items():
        print(f"  {lang}  zipf >= {c['min_zipf']:.1f}  wordfreq {c['wordfreq_rows']:,}  "
              f"kept {c['rows']:,}  filter {c['filter']}")
    if cw_missing:
        print(f"  not in wordfreq: {', '.join(cw_missing)}")
    print(f"given-names.tsv   {human(gn_size)}, {len(gn_rows):,} rows, {len(gn_locales)} locales")
    print("probe zipf (- : not in common-words.tsv):")
    for lang, triples in probes.items():
        print(f"  {lang}: " + "  ".join(f"{w} {z:.2f}{'' if k else ' -'}" for w, z, k in triples))
    return 0


README_TEMPLATE = """\
# Precision-guard data

Generated by `{regen}` (except `thresholds.tsv`, which is kept by hand). Do not edit the
generated files: change `Tools/guard-data/` and rebuild. The build is deterministic: the same
pinned packages (`Tools/guard-data/requirements.txt`), the same ICU and the same Hunspell
dictionary packages (versions below) give the same bytes.

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
still is (capitalized mid-sentence and prominent). Words that are not ordinary words of the
language (`kyiv`, `london`, `херсон`) are absent: only the words a spelling dictionary accepts in
lower case are kept (below).

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
  the budget is about 8 MB, so the non-core languages were raised by one step (3.1) (sizes
  before the dictionary filter below, which removes {removed_share} of the rows). The
  guard itself uses a higher zipf (see `thresholds.tsv`); the rows between the cutoff and that
  threshold are there so the threshold can be tuned without rebuilding.
{missing}- Ordinary words only: wordfreq case-folds, so frequent proper nouns looked like common words
  (`london` 5.27, `moscow` 4.42, `москва` 5.37, `київ` 5.49, `херсон` 4.23). A word is kept only
  when a [Hunspell](https://hunspell.github.io/) spelling dictionary of its language accepts it
  **in lower case**: Hunspell dictionaries spell proper nouns capitalized (`London`, `Херсон`) and
  ordinary words in lower case, and a lower-case word never matches a capitalized entry. The check
  runs libhunspell {hunspell_version} (`Hunspell_spell`), so every inflected form and compound the
  dictionary allows counts (`суми` 'sums', `сумах`, `является`, `reading`).
  - Words of another script than the language's (Latin words in the uk and ru lists) are not
    taken as attested (uk_UA's `.aff` turns Latin letters into digits, so Hunspell would accept
    any Latin word).
  - English capitalizes some ordinary words; they are kept although the dictionary has them only
    capitalized: month and weekday names (`june`, `friday`; `march`, `may` are ordinary words
    anyway), and words of nationality and language, made from Debian's `iso-codes`
    {iso_codes_version} (LGPL-2.1+, used as a filter only): an ISO 3166-1 country name (or Europe,
    Africa, Asia, America, Arabia, Scandinavia, Britain, England, Scotland) with a nationality
    suffix (Ukraine > `ukrainian`, China > `chinese`, Israel > `israeli`), or a one-word ISO 639-2
    language name ending in -an, -ese, -ish, -ic or -i (`kurdish`, `gaelic`, `bengali`; not
    Dakota, Delaware, Cheyenne). Kept this way ({kept_cap_count} words): {kept_cap}.
  - A proper noun that is also an inflected form of an ordinary word stays: `київ`/`киев`
    (genitive plural of `кий` 'cue, stick'), French `paris` (plural of `pari` 'bet'), Polish
    `polska` (adjective), `phoenix` (the bird).
{unfiltered}  - The dictionaries are a filter only: this file holds nothing but wordfreq's words and
    zipfs, so its licence stays CC BY-SA 4.0. Which dictionaries, their versions and licences:
    [Spelling dictionaries](#spelling-dictionaries-used-as-a-filter).

| lang | min zipf | wordfreq rows | kept | filter dictionary |
| --- | --- | --- | --- | --- |
{cw_table}
| **total** | | **{cw_found:,}** | **{cw_total:,}** | |

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
- Added to the `uk_UA` and `ru_RU` lists: about 200 given names in everyday use that Faker's
  lists lack (Юрій, Микола, Олексій, Юлія and Катерина for Ukrainian; Артём, Пётр, Алёна with ё
  and as written with е for Russian), and about 180 foreign given names as Russian and Ukrainian
  news write them (Джордж, Луис, Эммануэль / Еммануель, Ангела), so that `Джордж Вашингтон` is a
  person; written for Canonym (`SUPPLEMENT` in `Tools/guard-data/build_guards.py`). They get
  Latin forms like the others.
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
thresholds were chosen against, from this build (wordfreq's zipf; ~~struck~~ words are not in
`common-words.tsv`, being below the cutoff or not ordinary words of the language):

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

### Spelling dictionaries used as a filter

`common-words.tsv` keeps only the wordfreq words that these Hunspell dictionaries accept in lower
case (see above). The dictionaries are not distributed with Canonym and no part of them is copied
into the file; they are listed for reproducibility. Installed by `{regen}` from Debian (packages
and versions as used for this build; licences as stated in `/usr/share/doc/<package>/copyright`):

| lang | dictionary | Debian package | version | upstream | licence |
| --- | --- | --- | --- | --- | --- |
{dict_table}

Checked with libhunspell ({hunspell_package} {hunspell_version}; MPL-1.1, GPL-2+ or LGPL-2.1+).
{unfiltered_short}

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
`Tools/guard-data/requirements.txt`), `uconv` (Debian: `apt-get install icu-devtools`), and the
Hunspell dictionary packages listed above plus `{hunspell_package}` and `iso-codes`, which `build.sh` installs
with `apt-get` when they are missing (as root; otherwise it stops and names them). A different
ICU version may romanize a few names differently, and other dictionary versions may keep a few
different words; the versions used are recorded above and in the file headers.
"""


def write_readme(out, wf_version, fk_version, icu, cw_rows, cw_counts, cw_missing, cw_size,
                 gn_rows, gn_locales, gn_skipped, gn_romanized, gn_size, probes,
                 dictionaries, hunspell_version, iso_codes_version):
    cw_table = "\n".join(f"| {lang} | {c['min_zipf']:.1f} | {c['wordfreq_rows']:,} | {c['rows']:,} | "
                         + (" + ".join(f"`{n}`" for n in c["filter"].split(" + "))
                            if c["filter"] != "none" else "none (see above)") + " |"
                         for lang, c in cw_counts.items())
    cw_found = sum(c["wordfreq_rows"] for c in cw_counts.values())
    unfiltered = "".join(f"  - `{lang}` is not filtered: {why}.\n"
                         for lang, why in UNFILTERED.items() if lang in cw_counts)
    unfiltered_short = " ".join(f"`{lang}` is not filtered (see above)." for lang in UNFILTERED
                                if lang in cw_counts)
    dict_table = "\n".join(f"| {d['lang']} | `{d['name']}` | `{d['package']}` | {d['version']} | "
                           f"{d['upstream']} | {d['licence']} |" for d in dictionaries)
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
    for lang, triples in probes.items():
        probe_lines.append(f"| {lang} | " + ", ".join(f"{w} {z:.2f}" if kept else f"~~{w}~~ {z:.2f}"
                                                      for w, z, kept in triples) + " |")
    text = README_TEMPLATE.format(
        regen=REGEN_COMMAND, wf_version=wf_version, fk_version=fk_version, icu=icu,
        cw_total=len(cw_rows), cw_size=human(cw_size), gn_total=len(gn_rows),
        gn_size=human(gn_size), core=", ".join(CORE_LANGS), core_cut=CORE_MIN_ZIPF,
        other_cut=OTHER_MIN_ZIPF, missing=missing, cw_table=cw_table, skipped=skipped,
        gn_table="\n".join(gn_lines), probes="\n".join(probe_lines),
        iso_codes_version=iso_codes_version,
        kept_cap_count=", ".join(f"{l} {len(ws)}" for l, ws in KEPT_CAPITALIZED.items()),
        kept_cap="; ".join(f"{l}: " + ", ".join(f"`{w}`" for w in sorted(ws))
                           for l, ws in KEPT_CAPITALIZED.items()),
        cw_found=cw_found, removed_share=f"{1 - len(cw_rows) / cw_found:.0%}", unfiltered=unfiltered, unfiltered_short=unfiltered_short,
        dict_table=dict_table, hunspell_version=hunspell_version,
        hunspell_package=HUNSPELL_LIBRARY_PACKAGE,
    )
    (out / "README.md").write_text(text, encoding="utf-8", newline="\n")


if __name__ == "__main__":
    sys.exit(main())
