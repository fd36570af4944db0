"""clio from Python: who did and said what to whom, when and where.

    import clio
    docs = clio.process(["Kenyan President William Ruto met ..."])
    pipeline = clio.Pipeline(dictionaries="my_petrarch_dicts/")   # build once, reuse
    docs = pipeline.process([{"text": "...", "title": "...", "published": "2024-06-03"}])
    table = clio.to_arrow(docs)        # a pyarrow.Table, one row per article
    frame = clio.to_pandas(docs, "entities")   # one row per entity

Articles are strings (the text) or dicts with ``text`` (or ``html``) and
optionally ``id``, ``title``, ``published`` (YYYY-MM-DD), ``url``,
``outlet``, ``dateline``: the fields of ``clio ingest``'s JSON Lines input.
Each result is the record ``clio run`` writes to ``documents.jsonl``:
entities with actor codes, events with CAMEO codes, quotes with speakers,
quantities, the date and why, char offsets into the cleaned ``text``.
Processing runs on every core, outside the GIL.
"""

import json

from . import _clio

__all__ = ["Pipeline", "process", "link_shards", "to_arrow", "to_pandas"]
__version__ = _clio.__version__


def _as_json(item, i):
    if isinstance(item, str):
        return json.dumps({"text": item})
    if isinstance(item, dict):
        return json.dumps(item, default=str)
    raise TypeError(f"item {i}: an article is a str or a dict, not {type(item).__name__}")


class Pipeline:
    """clio's dictionaries and language models, loaded once (about a second).

    ``dictionaries``: a directory of PETRARCH dictionaries in place of the
    bundled ones; ``models``: a directory of models ``clio train`` wrote;
    ``clean``: remove page furniture; ``require_dyad``: keep only events
    with both a source and a target.
    """

    def __init__(self, dictionaries=None, models=None, clean=True, require_dyad=False):
        self._native = _clio.Pipeline(
            None if dictionaries is None else str(dictionaries),
            None if models is None else str(models),
            clean,
            require_dyad,
        )

    def process(self, articles):
        """Annotates one article or an iterable of them; returns a list of
        ``documents.jsonl`` records (dicts), in order. Raises ValueError for
        an item that is no article (say, a dict without text)."""
        if isinstance(articles, (str, dict)):
            articles = [articles]
        items = [_as_json(a, i) for i, a in enumerate(articles)]
        return [json.loads(r) for r in self._native.process_json(items)]


    def process_shard(self, articles):
        """The map step of a sharded run (Ray, Spark): annotates one shard
        and links its entities within it. Returns a dict with ``records``
        (as :meth:`process`), ``features`` (each article's linking features,
        JSON text), ``entities`` (the shard's (key, id, name, type) rows;
        keep these two for :func:`link_shards`) and ``skipped``: (index,
        why) of the items that are no article, reported rather than raised,
        as a long shard has some."""
        if isinstance(articles, (str, dict)):
            articles = [articles]
        items = [_as_json(a, i) for i, a in enumerate(articles)]
        records, features, entities, skipped = self._native.process_shard(items)
        return {
            "records": [json.loads(r) for r in records],
            "features": features,
            "entities": entities,
            "skipped": skipped,
        }


def link_shards(shards):
    """The reduce step: links the articles of all shards (dicts or pairs of
    ``features`` and ``entities`` from :meth:`Pipeline.process_shard`, in
    input order) into ``stories``, merged ``events``, ``claims`` and global
    ``entities``, as a single run over the same articles links them."""
    pairs = []
    for s in shards:
        if isinstance(s, dict):
            pairs.append((list(s["features"]), [tuple(e) for e in s["entities"]]))
        else:
            features, entities = s
            pairs.append((list(features), [tuple(e) for e in entities]))
    return json.loads(_clio.link_shards(pairs))


_default = None


def process(articles):
    """``Pipeline().process(articles)`` with a pipeline built on first use."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default.process(articles)


def _rows(records, layer):
    if layer is None:
        keep = ("id", "title", "outlet", "dateline", "url", "text")
        rows = []
        for r in records:
            row = {k: r.get(k) for k in keep}
            row["date"] = (r.get("date") or {}).get("value")
            row["date_basis"] = (r.get("date") or {}).get("basis")
            for k in ("entities", "events", "quotes", "quantities"):
                row[k] = len(r.get(k) or [])
            rows.append(row)
        return rows
    rows = []
    for r in records:
        for item in r.get(layer) or []:
            row = {"document": r.get("id")}
            row.update({k: (json.dumps(v) if isinstance(v, (dict, list)) else v) for k, v in item.items()})
            rows.append(row)
    return rows


def to_arrow(records, layer=None):
    """A ``pyarrow.Table``: one row per article, or with ``layer`` (say
    ``"entities"``, ``"events"``, ``"quotes"``, ``"quantities"``) one row
    per item of that layer with its article's id in ``document``; nested
    values as JSON text. Needs pyarrow."""
    import pyarrow

    return pyarrow.Table.from_pylist(_rows(records, layer))


def to_pandas(records, layer=None):
    """As :func:`to_arrow`, a ``pandas.DataFrame``. Needs pandas."""
    import pandas

    return pandas.DataFrame(_rows(records, layer))
