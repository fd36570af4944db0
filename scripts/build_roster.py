#!/usr/bin/env python3
"""Builds data/roster/roster.actors.txt: dated office-holders as PETRARCH actor
entries, from the raw roster data in ../shared/data/roster (see its README and
each folder's PROVENANCE.txt). Run from the repository root:

    python3 scripts/build_roster.py [--shared ../shared]

Each person becomes an entry with their names (as written, without middle
initials, with a short given name where the source has one) and a code per
office: the country's code + GOV, dated from the start to the end of the term
(PETRARCH's `[GBRGOV 20160713-20180709]`, `[USAGOV >20250121]`). A person
found in two sources under the same spelling is one entry. Outside every
term, clio keeps the country of the nearest one. The UK ministers data is CC BY
4.0 (Institute for Government, IfG Ministers Database); the US data is public
domain / CC0; the Wikidata snapshots are CC0.
"""

import argparse
import csv
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

# Appointments that ended before this are left out: the UK data begins in
# 1979, and the Phoenix dictionaries lack many ministers of the 1980s (the
# Reuters-21578 years); earlier entries would only add size.
SINCE = "1979-01-01"


def phrase(name):
    """A name as a PETRARCH phrase: upper case, words joined by '_', a
    trailing '_' for a whole-word match."""
    words = re.findall(r"[\w'.\-]+", name, flags=re.UNICODE)
    words = [w.strip(".") if len(w.strip(".")) > 1 else w for w in words]
    return "_".join(w.upper() for w in words if w) + "_"


def plain(s):
    """Without accents ("António" -> "Antonio"), as news in English often writes."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def variants(name):
    """The spellings to match: as written, without accents, and without
    middle initials ("Michael R. Pompeo" -> "Michael Pompeo")."""
    out = []
    for n in (name, plain(name)):
        n = " ".join(n.replace(",", " ").split())
        out.append(n)
        words = [w for w in n.split() if w not in ("Jr.", "Sr.", "Jr", "Sr", "II", "III")]
        initials = [w for w in words[1:-1] if len(w.rstrip(".")) == 1]
        if initials:
            out.append(" ".join(w for w in words if w not in initials))
    seen, result = set(), []
    for v in out:
        p = phrase(v)
        if p not in seen and p.count("_") >= 2:  # at least two words
            seen.add(p)
            result.append(p)
    return result


def code_date(d):
    return d.replace("-", "") if d else ""


def dated(code, start, end):
    s, e = code_date(start), code_date(end)
    if s and e:
        return f"[{code} {s}-{e}]"
    if s:
        return f"[{code} >{s}]"
    if e:
        return f"[{code} <{e}]"
    return f"[{code}]"


def uk(root, people):
    base = root / "ifg-ministers-uk" / "data"
    names = defaultdict(list)
    for r in csv.DictReader(open(base / "person.csv", encoding="utf-8")):
        for k in ("name", "display_name", "normalized_name"):
            if r[k] and not r[k].startswith(("Lord ", "Baroness ", "Lady ", "Sir ", "Dame ", "Viscount ", "Earl ")):
                names[r["id"]].append(r[k])
    for r in csv.DictReader(open(base / "appointment.csv", encoding="utf-8")):
        if r["end_date"] and r["end_date"] < SINCE:
            continue
        key = ("uk", r["person_id"])
        people[key]["names"].update(names.get(r["person_id"], []))
        people[key]["codes"].append(("GBRGOV", r["start_date"], r["end_date"]))


def us_state(root, people):
    base = root / "pocom-us-state-dept"
    persons = {}
    for f in (base / "people").glob("*/*.xml"):
        t = ET.parse(f).getroot()
        pid = t.findtext("id")
        pn = t.find("persName")
        if pn is None:
            continue
        full = " ".join(x for x in (pn.findtext("forename"), pn.findtext("surname")) if x)
        alt = [a.text for a in pn.findall("altname") if a.text]
        persons[pid] = [full] + alt
    for folder in ("positions-principals", "missions-countries", "missions-orgs"):
        for f in (base / folder).glob("*.xml"):
            t = ET.parse(f).getroot()
            for p in t.iter():
                if p.tag not in ("principal", "chief"):
                    continue
                pid = p.findtext("person-id")
                start = p.findtext("started/date") or p.findtext("appointed/date") or ""
                end = p.findtext("ended/date") or ""
                if not pid or pid not in persons or (end and end < SINCE) or (not end and start and start < SINCE):
                    continue
                key = ("us", pid)
                people[key]["names"].update(persons[pid])
                people[key]["codes"].append(("USAGOV", start[:10], end[:10]))


def us_presidents(root, people):
    import yaml  # PyYAML; only this script needs it

    for p in yaml.safe_load(open(root / "us-executive-congress-legislators" / "executive.yaml", encoding="utf-8")):
        terms = [t for t in p["terms"] if t["end"] >= SINCE]
        if not terms:
            continue
        n = p["name"]
        key = ("usx", n.get("first", "") + n.get("last", ""))
        first, last = n.get("first", ""), n.get("last", "")
        people[key]["names"].update({f"{first} {last}", n.get("official_full", "") or f"{first} {last}"})
        if n.get("nickname"):
            people[key]["names"].add(f"{n['nickname']} {last}")
        for t in terms:
            people[key]["codes"].append(("USAGOV", t["start"], t["end"]))


def world(root, people, iso3):
    snap = root / "wikidata-everypolitician-snapshots"
    for r in csv.DictReader(open(snap / "world-leaders-2021" / "data" / "wikidata.csv", encoding="utf-8")):
        code = iso3.get(r["country"])
        if not code or not r["officeholderLabel"]:
            continue
        # An office held by virtue of another country's (Andorra's co-princes
        # are France's president and a Spanish bishop): the person acts for
        # their own country.
        if "co-prince" in r["positionLabel"].lower():
            continue
        start = f"{r['start_year']}-01-01" if r["start_year"] else ""
        end = f"{r['end_year']}-12-31" if r["end_year"] else ""
        if end and end < SINCE:
            continue
        key = ("wd", r["officeholder"])
        people[key]["names"].add(r["officeholderLabel"])
        people[key]["codes"].append((code + "GOV", start, end))
    for r in csv.DictReader(open(snap / "world" / "sources" / "foreign" / "wikidata.csv", encoding="utf-8")):
        code = iso3.get(r["countryLabel"])
        if not code or not r["name"]:
            continue
        key = ("wd", r["person"])
        people[key]["names"].add(r["name"])
        people[key]["codes"].append((code + "GOV", r["start"][:10], ""))


def countries(repo):
    iso3 = {}
    for line in open(repo / "data" / "gazetteer" / "countries.tsv", encoding="utf-8"):
        if line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        iso3[f[3]] = f[1]
    # Names the snapshots write otherwise than GeoNames.
    for name, code in {
        "United States of America": "USA", "People's Republic of China": "CHN", "United Kingdom": "GBR",
        "Russia": "RUS", "South Korea": "KOR", "North Korea": "PRK", "Czech Republic": "CZE", "Czechia": "CZE",
        "Democratic Republic of the Congo": "COD", "Republic of the Congo": "COG", "Ivory Coast": "CIV",
        "The Gambia": "GMB", "State of Palestine": "PSE", "Vatican City": "VAT", "Taiwan": "TWN",
        "Kingdom of the Netherlands": "NLD", "Kingdom of Denmark": "DNK", "Federated States of Micronesia": "FSM",
        "East Timor": "TLS", "Eswatini": "SWZ", "North Macedonia": "MKD", "Cape Verde": "CPV", "Bahamas": "BHS",
        "The Bahamas": "BHS", "Brunei": "BRN", "Laos": "LAO", "Syria": "SYR", "Iran": "IRN", "Vietnam": "VNM",
        "Moldova": "MDA", "Bolivia": "BOL", "Venezuela": "VEN", "Tanzania": "TZA", "Kosovo": "XKX",
    }.items():
        iso3.setdefault(name, code)
    return iso3


def merged(people):
    """(phrases, codes) per person, people of the sources who share a
    spelling joined into one (union-find over phrases)."""
    parent = {}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    owner = {}
    keys = sorted(people, key=lambda k: (k[0], str(k[1])))
    for key in keys:
        parent[key] = key
    for key in keys:
        for n in people[key]["names"]:
            for v in variants(n):
                if v in owner:
                    parent[find(key)] = find(owner[v])
                else:
                    owner[v] = key
    groups = defaultdict(list)
    for key in keys:
        groups[find(key)].append(key)
    for root in sorted(groups, key=lambda k: (k[0], str(k[1]))):
        phrases, codes = [], []
        for key in groups[root]:
            for n in sorted(people[key]["names"]):
                for v in variants(n):
                    if v not in phrases:
                        phrases.append(v)
            codes.extend(people[key]["codes"])
        if phrases and codes:
            yield phrases, codes


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="../shared")
    args = ap.parse_args()
    repo = Path(__file__).resolve().parent.parent
    root = Path(args.shared) / "data" / "roster"
    people = defaultdict(lambda: {"names": set(), "codes": []})
    uk(root, people)
    us_state(root, people)
    us_presidents(root, people)
    world(root, people, countries(repo))
    out = repo / "data" / "roster" / "roster.actors.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    entries = 0
    with open(out, "w", encoding="utf-8") as w:
        w.write("# Dated office-holders, built by scripts/build_roster.py from ../shared/data/roster\n")
        w.write("# (UK ministers: Institute for Government, IfG Ministers Database, CC BY 4.0; US State\n")
        w.write("# Department and presidents: public domain / CC0; heads of state and government and\n")
        w.write("# foreign ministers: Wikidata, CC0). Do not edit: rebuild.\n")
        for phrases, codes in merged(people):
            codes = sorted(set(codes), key=lambda c: (c[1] or "", c[2] or "", c[0]))
            w.write(phrases[0] + "\n")
            for s in phrases[1:]:
                w.write(f"+{s}\n")
            for c in codes:
                w.write(f"\t{dated(*c)}\n")
            entries += 1
    print(f"wrote {out}: {entries} people")


if __name__ == "__main__":
    main()
