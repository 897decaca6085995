"""Entity resolution across articles, scripts and spellings, with names we wrote."""

from newsweave.records import Mention
from newsweave.stages.entities import EntityContext, EntityResolver, group_mentions


def mention(text, type_="PER", lang="en", role=None, start=0):
    return Mention(start=start, end=start + len(text), text=text, type=type_, lang=lang, role=role)


class Memory(EntityContext):
    """Context from what this test resolved so far (the engine uses the store)."""

    def __init__(self):
        self.articles: list[set[str]] = []

    def cooccurring(self, entity_id):
        return set().union(*(ids for ids in self.articles if entity_id in ids)) - {entity_id}


def resolve_articles(resolver, memory, articles):
    resolved = []
    for number, mentions in enumerate(articles):
        out, links, _ = resolver.resolve(f"art{number}", mentions)
        memory.articles.append({m.entity_id for m in out})
        resolved.append((out, links))
    return resolved


def test_entities_group_short_and_full_names_within_an_article():
    groups = group_mentions([mention("Daniel Oren"), mention("Oren", start=40), mention("Oren", "LOC", start=80)])
    assert sorted(map(sorted, groups)) == [[0, 1], [2]]


def test_entities_countries_resolve_across_languages_without_corpus_evidence():
    resolver = EntityResolver()
    ids = [resolver.resolve("a", [mention(name, "LOC", lang)])[0][0].entity_id
           for name, lang in (("Turquie", "fr"), ("تركيا", "ar"), ("Türkiye", "tr"), ("Turkey", "en"))]
    assert set(ids) == {"country:TR"}


def test_entities_one_person_across_scripts_and_spellings():
    memory = Memory()
    resolver = EntityResolver(memory)
    articles = [
        [mention("دانيال أورين", lang="ar", role="foreign minister"), mention("قبرص", "LOC", "ar")],
        [mention("Daniel Oren", lang="fr", role="foreign minister"), mention("Chypre", "LOC", "fr")],
        [mention("أورين", lang="ar"), mention("قبرص", "LOC", "ar")],
    ]
    resolved = resolve_articles(resolver, memory, articles)
    people = {out[0].entity_id for out, _ in resolved}
    assert len(people) == 1
    assert all(link.method for _, links in resolved for link in links)


def test_entities_different_people_sharing_a_family_name_stay_apart():
    memory = Memory()
    resolver = EntityResolver(memory)
    resolved = resolve_articles(resolver, memory, [[mention("Maria Lindqvist")], [mention("Johan Lindqvist")]])
    assert resolved[0][0][0].entity_id != resolved[1][0][0].entity_id


def test_entities_a_typo_links_when_context_agrees():
    memory = Memory()
    resolver = EntityResolver(memory)
    first = [mention("بيني غانتس", lang="ar", role="defence minister"), mention("أنقرة", "LOC", "ar")]
    typo = [mention("غناتس", lang="ar"), mention("أنقرة", "LOC", "ar")]
    (out1, _), (out2, links2) = resolve_articles(resolver, memory, [first, typo])
    assert out2[0].entity_id == out1[0].entity_id
    assert "context" in links2[0].method or links2[0].score >= 0.92
