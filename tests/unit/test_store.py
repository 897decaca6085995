"""Store behaviour through the engine: re-ingest is a no-op, exact duplicates are recorded once."""

from newsweave.records import RawDoc

TEXT = ("Firefighters contained a forest fire near the northern border on Tuesday after two days of work. "
        "Around 300 residents returned home in the evening.")


def test_store_reingest_is_a_no_op(engine):
    doc = RawDoc(source="a.txt", title="Fire contained near border", text=TEXT)
    assert engine.ingest_docs([doc], progress=False).ingested == 1
    again = engine.ingest_docs([doc], progress=False)
    assert (again.ingested, again.duplicates) == (0, 1)
    assert len(engine.articles()) == 1


def test_store_exact_duplicate_from_another_source_is_recorded_not_added(engine):
    docs = [RawDoc(source="a.txt", title="Fire contained near border", text=TEXT),
            RawDoc(source="b.txt", title="Fire contained near border", text=TEXT)]
    report = engine.ingest_docs(docs, progress=False)
    assert (report.ingested, report.duplicates) == (1, 1)
    assert ("b.txt", engine.articles()[0].content_hash) in engine.store.sources()


def test_store_article_round_trip_keeps_fields(engine):
    from datetime import datetime, timezone

    published = datetime(2026, 3, 4, 9, 30, tzinfo=timezone.utc)
    engine.ingest_docs([RawDoc(source="x", title="Fire contained", text=TEXT, outlet="Valley Times",
                               url="https://valley.example/fire", published=published, author="A. Writer")],
                       progress=False)
    article = engine.articles()[0]
    assert (article.outlet, article.url, article.published, article.author) == (
        "Valley Times", "https://valley.example/fire", published, "A. Writer")
    assert article.published_from == "metadata" and article.lang == "en"


def test_store_date_from_text_when_metadata_has_none(engine):
    engine.ingest_docs([RawDoc(source="x", title="Fire contained", text="BERLIN, 4 March 2026 — " + TEXT)],
                       progress=False)
    article = engine.articles()[0]
    assert article.published.date().isoformat() == "2026-03-04" and article.published_from == "text"


def test_store_no_date_is_never_invented(engine):
    engine.ingest_docs([RawDoc(source="x", title="Fire contained", text=TEXT)], progress=False)
    assert engine.articles()[0].published is None


def test_store_nul_characters_are_dropped_not_fatal(engine):
    report = engine.ingest_docs([RawDoc(source="nul.txt", title="Fire\x00 contained", text=TEXT.replace(" ", " \x00", 3))],
                                progress=False)
    assert report.ingested == 1 and not report.failed
    article = engine.articles()[0]
    assert "\x00" not in article.title + article.text and article.title == "Fire contained"
