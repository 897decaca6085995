"""`newsweave bench`: docs/s per stage and end to end, the ratio of end-to-end ingest to the
embedder alone on the same input, and peak memory. Timings live here, never in tests.

Inputs: the bundled demo corpus, and optionally a generated corpus of N articles (fixed seed,
sentences of the demo corpus recombined: realistic lengths and languages, clearly synthetic),
ingested online while the time per article is recorded for every 1,000 stored.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

from newsweave.engine import Engine
from newsweave.pipeline import compute_signals, prepare
from newsweave.records import RawDoc
from newsweave.stages import lexical
from newsweave.stages.entities import EntityResolver
from newsweave.stages.embed import UseEmbedder, lead_text
from newsweave.store import open_store

WINDOW = 1000


def demo_docs() -> list[RawDoc]:
    text = resources.files("newsweave.demo").joinpath("corpus.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [RawDoc(source=f"demo#{i}", title=r["title"], text=r["text"], lang=r.get("lang"), outlet=r.get("source"))
            for i, r in enumerate(rows, 1)]


# Share of words swapped for another word of the language: recombined demo paragraphs would
# otherwise be near-copies of each other, which syndication detection (rightly) links instead
# of clustering; at 1 in 4, two articles sharing a paragraph keep ~40% of its word 3-grams.
SWAPPED_WORDS = 0.25


def generated_docs(n: int, seed: int = 13) -> list[RawDoc]:
    """N synthetic articles: each mixes 4-8 paragraphs of one demo language, a quarter of their
    words swapped for other words of that language, plus a random number in the title."""
    rng = random.Random(seed)
    by_lang: dict[str, list[str]] = {}
    for doc in demo_docs():
        by_lang.setdefault(doc.lang or "und", []).extend(p for p in (doc.text or "").split("\n") if len(p) > 40)
    words = {lang: sorted({w for p in paragraphs for w in p.split()}) for lang, paragraphs in by_lang.items()}
    langs = sorted(by_lang)
    docs = []
    for i in range(n):
        lang = rng.choice(langs)
        paragraphs = rng.sample(by_lang[lang], k=min(len(by_lang[lang]), rng.randint(4, 8)))
        body = "\n\n".join(" ".join(rng.choice(words[lang]) if rng.random() < SWAPPED_WORDS else w
                                      for w in p.split()) for p in paragraphs)
        title = f"{body.split('.')[0][:80]} {rng.randint(1, 10**6)}"
        docs.append(RawDoc(source=f"generated#{i}", title=title, text=body, lang=lang))
    return docs


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 2) if seconds > 0 else 0.0


def bench_stages(docs: list[RawDoc], embedder) -> dict:
    """Per-stage docs/s on one corpus, end-to-end ingest and the embedder alone."""
    # First calls pay one-off set-up costs (model, gazetteers, name tables): not per-article work.
    embedder.encode([doc.title or "warm-up" for doc in docs[:8]])
    for doc in docs[:3]:
        prepare(doc)
    EntityResolver()
    start = time.perf_counter()
    prepared = [prepare(doc).article for doc in docs]
    prepare_s = time.perf_counter() - start
    start = time.perf_counter()
    embedder.encode([lead_text(a.title, a.text) for a in prepared])
    embedder.encode([a.title for a in prepared])
    embed_s = time.perf_counter() - start
    start = time.perf_counter()
    for a in prepared:
        lexical.signature(lead_text(a.title, a.text))
    lexical_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as scratch:
        with Engine(open_store(f"sqlite:///{scratch}/bench.db"), embedder=embedder) as engine:
            start = time.perf_counter()
            engine.ingest_docs(docs, progress=False)
            total_s = time.perf_counter() - start
    return {
        "docs": len(docs),
        "stages_docs_per_s": {"extract_clean_language_date": _rate(len(docs), prepare_s),
                              "embed": _rate(len(docs), embed_s), "lexical": _rate(len(docs), lexical_s)},
        "end_to_end_docs_per_s": _rate(len(docs), total_s),
        "embedder_alone_docs_per_s": _rate(len(docs), embed_s),
        "end_to_end_vs_embedder": round(embed_s / total_s, 3) if total_s else 0.0,
    }


def bench_growth(docs: list[RawDoc], embedder) -> list[dict]:
    """Ingest online and report the mean ms per article for each window of 1,000 stored."""
    points = []
    with tempfile.TemporaryDirectory() as scratch:
        with Engine(open_store(f"sqlite:///{scratch}/growth.db"), embedder=embedder) as engine:
            for start in range(0, len(docs), WINDOW):
                window = docs[start:start + WINDOW]
                began = time.perf_counter()
                engine.ingest_docs(window, progress=False)
                elapsed = time.perf_counter() - began
                points.append({"stored": start + len(window), "ms_per_article": round(1000 * elapsed / len(window), 2)})
                print(f"bench: {points[-1]}", file=sys.stderr)
    return points


def bench_pages(n: int, workers: tuple[int, ...] = (1, 2)) -> dict:
    """HTML ingest from generated crawl WARCs (100 pages a file): serial, and on local Dask clusters
    of each size in ``workers``, each as docs/s and as a ratio to the embedder alone on the same
    articles. Cluster start-up is included (it is part of what a user waits for)."""
    from newsweave.eval.warcs import write_warcs

    embedder = UseEmbedder()
    docs = generated_docs(n)
    with tempfile.TemporaryDirectory() as scratch:
        inputs = [str(path) for path in write_warcs(docs, Path(scratch) / "warcs", per_file=100)]
        articles = [prepare(doc).article for doc in docs]
        embedder.encode(["warm-up"])
        began = time.perf_counter()
        embedder.encode([lead_text(a.title, a.text) for a in articles])
        embedder.encode([a.title for a in articles])
        embed_rate = _rate(n, time.perf_counter() - began)
        runs = {}
        for size in (0, *workers):
            with Engine(open_store(f"sqlite:///{scratch}/pages-{size}.db"), embedder=embedder) as engine:
                began = time.perf_counter()
                report = engine.ingest(inputs, progress=False, workers=size or None)
                elapsed = time.perf_counter() - began
            rate = _rate(report.ingested, elapsed)
            runs["serial" if size == 0 else f"{size}_workers"] = {
                "ingested": report.ingested, "docs_per_s": rate, "vs_embedder": round(rate / embed_rate, 3),
                "articles_per_day": int(rate * 86400), **({"shards": report.shards} if report.shards else {})}
            print(f"bench --pages: {runs}", file=sys.stderr)
    return {"pages": n, "synthetic": True, "embedder_alone_docs_per_s": embed_rate, "runs": runs,
            "machine_cpus": __import__("os").cpu_count()}


def run_bench(docs: int = 0) -> dict:
    embedder = UseEmbedder()
    result = {"machine_cpus": __import__("os").cpu_count(), "demo": bench_stages(demo_docs(), embedder)}
    if docs:
        corpus = generated_docs(docs)
        result["generated"] = bench_stages(corpus[:min(len(corpus), 500)], embedder)
        result["generated"]["growth"] = bench_growth(corpus, embedder)
        result["generated"]["synthetic"] = True
    result["peak_rss_mb"] = _peak_rss_mb()
    return result
