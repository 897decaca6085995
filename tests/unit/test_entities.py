"""Entity resolution across articles, scripts and spellings, with names we wrote."""

from newsweave.records import Mention
from newsweave.stages.entities import EntityResolver, group_mentions


def mention(text, type_="PER", lang="en", role=None, start=0):
    return Mention(start=start, end=start + len(text), text=text, type=type_, lang=lang, role=role)


def resolve_articles(resolver, articles):
    return [resolver.resolve(f"art{number}", mentions)[:2] for number, mentions in enumerate(articles)]


def test_entities_group_short_and_full_names_within_an_article():
    groups = group_mentions([mention("Daniel Oren"), mention("Oren", start=40), mention("Oren", "LOC", start=80)])
    assert sorted(map(sorted, groups)) == [[0, 1], [2]]


def test_entities_countries_resolve_across_languages_without_corpus_evidence():
    resolver = EntityResolver()
    ids = [resolver.resolve("a", [mention(name, "LOC", lang)])[0][0].entity_id
           for name, lang in (("Turquie", "fr"), ("تركيا", "ar"), ("Türkiye", "tr"), ("Turkey", "en"))]
    assert set(ids) == {"country:TR"}


def test_entities_one_person_across_scripts_and_spellings():
    resolver = EntityResolver()
    articles = [
        [mention("دانيال أورين", lang="ar", role="foreign minister"), mention("قبرص", "LOC", "ar")],
        [mention("Daniel Oren", lang="fr", role="foreign minister"), mention("Chypre", "LOC", "fr")],
        [mention("أورين", lang="ar"), mention("قبرص", "LOC", "ar")],
    ]
    resolved = resolve_articles(resolver, articles)
    people = {out[0].entity_id for out, _ in resolved}
    assert len(people) == 1
    assert all(link.method for _, links in resolved for link in links)


def test_entities_different_people_sharing_a_family_name_stay_apart():
    resolver = EntityResolver()
    resolved = resolve_articles(resolver, [[mention("Maria Lindqvist")], [mention("Johan Lindqvist")]])
    assert resolved[0][0][0].entity_id != resolved[1][0][0].entity_id


def test_entities_a_typo_links_when_context_agrees():
    resolver = EntityResolver()
    first = [mention("بيني غانتس", lang="ar", role="defence minister"), mention("أنقرة", "LOC", "ar")]
    typo = [mention("غناتس", lang="ar"), mention("أنقرة", "LOC", "ar")]
    (out1, _), (out2, links2) = resolve_articles(resolver, [first, typo])
    assert out2[0].entity_id == out1[0].entity_id
    assert "context" in links2[0].method or links2[0].score >= 0.92


def test_entities_namesakes_in_other_countries_stay_apart():
    resolver = EntityResolver()
    home = [mention("Paul Murphy"), mention("Ireland", "LOC"), mention("Dublin", "LOC")]
    abroad = [mention("Paul Murphy"), mention("Australia", "LOC")]
    again = [mention("Paul Murphy"), mention("Ireland", "LOC")]
    (first, _), (second, links), (third, _) = resolve_articles(resolver, [home, abroad, again])
    assert second[0].entity_id != first[0].entity_id
    assert links[0].context == [f"context-conflict:{first[0].entity_id}"]
    assert third[0].entity_id == first[0].entity_id


def test_entities_a_person_abroad_keeps_one_entity_when_a_country_is_shared():
    resolver = EntityResolver()
    visit1 = [mention("Daniel Oren"), mention("Israel", "LOC"), mention("Turkey", "LOC")]
    visit2 = [mention("Daniel Oren"), mention("Israel", "LOC"), mention("Azerbaijan", "LOC")]
    (first, _), (second, _) = resolve_articles(resolver, [visit1, visit2])
    assert second[0].entity_id == first[0].entity_id
