"""A sharded clio run on Ray.

The map step is a Ray Data ``map_batches`` over shards (JSON Lines files):
each worker builds one clio pipeline and, per shard, annotates the articles
and links their entities within the shard, writing the shard's documents and
linking features as Parquet. The reduce step is clio's: ``clio.link_shards``
links the features of all shards into stories, merged events and claims,
with one entity id across shards, as a single run over the same articles.

    python3 python/examples/ray_pipeline.py shards/*.jsonl --out out/ --workers 2

writes ``out/shard-NNNNN.documents.parquet``, ``out/shard-NNNNN.features.parquet``
and ``out/corpus.json``. Needs ``pip install ./python "ray[data]"``. A Spark
job is the same two steps: ``mapPartitions`` with ``Pipeline.process_shard``,
then ``clio.link_shards`` on the driver.
"""

import argparse
import json
import os
import sys
import time

import pyarrow as pa
import pyarrow.parquet as pq
import ray

import clio


class ProcessShard:
    """The map step; Ray keeps one per worker, so the models load once."""

    def __init__(self, out):
        self.pipeline = clio.Pipeline()
        self.out = out

    def __call__(self, batch):
        done = {"index": [], "articles": [], "skipped": [], "features": [], "entities": []}
        for index, path in zip(batch["index"], batch["path"]):
            with open(path, encoding="utf-8") as f:
                articles = [json.loads(line) for line in f if line.strip()]
            shard = self.pipeline.process_shard(articles)
            name = os.path.join(self.out, f"shard-{int(index):05d}")
            pq.write_table(clio.to_arrow(shard["records"]), name + ".documents.parquet")
            ids = [r["id"] for r in shard["records"]]
            pq.write_table(pa.table({"id": ids, "features": shard["features"]}), name + ".features.parquet")
            done["index"].append(int(index))
            done["articles"].append(len(ids))
            done["skipped"].append(len(shard["skipped"]))
            done["features"].append(json.dumps(shard["features"]))
            done["entities"].append(json.dumps([list(e) for e in shard["entities"]]))
        return done


def run(shards, out, workers=2):
    """Runs the map step on Ray and the reduce step here; returns the corpus."""
    os.makedirs(out, exist_ok=True)
    # Workers cannot import this file: ship its classes by value.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    ray.init(num_cpus=workers, include_dashboard=False, ignore_reinit_error=True, log_to_driver=False)
    items = [{"index": i, "path": os.path.abspath(p)} for i, p in enumerate(shards)]
    mapped = (
        ray.data.from_items(items)
        .map_batches(
            ProcessShard,
            fn_constructor_args=(out,),
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
        )
        .take_all()
    )
    mapped.sort(key=lambda r: r["index"])
    corpus = clio.link_shards([(json.loads(r["features"]), json.loads(r["entities"])) for r in mapped])
    with open(os.path.join(out, "corpus.json"), "w", encoding="utf-8") as f:
        json.dump(corpus, f, indent=1)
    skipped = sum(r["skipped"] for r in mapped)
    if skipped:
        print(f"{skipped} records were no article (no text) and were skipped")
    return corpus, sum(r["articles"] for r in mapped)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("shards", nargs="+", help="JSON Lines files, one shard each, in input order")
    ap.add_argument("--out", required=True)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    start = time.perf_counter()
    corpus, articles = run(args.shards, args.out, args.workers)
    took = time.perf_counter() - start
    size = sum(os.path.getsize(p) for p in args.shards) / 1e6
    print(f"{articles} articles from {len(args.shards)} shards on {args.workers} workers in {took:.1f} s "
          f"({size / took:.2f} MB/s): {len(corpus['stories'])} stories, {len(corpus['events'])} merged events, "
          f"{len(corpus['claims'])} claims")


if __name__ == "__main__":
    main()
