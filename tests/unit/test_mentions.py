"""How the mention finder combines its cues, and how `eval mentions` scores."""

import itertools
import json

from newsweave.eval.mentions import FileCorpus, evaluate_mentions, skip_clitics
from newsweave.records import Mention
from newsweave.stages.gazetteer import fold, key_of
from newsweave.stages import ner_tagger
from newsweave.stages.mentions import _Candidate, _resolve, find_mentions


class _Corpus:
    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def type_of(self, normal_name: str) -> str | None:
        return self.names.get(normal_name)


def test_mentions_resolve_prefers_rank_then_length():
    role = _Candidate(0, 10, "PER", "role:x", "minister", 1)
    longer_but_weaker = _Candidate(0, 20, "PER", "capitalised", None, 6)
    elsewhere = _Candidate(25, 30, "LOC", "gazetteer:city", None, 3)
    assert _resolve([longer_but_weaker, elsewhere, role]) == [role, elsewhere]


def test_mentions_are_sorted_non_overlapping_and_index_the_text():
    text = "Savunma Bakanı Hulusi Akar Ankara'da. Akar İstanbul'a gitti."
    found = find_mentions(text, "tr")
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert all(text[m.start:m.end] == m.text for m in found)


def test_mentions_family_name_recurs_within_the_text():
    found = find_mentions("Savunma Bakanı Hulusi Akar konuştu. Daha sonra Akar ayrıldı.", "tr")
    assert [(m.text, m.cue) for m in found if m.type == "PER"] == [
        ("Hulusi Akar", "role:savunma bakani"), ("Akar", "recurrence")]


def test_mentions_corpus_names_found_without_cues():
    text = "وصل غانتس صباحا."
    assert not [m for m in find_mentions(text, "ar") if m.type == "PER"]
    found = find_mentions(text, "ar", _Corpus({key_of("غانتس"): "PER"}))
    assert [(m.text, m.type, m.cue) for m in found] == [("غانتس", "PER", "corpus")]


def test_mentions_corpus_match_leaves_clitic_out():
    found = find_mentions("شكر وغانتس الجميع.", "ar", _Corpus({key_of("غانتس"): "PER"}))
    assert [m.text for m in found] == ["غانتس"]


def test_mentions_unknown_language_falls_back_on_script():
    assert find_mentions("زار الوفد بغداد.", None)[0].lang == "ar"


def test_fold_unifies_arabic_letter_forms_and_case():
    assert fold("إردوغان") == fold("اردوغان")
    assert key_of("Erdoğan") == key_of("ERDOGAN")


def test_eval_mentions_clitics_skipped_on_both_sides():
    text = "وبغداد"
    assert skip_clitics(text, 0, 6, "ar") == skip_clitics(text, 1, 6, "ar")
    assert skip_clitics("Bagdad", 0, 6, "en") == 0


def test_eval_mentions_file_corpus_needs_two_votes_for_one_word():
    corpus = FileCorpus()
    corpus.add([Mention(0, 5, "Akar", "PER", cue="role:bakan")])
    assert corpus.type_of("akar") is None
    corpus.add([Mention(0, 5, "Akar", "PER", cue="role:bakan"), Mention(0, 5, "Zed", "PER", cue="corpus")])
    assert corpus.type_of("akar") == "PER"
    assert corpus.type_of("zed") is None  # names the corpus recalled do not teach it


def test_eval_mentions_scores_exact_spans_and_writes_predictions(tmp_path):
    rows = [
        {"id": "a", "lang": "en", "text": "Chancellor Olaf Scholz visited Berlin.",
         "entities": [{"start": 11, "end": 22, "type": "PER", "text": "Olaf Scholz"},
                      {"start": 31, "end": 37, "type": "LOC", "text": "Berlin"}]},
        {"id": "b", "lang": "ar", "text": "سافر الوفد وبغداد تستعد.",
         "entities": [{"start": 11, "end": 17, "type": "LOC", "text": "وبغداد"}]},
    ]
    path = tmp_path / "m.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = evaluate_mentions(path, out)
    assert result["n"] == 2
    assert result["f1"] == {"overall": 1.0, "ar": 1.0, "en": 1.0}
    assert set(result["by_type"]) == {"PER", "ORG", "LOC"}
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["id"] == "a" and {"start": 11, "end": 22, "type": "PER"} in lines[0]["entities"]


class _FixedTagger:
    """A stand-in for a trained tagger: the same spans whatever the text."""

    def __init__(self, spans: list[ner_tagger.Span]) -> None:
        self.spans = spans

    def tag(self, text, hints=()):
        return self.spans


def test_mentions_a_person_the_role_cue_read_stays_a_person_where_the_tagger_typed_it_otherwise():
    text = "Israël exhorte Erdogan à agir. Le président turc Recep Tayyip Erdoğan a reçu Gantz."
    start = text.index("Erdogan")
    tagger = _FixedTagger([ner_tagger.Span(start, start + len("Erdogan"), "LOC")])
    found = {(m.text, m.type) for m in find_mentions(text, "fr", tagger=tagger)}
    assert ("Erdogan", "PER") in found and ("Recep Tayyip Erdoğan", "PER") in found
    assert ("Erdogan", "LOC") not in found
