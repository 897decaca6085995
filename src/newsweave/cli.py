"""`newsweave` command line: parse, call the Engine or an evaluation, print. Nothing else.

`--format json` prints one JSON document on stdout; logs and progress go to stderr.
Exit status: 0 ok, 1 bad input or partial failure, 2 usage error (CONTRACT.md).
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from newsweave.errors import BadInput, NewsweaveError
from newsweave.shapes import article_json, event_document, event_json

LOGGER = logging.getLogger("newsweave")


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _print_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=_json_default) + "\n")


def _engine(args: argparse.Namespace):
    from newsweave.engine import Engine

    return Engine.open(args.db)


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


# ---- commands -------------------------------------------------------------------------------
def cmd_ingest(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        report = engine.ingest(args.inputs, source_name=args.source_name,
                               allow_private_network=args.allow_private_network, stdin=sys.stdin.buffer,
                               workers=args.workers, scheduler=args.scheduler)
    for failure in report.failed:
        print(failure.error, file=sys.stderr)
    if args.format == "json":
        _print_json(report.as_json())
    else:
        print(f"ingested {report.ingested}, duplicates {report.duplicates}, failed {len(report.failed)}")
    return 1 if report.failed else 0


def _change_line(change) -> str:
    what = {"opened": "opened", "merged": f"absorbed {change.other_event_id}",
            "absorbed": f"merged into {change.other_event_id}", "split": f"split off {change.other_event_id}",
            "split_from": f"split from {change.other_event_id}", "late_join": "an article joined after it closed",
            "storyline": f"{change.reason.get('decision', 'placed')} storyline {change.other_event_id}"}
    reason = ", ".join(f"{k} {v}" for k, v in change.reason.items() if k not in ("decision", "features"))
    articles = f" ({len(change.article_ids)} article(s))" if change.article_ids and change.kind != "opened" else ""
    return f"{change.at.isoformat() if change.at else '?'}  {change.event_id}: {what.get(change.kind, change.kind)}" \
           f"{articles}{'; ' + reason if reason else ''}"


def cmd_articles(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        articles = engine.articles()
    if args.format == "json":
        _print_json([article_json(a) for a in articles])
    else:
        for a in articles:
            date = a.published.date().isoformat() if a.published else "----------"
            print(f"{a.id}  {a.lang or '??':<3} {date}  {a.event_id}  {a.title[:70]}")
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        articles = {a.id: a for a in engine.articles()}
        events = engine.events()
    documents = [event_json(e, [articles[i] for i in e.article_ids]) for e in events]
    if args.format == "json":
        _print_json(documents)
    else:
        for event in documents:
            extra = (f" + {event['copies']} cop{'y' if event['copies'] == 1 else 'ies'}" if event["copies"] else "") + \
                (" (closed)" if event["closed"] else "")
            print(f"{event['id']}  {event['size']} article(s){extra}  [{', '.join(event['languages'])}]  "
                  f"{event['title'][:70]}")
            for a in event["articles"]:
                print(f"    {a['lang'] or '??':<3} {a['title'][:80]}  ({a['source']})")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        event = engine.event(args.event_id)
        document = event_document(engine, args.event_id)
        history = engine.event_history(args.event_id)
    titles, entities, quotes, actions = (document[k] for k in ("titles", "entities", "quotes", "actions"))
    if args.format == "json":
        _print_json(document)
    else:
        if event.id != args.event_id:
            print(f"{args.event_id} was merged into {event.id}")
        print(f"{event.id}: {event.title}\n  {event.size} article(s), languages: {', '.join(event.languages)}"
              + (f", {event.copies} syndicated cop{'y' if event.copies == 1 else 'ies'}" if event.copies else "")
              + (", closed" if event.closed else ""))
        for lang, title in titles.items():
            print(f"  title [{lang}]: {title}")
        for item in document["articles"]:
            ev = item["evidence"]
            why = {"joined": f"joined via {ev.get('nearest_article')} (similarity {ev.get('similarity')})",
                   "syndicated": f"syndicated copy of {ev.get('original')} (similarity {ev.get('similarity')})"}.get(
                ev.get("decision"), "opened an event")
            print(f"  {item['id']} {item['lang'] or '??':<3} {item['title'][:70]}\n      {why}")
        if entities:
            print("  entities: " + "; ".join(f"{e['name']} ({e['type']}, {len(e['article_ids'])})" for e in entities[:15]))
        for q in quotes[:10]:
            print(f"  quote: {q['speaker_text'] or '?'}: {q['text'][:90]}")
        for record in actions[:15]:
            print("  " + _action_line(record))
        if history:
            print("  history:")
            for change in history:
                print("    " + _change_line(change))
    return 0


def _action_line(record: dict) -> str:
    target = f" -> {record['target_text']}" if record["target_text"] else ""
    place = f" @ {record['place_text']}" if record["place_text"] else ""
    evidence = " ".join(record["sentence"].split())
    return (f"action: {record['date'] or '----------'} {record['action']:<8} {record['actor_text']}{target}{place}"
            f"  [{record['cue']}]  ({record['article_id']})\n      {evidence[:150]}")


def cmd_actions(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        records = engine.actions(args.entity, args.action)
    if args.format == "json":
        _print_json(records)
    else:
        for record in records:
            print(_action_line(record))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from newsweave.api import create_app

    app = create_app(args.db, read_key=args.read_key)
    print(f"newsweave: web UI at http://{args.host}:{args.port}/  (API under /api/, OpenAPI at /openapi.json)",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="debug" if args.verbose else "warning")
    return 0


def cmd_storylines(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        storylines = engine.storyline_list()
    if args.format == "json":
        _print_json(storylines)
    else:
        shown = [s for s in storylines if args.all or len(s["event_ids"]) > 1]
        if len(shown) < len(storylines):
            print(f"{len(storylines) - len(shown)} storyline(s) of a single event not shown (--all shows them)")
        for storyline in shown:
            print(f"{storyline['id']}  {len(storyline['event_ids'])} event(s)  {storyline['title'][:90]}")
            for item in storyline["timeline"]:
                when = item["first_published"].date().isoformat() if item["first_published"] else "----------"
                print(f"    {when}  {item['event_id']}  {item['title'][:70]}")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        event = engine.event(args.event_id)
        summary = engine.event_summary(event.id, args.lang, args.sentences)
    document = {"event_id": event.id, **summary.as_json()}
    if args.format == "json":
        _print_json(document)
    else:
        print(f"{event.id}: {event.title}  [summary in {summary.lang}]")
        for s in summary.sentences:
            marker = "" if s.in_requested_lang else f" [{s.lang}: no {summary.lang} article says this]"
            print(f"  - {s.text}{marker}  ({s.article_id})")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        event = engine.event(args.event_id)
        report = engine.event_coverage(event.id)
    if args.format == "json":
        _print_json({"event_id": event.id, **report.as_json()})
    else:
        print(f"{event.id}: {event.title}")
        print(report.table())
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        entities = engine.entities()
    if args.format == "json":
        _print_json(entities)
    else:
        for e in entities:
            variants = ", ".join(f"{v['text']} ({v['lang']}, {v['count']})" for v in e["variants"][:8])
            print(f"{e['id']}  {e['type']}  {e['name']}  [{len(e['article_ids'])} article(s)]\n    {variants}")
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        quotes = engine.quotes(args.entity)
    if args.format == "json":
        _print_json(quotes)
    else:
        for q in quotes:
            who = q["speaker_text"] or "?"
            print(f"{q['article_id']}  {who} [{q['speaker_entity_id'] or '-'}]: {q['text'][:100]}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.exists():
        raise BadInput(args.file, "no such file")
    predictions = Path(args.predictions) if getattr(args, "predictions", None) else None
    if args.what == "pairs":
        from newsweave.eval.pairs import evaluate_pairs, write_fitted_params

        if args.fit:
            from importlib import resources

            target = Path(str(resources.files("newsweave.stages").joinpath("similarity_params.json")))
            write_fitted_params(path, target)
            print(f"wrote {target}", file=sys.stderr)
        result = evaluate_pairs(path, cv_folds=args.cv)
    elif args.what == "names":
        from newsweave.eval.names import evaluate_names

        result = evaluate_names(path, Path(args.negatives) if args.negatives else None, gazetteer=not args.no_gazetteer)
    elif args.what == "extraction":
        from newsweave.eval.extraction import evaluate_extraction

        result = evaluate_extraction(path)
    elif args.what == "clusters":
        from newsweave.eval.clusters import evaluate_clusters

        result = evaluate_clusters(path, predictions=predictions, orders=args.orders, seed=args.seed)
    elif args.what == "syndication":
        from newsweave.eval.syndication import evaluate_syndication

        result = evaluate_syndication(path)
    elif args.what == "storylines":
        from newsweave.eval.storylines import evaluate_storylines

        result = evaluate_storylines(path)
    elif args.what == "mentions":
        from newsweave.eval.mentions import evaluate_mentions

        result = evaluate_mentions(path, predictions=predictions, cv=args.cv)
    elif args.what == "dates":
        from newsweave.eval.dates import evaluate_dates

        result = evaluate_dates(path, predictions=predictions)
    else:
        from newsweave.eval.quotes import evaluate_quotes

        result = evaluate_quotes(path, predictions=predictions)
    if args.format == "json":
        _print_json(result)
    else:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from newsweave.eval.mentions import train_models

    path = Path(args.file)
    if not path.exists():
        raise BadInput(args.file, "no such file")
    result = train_models(path, Path(args.out), langs=args.lang or (), licence=args.licence)
    if args.format == "json":
        _print_json(result)
    else:
        for lang, info in result.items():
            print(f"{lang}: {info['documents']} documents -> {info['model']} ({info['bytes']} bytes)")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    if args.load:
        from newsweave.eval.load import run_load

        result = run_load(args.load, rate=args.rate, db_url=args.db)
    elif args.kills:
        from newsweave.eval.kills import run_kills

        result = run_kills(args.kills, db_url=args.db)
    elif args.pages:
        from newsweave.eval.bench import bench_pages

        result = bench_pages(args.pages)
    elif args.scale:
        from newsweave.eval.scale import run_scale

        # A store to grow: a scratch SQLite file unless --db names one (never the default store).
        result = run_scale(args.scale, db_url=args.db)
    else:
        from newsweave.eval.bench import run_bench

        result = run_bench(docs=args.docs)
    if args.format == "json":
        _print_json(result)
    else:
        print(json.dumps(result, indent=2))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        if args.output is None:
            rows = engine.export(sys.stdout)
        else:
            with _created(args.output) as out:
                rows = engine.export(out)
    print(f"exported {rows} rows", file=sys.stderr)
    return 0


def _created(path: str):
    """A new file for an export (refusing to overwrite one), with a one-line error if it cannot be."""
    try:
        return open(path, "x", encoding="utf-8")
    except OSError as error:
        raise BadInput(path, f"cannot create the export file: {error.strerror or error}") from None


def cmd_import(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        if args.file == "-":
            rows = engine.import_(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8"), "<stdin>")
        else:
            try:
                with open(args.file, encoding="utf-8") as lines:
                    rows = engine.import_(lines, args.file)
            except OSError as error:
                raise BadInput(args.file, f"cannot read: {error.strerror or error}") from None
        articles = engine.store.count_articles()
    if args.format == "json":
        _print_json({"rows": rows, "articles": articles})
    else:
        print(f"imported {rows} rows ({articles} articles)")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        report = engine.verify()
    if args.format == "json":
        _print_json(report)
    else:
        for line in report["repaired"]:
            print(f"repaired: {line}")
        for line in report["problems"]:
            print(f"problem: {line}")
        print(f"{'ok' if report['ok'] else 'NOT OK'}: {report['articles']} articles checked")
    return 0 if report["ok"] else 1


# ---- parser ---------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=None,
                        help="database URL (default: $NEWSWEAVE_DB, else sqlite:///newsweave.db)")
    common.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    common.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")

    parser = argparse.ArgumentParser(prog="newsweave", description="Multilingual news into connected events.")
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", parents=[common], help="ingest files, directories, feeds, URLs or - (stdin)")
    ingest.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    ingest.add_argument("--source-name", help="outlet name for inputs that do not name one")
    ingest.add_argument("--allow-private-network", action="store_true",
                        help="allow fetching URLs on loopback/private addresses (intranet feeds)")
    cluster = ingest.add_mutually_exclusive_group()
    cluster.add_argument("--workers", type=_positive_int, metavar="N",
                         help="run the per-article stages on a local Dask cluster of N worker processes")
    cluster.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                         help="run them on an existing Dask cluster (`dask scheduler`, `dask worker`)")
    ingest.set_defaults(func=cmd_ingest)

    sub.add_parser("articles", parents=[common], help="list stored articles").set_defaults(func=cmd_articles)
    sub.add_parser("events", parents=[common], help="list events with their articles").set_defaults(func=cmd_events)
    show = sub.add_parser("show", parents=[common], help="one event with the evidence of each decision")
    show.add_argument("event_id")
    show.set_defaults(func=cmd_show)

    actions = sub.add_parser("actions", parents=[common], help="who did what to whom, where, when, with evidence")
    actions.add_argument("--entity", help="only records whose actor or target is this entity id")
    actions.add_argument("--action", help="only this action (visit, meet, say, sign, accuse, condemn, call_for, "
                                          "threaten, attack)")
    actions.set_defaults(func=cmd_actions)
    storylines = sub.add_parser("storylines", parents=[common], help="storylines: events of one ongoing story, as timelines")
    storylines.add_argument("--all", action="store_true", help="also list storylines of a single event")
    storylines.set_defaults(func=cmd_storylines)
    summary = sub.add_parser("summary", parents=[common], help="an event's extractive summary, in a chosen language")
    summary.add_argument("event_id")
    summary.add_argument("--lang", help="language of the summary (default: the event's main language)")
    summary.add_argument("--sentences", type=int, default=5, help="at most this many sentences (default 5)")
    summary.set_defaults(func=cmd_summary)
    coverage = sub.add_parser("coverage", parents=[common],
                              help="which outlets and languages covered an event, and what each leaves out")
    coverage.add_argument("event_id")
    coverage.set_defaults(func=cmd_coverage)

    sub.add_parser("entities", parents=[common], help="entities with their variants across scripts").set_defaults(
        func=cmd_entities)
    quotes = sub.add_parser("quotes", parents=[common], help="quotes with their speakers")
    quotes.add_argument("--entity", help="only quotes whose speaker is this entity id")
    quotes.set_defaults(func=cmd_quotes)

    evaluate = sub.add_parser("eval", help="measure quality on annotated data")
    eval_sub = evaluate.add_subparsers(dest="what", required=True)
    pairs = eval_sub.add_parser("pairs", parents=[common], help="similarity vs human ratings (SemEval-2022 Task 8)")
    pairs.add_argument("file")
    pairs.add_argument("--cv", type=int, default=0, metavar="K",
                       help="score out-of-fold: refit the similarity on K-1 folds for each fold")
    pairs.add_argument("--fit", action="store_true", help="refit the shipped similarity parameters on FILE first")
    names = eval_sub.add_parser("names", parents=[common], help="cross-script name resolution vs Wikidata variants")
    names.add_argument("file")
    names.add_argument("--negatives", help="pairs of distinct entities that must not be merged")
    names.add_argument("--no-gazetteer", action="store_true",
                       help="resolve by spelling alone (no CLDR/GeoNames exonym lookups)")
    extraction = eval_sub.add_parser("extraction", parents=[common], help="main-text extraction vs gold")
    extraction.add_argument("file", metavar="MANIFEST")
    syndication = eval_sub.add_parser("syndication", parents=[common],
                                      help="syndicated-copy detection: generated wire copies vs distinct articles")
    syndication.add_argument("file", help="article pairs (the eval pairs format)")
    eval_storylines = eval_sub.add_parser("storylines", parents=[common],
                                          help="same-storyline links: halves of one event vs look-alike events (ECB+)")
    eval_storylines.add_argument("file", help="articles with gold clusters and topics (the eval clusters format)")
    annotated = [eval_sub.add_parser(name, parents=[common], help=text) for name, text in (
        ("clusters", "online events vs gold clusters"),
        ("mentions", "people, organisations, places vs annotated news"),
        ("dates", "dates anchored to the publication date vs TIMEX3 gold"),
        ("quotes", "quotes and speakers vs annotated news"))]
    for parser_ in annotated:
        parser_.add_argument("file")
        parser_.add_argument("--predictions", help="write per-document predictions (JSONL) here")
    annotated[1].add_argument("--cv", type=int, default=0, metavar="K",
                              help="score out-of-fold: per language, train the tagger on K-1 folds of documents "
                                   "and tag the held-out fold (default: the models found at run time)")
    annotated[0].add_argument("--orders", type=int, default=0, metavar="K",
                              help="also cluster K random orders of the file and report how the grouping changes")
    annotated[0].add_argument("--seed", type=int, default=0, help="seed of the random orders (default 0)")
    for p in (pairs, names, extraction, syndication, eval_storylines, *annotated):
        p.set_defaults(func=cmd_eval)

    train = sub.add_parser("train", help="train models from annotated data you are licensed to use")
    train_sub = train.add_subparsers(dest="what", required=True)
    train_mentions = train_sub.add_parser("mentions", parents=[common],
                                          help="a mention tagger per language (the eval mentions format)")
    train_mentions.add_argument("file")
    train_mentions.add_argument("--out", required=True,
                                help="directory for the models; point $NEWSWEAVE_MODELS at it to use them")
    train_mentions.add_argument("--lang", nargs="+", help="only these languages (default: every one in FILE)")
    train_mentions.add_argument("--licence", default="", help="licence of the training data, kept with the model")
    train_mentions.set_defaults(func=cmd_train)

    serve = sub.add_parser("serve", parents=[common], help="HTTP API under /api/ (OpenAPI at /openapi.json), web UI at /")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--read-key", action="store_true", help="reads need the API key too ($NEWSWEAVE_API_KEY)")
    serve.set_defaults(func=cmd_serve)

    export = sub.add_parser("export", parents=[common], help="the whole store as JSON lines (stdout, or --output)")
    export.add_argument("--output", "-o", metavar="FILE", help="write to this new file instead of stdout")
    export.set_defaults(func=cmd_export, format="jsonl")
    imported = sub.add_parser("import", parents=[common], help="load an export into an empty store")
    imported.add_argument("file", metavar="FILE.jsonl", help="an export (- for stdin)")
    imported.set_defaults(func=cmd_import)
    sub.add_parser("verify", parents=[common], help="check the store's integrity; rebuild its vector index if it "
                   "does not match").set_defaults(func=cmd_verify)

    bench = sub.add_parser("bench", parents=[common], help="throughput per stage and end to end, peak memory")
    bench.add_argument("--docs", type=int, default=0, help="also time a generated corpus of N articles")
    bench.add_argument("--scale", type=_positive_int, default=0, metavar="N",
                       help="grow a store to N synthetic articles; latency, articles/s, memory at 10k, 100k, 1M... "
                            "(a scratch SQLite store unless --db is given)")
    bench.add_argument("--pages", type=_positive_int, default=0, metavar="N",
                       help="HTML ingest of N generated pages in WARC files: serial, then 1 and 2 Dask workers")
    bench.add_argument("--kills", type=_positive_int, default=0, metavar="N",
                       help="SIGKILL an ingest at N random moments; check the store after each (a scratch SQLite "
                            "store unless --db names an empty one)")
    bench.add_argument("--load", type=_positive_int, default=0, metavar="SECONDS",
                       help="mixed reads against `newsweave serve` on 127.0.0.1 for SECONDS while it ingests: "
                            "latency percentiles and errors (locust; a scratch SQLite store unless --db names an "
                            "empty one)")
    bench.add_argument("--rate", type=_positive_int, default=200, help="requests per second for --load (default 200)")
    bench.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if getattr(args, "verbose", False) else logging.ERROR,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return args.func(args)
    except BadInput as error:
        print(f"newsweave: {error}", file=sys.stderr)
        return 1
    except NewsweaveError as error:
        print(f"newsweave: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and cut short: not an error
        sys.stderr.close()
        return 0
    except OSError as error:  # the disk, not the input: full, read-only, gone
        print(f"newsweave: {error.filename or 'a file'}: {error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsweave: interrupted; everything committed so far is kept", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
