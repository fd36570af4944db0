"""A sharded run on Ray (local mode) against a single `clio run` of the same
articles. Skipped without Ray and pyarrow, unless CLIO_REQUIRE_RAY is set
(as .ci/run sets it)."""

import glob
import json
import os
import subprocess
import sys
import tempfile
import unittest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

try:
    import pyarrow.parquet as pq
    import ray  # noqa: F401

    sys.path.insert(0, os.path.join(REPO, "python", "examples"))
    import ray_pipeline
except ImportError:
    if os.environ.get("CLIO_REQUIRE_RAY"):
        raise
    ray_pipeline = None


def example_articles():
    """The bundled examples as JSON records, in a fixed order."""
    out = []
    for path in sorted(glob.glob(os.path.join(REPO, "examples", "*"))):
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            if path.endswith(".jsonl"):
                out.extend(json.loads(line) for line in f if line.strip())
            elif path.endswith(".html"):
                out.append({"id": name, "html": f.read()})
            else:
                out.append({"id": name, "text": f.read()})
    return out


def groups(corpus):
    return sorted(sorted(s["documents"]) for s in corpus["stories"])


def event_keys(corpus):
    return sorted((e["code"], e["source"], e["target"], e.get("date"), e["num_mentions"]) for e in corpus["events"])


@unittest.skipIf(ray_pipeline is None, "Ray or pyarrow is not installed")
class RayTest(unittest.TestCase):
    def test_a_sharded_run_finds_what_a_single_run_finds(self):
        articles = example_articles()
        with tempfile.TemporaryDirectory() as tmp:
            shards = []
            for i in range(3):
                path = os.path.join(tmp, f"shard{i}.jsonl")
                with open(path, "w", encoding="utf-8") as f:
                    for a in articles[i * 2:(i + 1) * 2]:
                        f.write(json.dumps(a) + "\n")
                shards.append(path)
            clio_bin = os.environ.get("CLIO_BIN", os.path.join(REPO, "target", "release", "clio"))
            single = os.path.join(tmp, "single")
            subprocess.run([clio_bin, "--db", os.path.join(tmp, "c.db"), "run", "-q", *shards, "--out", single],
                           check=True, capture_output=True)
            with open(os.path.join(single, "corpus.json"), encoding="utf-8") as f:
                expected = json.load(f)
            corpus, n = ray_pipeline.run(shards, os.path.join(tmp, "sharded"), workers=2)
            self.assertEqual(n, len(articles))
            self.assertEqual(groups(corpus), groups(expected))
            self.assertEqual(event_keys(corpus), event_keys(expected))
            self.assertEqual(sorted(e["id"] for e in corpus["entities"]), sorted(e["id"] for e in expected["entities"]))
            docs = pq.read_table(os.path.join(tmp, "sharded", "shard-00000.documents.parquet"))
            self.assertEqual(docs.num_rows, 2)


if __name__ == "__main__":
    unittest.main()
