"""The clio package as a notebook user calls it (run: python -m unittest discover python/tests)."""

import unittest

import clio

RUTO = ('Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on '
        '3 June 2024. "We agreed to reopen the border," Ruto said. Police said 14 crossings had reopened.')


class ProcessTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pipeline = clio.Pipeline()

    def test_a_text_gives_entities_quotes_events_and_quantities(self):
        [doc] = self.pipeline.process(RUTO)
        names = {e["name"] for e in doc["entities"]}
        self.assertIn("William Ruto", names)
        self.assertIn("Abiy Ahmed", names)
        self.assertEqual(doc["quotes"][0]["speaker"]["name"], "William Ruto")
        self.assertTrue(any(e["code"].startswith("04") for e in doc["events"]), doc["events"])
        self.assertTrue(any(q["value"] == 14 for q in doc["quantities"]))
        self.assertEqual(doc["date"]["value"], "2024-06-03")
        mention = doc["entities"][0]["mentions"][0]
        self.assertEqual(doc["text"][mention["start"]:mention["end"]], mention["text"], "char offsets")

    def test_records_keep_their_metadata_and_order(self):
        docs = self.pipeline.process([
            {"id": "a", "text": "Rain fell on Lyon on Friday.", "title": "Rain", "published": "2026-03-06"},
            "Police arrested 23 people in Lyon.",
            {"id": "c", "html": "<html><body><article><p>Ministers met in Oslo on Tuesday to talk trade.</p></article></body></html>"},
        ])
        self.assertEqual([d["id"] for d in docs][0], "a")
        self.assertEqual(docs[0]["title"], "Rain")
        self.assertEqual(docs[0]["date"]["value"], "2026-03-06")
        self.assertIn("23 people", docs[1]["text"])
        self.assertTrue(docs[2]["text"].startswith("Ministers met in Oslo"))

    def test_what_is_no_article_is_named(self):
        with self.assertRaisesRegex(ValueError, "item 1"):
            self.pipeline.process(["A text.", {"title": "no text here"}])
        with self.assertRaises(TypeError):
            self.pipeline.process([42])

    def test_shards_link_as_one_run(self):
        a = self.pipeline.process_shard([RUTO, {"title": "no text"}])
        self.assertEqual([i for i, _ in a["skipped"]], [1], "the item without text is reported, not raised")
        b = self.pipeline.process_shard({"id": "b", "text": "Abiy Ahmed and William Ruto held talks in Nairobi on 3 June 2024."})
        corpus = clio.link_shards([a, b])
        ruto = [e for e in corpus["entities"] if e["name"] == "William Ruto"]
        self.assertEqual(len(ruto), 1, "one id across shards")
        self.assertEqual(len(corpus["stories"]), 1, corpus["stories"])

    def test_the_module_function_and_tables(self):
        docs = clio.process([RUTO, "Dock workers in Rotterdam ended a strike."])
        self.assertEqual(len(docs), 2)
        try:
            import pandas  # noqa: F401
        except ImportError:
            self.skipTest("pandas is not installed")
        frame = clio.to_pandas(docs, "entities")
        self.assertIn("William Ruto", set(frame["name"]))
        self.assertEqual(set(frame["document"]), {d["id"] for d in docs if d["entities"]})
        self.assertEqual(len(clio.to_pandas(docs)), 2)


if __name__ == "__main__":
    unittest.main()
