"""The CRF mention tagger: tokens, labels, training, model lookup; texts written for these tests."""

import json

from newsweave.cli import main
from newsweave.stages import ner_tagger
from newsweave.stages.mentions import cue_hints, find_mentions
from newsweave.stages.ner_tagger import Example, Hint, Params, Span, bio, tokenize, train

_TEXTS = [("Yesterday Anna Berg visited Oslo with Mark Olsen.", [("Anna Berg", "PER"), ("Oslo", "LOC"),
                                                               ("Mark Olsen", "PER")]),
          ("The minister Carl Holm met Peter Lund in Bergen.", [("Carl Holm", "PER"), ("Peter Lund", "PER"),
                                                               ("Bergen", "LOC")]),
          ("Later Nora Dahl flew to Oslo and saw Anna Berg.", [("Nora Dahl", "PER"), ("Oslo", "LOC"),
                                                              ("Anna Berg", "PER")])]


def _example(text: str, names: list[tuple[str, str]]) -> Example:
    spans = tuple(Span(text.index(name), text.index(name) + len(name), kind) for name, kind in names)
    return Example(text, spans, tuple(cue_hints(text, "en")))


def test_ner_tagger_tokens_split_ocr_glued_words():
    text = "deParis 386Autriche"
    assert [text[s:e] for s, e in tokenize(text)] == ["de", "Paris", "386", "Autriche"]


def test_ner_tagger_bio_labels_cover_clitic_glued_tokens():
    text = "وبغداد كبيرة"
    tokens = tokenize(text)
    assert bio(tokens, [Span(1, 6, "LOC")]) == ["B-LOC", "O"]


def test_ner_tagger_features_carry_hints_and_neighbours():
    text = "Anna Berg spoke."
    tokens = tokenize(text)
    feats = ner_tagger.features(text, tokens, "en", [Hint(0, 9, "PER", "given-name")], window=2)
    assert "hint=B-PER:given-name" in feats[0] and "hint=I-PER:given-name" in feats[1]
    assert "+1w=berg" in feats[0] and "-2=edge" in feats[0]


def test_ner_tagger_features_read_ocr_gaps_and_collapsed_shapes():
    text = "Radio-Toulouse, PA¬RIS"
    tokens = tokenize(text)
    feats = ner_tagger.features(text, tokens, "fr", [], window=2)
    assert "gap+=none" in feats[0] and "gap-=none" in feats[2] and "gap-=sp" in feats[4]
    assert "sh1=Xx" in feats[0] and "sh1=X¬X" in feats[4]
    assert "-1w|w=-|toulouse" in feats[2] and "sh|+1sh=Xxx|-" in feats[0]


def test_ner_tagger_persian_goes_without_word_pairs():
    text = "علی رفت"
    feats = ner_tagger.features(text, tokenize(text), "fa", [], window=2)
    assert not any(f.startswith(("-1w|w=", "w|+1w=")) for f in feats[0])
    assert any(f.startswith("-1sh|sh=") for f in feats[0])


def test_ner_tagger_trains_tags_and_is_found_through_the_models_directory(tmp_path, monkeypatch):
    examples = [_example(text, names) for text, names in _TEXTS] * 4
    tagger = train(examples, "en", ner_tagger.model_path(tmp_path, "en"), Params(c1=0.0, c2=0.01),
                   {"licence": "test"})
    text = "Yesterday Anna Berg visited Oslo."
    assert Span(10, 19, "PER") in tagger.tag(text, cue_hints(text, "en"))
    monkeypatch.setenv(ner_tagger.MODELS_ENV, str(tmp_path))
    ner_tagger.load.cache_clear()
    try:
        assert ner_tagger.load("en").meta["licence"] == "test"
        assert any(m.cue == "model:crf" and m.text == "Anna Berg" for m in find_mentions(text, "en"))
    finally:
        ner_tagger.load.cache_clear()


def test_ner_tagger_bad_model_file_is_skipped(tmp_path, monkeypatch):
    ner_tagger.model_path(tmp_path, "xx").write_bytes(b"not a model")
    monkeypatch.setenv(ner_tagger.MODELS_ENV, str(tmp_path))
    ner_tagger.load.cache_clear()
    try:
        assert ner_tagger.load("xx") is None
    finally:
        ner_tagger.load.cache_clear()


def test_ner_tagger_train_command_writes_a_model(tmp_path, capsys):
    data = tmp_path / "train.jsonl"
    with open(data, "w", encoding="utf-8") as handle:
        for n, (text, names) in enumerate(_TEXTS * 3):
            entities = [{"start": text.index(x), "end": text.index(x) + len(x), "type": t, "text": x} for x, t in names]
            handle.write(json.dumps({"id": f"d{n}", "lang": "en", "text": text, "entities": entities}) + "\n")
    assert main(["train", "mentions", str(data), "--out", str(tmp_path / "models"), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["en"]["documents"] == 9
    assert ner_tagger.model_path(tmp_path / "models", "en").is_file()
    assert main(["train", "mentions", str(data), "--out", str(tmp_path), "--lang", "zz"]) == 1
