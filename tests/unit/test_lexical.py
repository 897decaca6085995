import numpy as np

from newsweave.stages import lexical


def test_lexical_fold_unifies_arabic_letter_forms_and_diacritics():
    assert lexical.fold("إردوغان") == lexical.fold("اردوغان")
    assert lexical.fold("Erdoğan") == "erdogan"


def test_lexical_similarity_is_one_for_same_text_and_low_for_unrelated():
    df = lexical.DocumentFrequencies()
    a = lexical.signature("The minister visited Ankara on Thursday to sign a defence pact.")
    b = lexical.signature("Heavy rain flooded the valley and closed three schools.")
    for sig in (a, b):
        df.add(sig)
    assert abs(lexical.similarity(a, a, df) - 1.0) < 1e-6
    assert lexical.similarity(a, b, df) < 0.2


def test_lexical_idf_downweights_ngrams_seen_everywhere():
    df = lexical.DocumentFrequencies()
    common = lexical.signature("said")
    for _ in range(10):
        df.add(common)
    rare = lexical.signature("Kemerli")
    df.add(rare)
    assert df.idf(common.buckets).mean() < df.idf(rare.buckets).mean()


def test_lexical_empty_text_has_empty_signature():
    sig = lexical.signature("  ,,, ")
    assert sig.buckets.size == 0
    assert lexical.similarity(sig, lexical.signature("word"), lexical.DocumentFrequencies()) == 0.0
    assert sig.buckets.dtype == np.int32
