"""Entity resolution: the article's name mentions -> canonical entities across the corpus.

Online, one article at a time, order-dependent like event assignment (so it runs in the engine,
not in the per-article stages). Two steps:
1. Within the article, mentions of one type that name the same thing are grouped: a shorter
   name whose tokens are part of a longer one ("Gantz" in "Benny Gantz"), or a close spelling
   (a typo next to the correct form).
2. Each group is matched against the corpus's entities with the cross-script name resolver
   (stages/names.py). A strong match links; a weaker one (fuzzy, skeleton) links only when the
   context agrees: the candidate entity co-occurs with entities this article also mentions, or
   shares the role ("minister"). Otherwise a new entity opens. Every link keeps its evidence.

Countries come pre-seeded from CLDR (babel) names in the supported languages, so "Turquie",
"تركيا" and "Türkiye" resolve to one entity without any corpus evidence.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np

from newsweave.records import Mention
from newsweave.stages.mentions import normal_name
from newsweave.stages.names import NameIndex, contexts_conflict, name_forms, name_similarity

LOGGER = logging.getLogger(__name__)

# Name scores from the resolver (0..1). At or above STRONG a name links on its own; between
# WEAK and STRONG it links only with context. Chosen on the name-variant dev file by the
# resolver's own cross-validation (stages/names.py) and the seeds' spelling variants.
STRONG = 0.92
# A family name alone against a full name scores ~0.75-0.8 ("token-subset"): such links need context.
WEAK = 0.72
# Within one article a looser match suffices: the same text rarely names two different people
# with near-identical names.
IN_ARTICLE = 0.85
# Resolver methods that are exact up to normalisation or transliteration.
EXACT_METHODS = ("exact", "translit", "gazetteer")
# Non-exact matches to a country must be this close: "Turkey" vs CLDR's "Türkiye" scores 0.99.
COUNTRY_MIN = 0.97
# Variants kept per entity for the family-name lookup; enough to cover its scripts.
MAX_VARIANTS_COMPARED = 12
# Entities one name token may point to before it stops being a lookup key.
MAX_TOKEN_ENTITIES = 20
SEEDED_LANGUAGES = ("en", "fr", "de", "es", "ar", "he", "fa", "tr", "ru", "it", "pt", "pl", "nl")


@dataclass
class EntityLink:
    """Evidence of one mention group's resolution."""

    entity_id: str
    method: str  # "new", "seeded", or the name-resolver method, plus "+context" when context decided
    score: float
    context: list[str] = field(default_factory=list)  # co-occurring entity ids that agreed


@dataclass
class NewEntity:
    id: str
    type: str
    name: str


class EntityContext:
    """What the corpus says about each entity, kept incrementally: the entities it has co-occurred
    with and the roles it was named with. Counting as articles arrive keeps the cost
    per article flat, where a query over the stored mentions grew with every mention of a name
    (68-160 ms per article at 7k-20k stored, benchmarks/bench-issue4-20k.json)."""

    def __init__(self) -> None:
        self._cooccurring: dict[str, set[str]] = {}
        self._countries: dict[str, set[str]] = {}  # the countries among them, asked for on every name
        self._roles: dict[str, set[str]] = {}

    def add_article(self, mentions: Iterable[tuple[str | None, str | None]]) -> None:
        """One article's resolved mentions, as (entity id, role) pairs."""
        mentions = list(mentions)
        ids = {entity_id for entity_id, _ in mentions if entity_id}
        countries = {e for e in ids if e.startswith(COUNTRY_PREFIX)}
        for entity_id in ids:
            self._cooccurring.setdefault(entity_id, set()).update(ids - {entity_id})
            self._countries.setdefault(entity_id, set()).update(countries - {entity_id})
        for entity_id, role in mentions:
            if entity_id and role:
                self._roles.setdefault(entity_id, set()).add(role)

    def save(self, path: Path, position: int) -> None:
        """The context as of the store's first ``position`` articles (beside the vector index):
        rebuilding it reads every stored mention."""
        ids = sorted(set(self._cooccurring) | set(self._roles))
        number = {entity_id: i for i, entity_id in enumerate(ids)}
        others = [sorted(number[e] for e in self._cooccurring.get(entity_id, ())) for entity_id in ids]
        partial = path.with_name(path.name + ".partial")
        with open(partial, "wb") as out:
            np.savez(out, position=position, ids=np.array(ids, dtype=str),
                     counts=np.array([len(o) for o in others], dtype=np.int64),
                     others=np.array([i for o in others for i in o], dtype=np.int32),
                     roles=np.array(json.dumps({e: sorted(r) for e, r in self._roles.items()}, ensure_ascii=False)))
        os.replace(partial, path)

    @classmethod
    def load(cls, path: Path) -> "tuple[EntityContext, int] | None":
        """A saved context and the store position it is as of; None when missing or unreadable."""
        try:
            with np.load(path) as saved:
                position = int(saved["position"])
                ids = saved["ids"].tolist()
                ends = np.cumsum(saved["counts"]).tolist()
                others = saved["others"].tolist()
                roles = json.loads(str(saved["roles"]))
        except (OSError, ValueError, KeyError):
            return None
        context = cls()
        start = 0
        for entity_id, end in zip(ids, ends):
            if end > start:
                linked = {ids[i] for i in others[start:end]}
                context._cooccurring[entity_id] = linked
                context._countries[entity_id] = {e for e in linked if e.startswith(COUNTRY_PREFIX)}
            start = end
        context._roles = {e: set(r) for e, r in roles.items()}
        return context, position

    def cooccurring_among(self, entity_id: str, ids: set[str]) -> set[str]:
        """Those of `ids` that have co-occurred with the entity."""
        return ids & self._cooccurring.get(entity_id, set())

    def roles(self, entity_id: str) -> set[str]:
        return self._roles.get(entity_id, set())

    def countries(self, entity_id: str) -> set[str]:
        return self._countries.get(entity_id, set())


def display_name(entity_id: str, fallback: str) -> str:
    """English CLDR name for a country entity, else the mention text."""
    if entity_id.startswith("country:"):
        for name, lang in country_names().get(entity_id.split(":", 1)[1], []):
            if lang == "en":
                return name
    return fallback


@lru_cache(maxsize=1)
def country_names() -> dict[str, list[tuple[str, str]]]:
    """ISO territory code -> [(name, lang)] from CLDR, for the languages news comes in."""
    from babel import Locale

    names: dict[str, list[tuple[str, str]]] = {}
    for lang in SEEDED_LANGUAGES:
        try:
            territories = Locale.parse(lang).territories
        except Exception as error:  # a locale missing from this babel build
            LOGGER.debug("no CLDR territories for %s: %s", lang, error)
            continue
        for code, name in territories.items():
            if code.isalpha() and len(code) == 2 and code not in ("ZZ", "EU", "UN", "EZ", "QO"):
                names.setdefault(code, []).append((name, lang))
    return names


COUNTRY_PREFIX = "country:"


def country_entity_id(code: str) -> str:
    return f"{COUNTRY_PREFIX}{code}"


class EntityResolver:
    """Resolves mentions to entities online. Holds the name index; the store holds the rest."""

    def __init__(self) -> None:
        self.context = EntityContext()
        self.index = NameIndex()
        self.types: dict[str, str] = {}
        self._known_names: dict[str, str] = {}  # normal_name -> type, taught by earlier articles
        # A family name alone ("أورين") must find the entity of the full name ("Daniel Oren"):
        # the name index blocks on whole names, so single tokens get their own key index.
        self._by_token: dict[str, set[str]] = {}
        self._variants: dict[str, list] = {}
        self._indexed: set[tuple[str, str, str | None]] = set()
        for code, variants in country_names().items():
            entity_id = country_entity_id(code)
            self.types[entity_id] = "LOC"
            for name, lang in variants:
                self.index.add(entity_id, name, lang, "LOC")

    def add_name(self, entity_id: str, name: str, lang: str | None, type: str) -> None:
        self.types[entity_id] = type
        if (entity_id, name, lang) in self._indexed:
            return  # every mention passes here: the index must grow with names, not with mentions
        self._indexed.add((entity_id, name, lang))
        self.index.add(entity_id, name, lang, type)
        self._known_names.setdefault(normal_name(name), type)
        forms = name_forms(name, lang)
        variants = self._variants.setdefault(entity_id, [])
        if len(variants) < MAX_VARIANTS_COMPARED and all(v.normal != forms.normal for v in variants):
            variants.append(forms)
        for token in forms.tokens:
            self._by_token.setdefault(name_forms(token, lang).key, set()).add(entity_id)

    def type_of(self, normal: str) -> str | None:
        """The corpus's memory for the mention finder: a name seen typed before keeps its type."""
        return self._known_names.get(normal)

    def resolve(self, article_id: str, mentions: list[Mention]) -> tuple[list[Mention], list[EntityLink],
                                                                          list[NewEntity]]:
        """Mentions with entity ids set, the evidence per mention, and entities opened here."""
        groups = group_mentions(mentions)
        links: list[EntityLink | None] = [None] * len(mentions)
        new: list[NewEntity] = []
        # Places first: the countries an article names are the context its people are checked against.
        order = sorted(range(len(groups)), key=lambda g: mentions[groups[g][0]].type != "LOC")
        countries: set[str] = set()
        found: dict[int, tuple[tuple[str, float, str] | None, list[str]]] = {}
        for g in order:
            found[g] = self._best_candidate(mentions, groups[g], countries)
            best = found[g][0]
            if best is not None and best[1] >= STRONG and best[0].startswith(COUNTRY_PREFIX):
                countries.add(best[0])
        # Strong links next: they form the context that weaker candidates are checked against.
        pending = []
        resolved_ids: set[str] = set()
        for g, group in enumerate(groups):
            best, refused = found[g]
            if best is not None and best[1] >= STRONG:
                self._assign(links, group, EntityLink(best[0], best[2], round(best[1], 4)))
                resolved_ids.add(best[0])
            else:
                pending.append((group, best, refused))
        for group, best, refused in pending:
            link = None
            if best is not None and best[1] >= WEAK:
                agreeing = sorted(self.context.cooccurring_among(best[0], resolved_ids))
                group_roles = {mentions[i].role for i in group if mentions[i].role}
                shared_roles = sorted(group_roles & self.context.roles(best[0]))
                if agreeing or shared_roles:
                    link = EntityLink(best[0], f"{best[2]}+context", round(best[1], 4), agreeing + shared_roles)
            if link is None:
                head = mentions[max(group, key=lambda i: len(mentions[i].text))]
                entity_id = new_entity_id(article_id, head)
                new.append(NewEntity(entity_id, head.type, head.text))
                # Refused namesakes stay in the evidence: why this is not that entity.
                link = EntityLink(entity_id, "new", 1.0, [f"context-conflict:{r}" for r in refused])
            resolved_ids.add(link.entity_id)
            self._assign(links, group, link)
        for mention, link in zip(mentions, links):
            self.add_name(link.entity_id, mention.text, mention.lang, mention.type)
        resolved = [replace(m, entity_id=l.entity_id) for m, l in zip(mentions, links)]
        self.context.add_article((m.entity_id, m.role) for m in resolved)
        return resolved, [l for l in links if l is not None], new

    def _token_candidates(self, text: str, lang: str | None) -> list[tuple[str, float, str]]:
        forms = name_forms(text, lang)
        # A token many entities share (a common given name) identifies none of them, and scoring
        # them all would make every mention cost more as the corpus grows.
        sets = [self._by_token.get(name_forms(t, lang).key, set()) for t in forms.tokens]
        ids = set().union(*(found for found in sets if len(found) <= MAX_TOKEN_ENTITIES))
        found = []
        for entity_id in sorted(ids):  # set order is hash-seeded; ties must not depend on it
            score, method = max((name_similarity(forms, v) for v in self._variants.get(entity_id, [])),
                                default=(0.0, ""))
            found.append((entity_id, score, method))
        return found

    def _best_candidate(self, mentions: list[Mention], group: list[int],
                        countries: set[str]) -> tuple[tuple[str, float, str] | None, list[str]]:
        """The best-named entity for the group, and the namesakes refused for their context."""
        best: tuple[str, float, str] | None = None
        refused: set[str] = set()
        for i in group:
            m = mentions[i]
            candidates = self.index.candidates(m.text, m.lang, m.type, k=5) + self._token_candidates(m.text, m.lang)
            for entity_id, score, method in candidates:
                if self.types.get(entity_id, m.type) != m.type:
                    continue
                if entity_id.startswith(COUNTRY_PREFIX) and score < COUNTRY_MIN and not method.startswith(EXACT_METHODS):
                    # CLDR lists every country's names in every seeded language: a merely close
                    # spelling is a different place or a common word (Arabic "بأنه" ~ Albania, 0.96).
                    continue
                if m.type == "PER" and contexts_conflict(countries, self.context.countries(entity_id)):
                    # Namesakes are told apart by where they act: a person known only with other
                    # countries than this article's is another person.
                    if score >= WEAK:
                        refused.add(entity_id)
                    continue
                if best is None or score > best[1]:
                    best = (entity_id, score, method)
        return best, sorted(refused)

    @staticmethod
    def _assign(links: list[EntityLink | None], group: list[int], link: EntityLink) -> None:
        for i in group:
            links[i] = link


def group_mentions(mentions: list[Mention]) -> list[list[int]]:
    """Indices of mentions naming the same thing within one article (union-find over pairs)."""
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    forms = [name_forms(m.text, m.lang) for m in mentions]
    for i in range(len(mentions)):
        for j in range(i):
            if mentions[i].type != mentions[j].type or find(i) == find(j):
                continue
            if _same_in_article(forms[i], forms[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _same_in_article(a, b) -> bool:
    short, long = (a, b) if len(a.tokens) <= len(b.tokens) else (b, a)
    if short.tokens and set(short.tokens) <= set(long.tokens):
        return True
    return name_similarity(a, b)[0] >= IN_ARTICLE


def new_entity_id(article_id: str, mention: Mention) -> str:
    digest = hashlib.sha1(f"{article_id}|{mention.start}|{mention.text}".encode()).hexdigest()[:12]
    return f"ent_{digest}"


def entity_weights(mentions: list[Mention]) -> Counter[str]:
    """Mention counts per entity in one article (the article's entity profile)."""
    return Counter(m.entity_id for m in mentions if m.entity_id)
