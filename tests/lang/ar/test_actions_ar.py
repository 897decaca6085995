"""Action records in Arabic: verb-first clauses, clitics on verbs and names, event nouns, dropped
subjects and object suffixes (sentences written for these tests)."""

from __future__ import annotations

from action_helpers import actions, article

from newsweave.stages.actions import find_actions

LANG = "ar"
SHOUKRY = {"سامح شكري": ("PER", "shoukry"), "أيمن الصفدي": ("PER", "safadi"), "عمان": ("LOC", "amman")}
HADDAD = {"سامي حداد": ("PER", "haddad"), "دمشق": ("LOC", "damascus")}


def test_actions_ar_verb_first_subject_after_its_role_and_object_after_counterpart():
    text = "التقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي في عمان يوم الأحد."
    assert actions(text, LANG, SHOUKRY) == {("meet", "shoukry", "safadi", "amman")}


def test_actions_ar_subject_before_the_verb_after_kana_qad():
    text = "وكان الرئيس الفرنسي إيمانويل ماكرون قد زار بيروت الشهر الماضي."
    names = {"إيمانويل ماكرون": ("PER", "macron"), "بيروت": ("LOC", "beirut")}
    assert actions(text, LANG, names) == {("visit", "macron", "beirut", "beirut")}


def test_actions_ar_meeting_between_two_names_the_second_with_its_conjunction():
    text = "وعقد الاجتماع بين محمود عباس وعبد الله الثاني في القاهرة."
    names = {"محمود عباس": ("PER", "abbas"), "عبد الله الثاني": ("PER", "abdullah"), "القاهرة": ("LOC", "cairo")}
    assert actions(text, LANG, names) == {("meet", "abbas", "abdullah", "cairo")}


def test_actions_ar_object_suffix_resolves_to_the_person_of_the_previous_sentence():
    text = "وصل الوزير سامي حداد إلى الرياض. واستقبله ولي العهد محمد بن سلمان في قصر اليمامة."
    names = {"سامي حداد": ("PER", "haddad"), "الرياض": ("LOC", "riyadh"), "محمد بن سلمان": ("PER", "mbs")}
    (record,) = find_actions(article(text, LANG, names))
    assert (record.action, record.actor_entity_id, record.target_entity_id) == ("meet", "mbs", "haddad")
    assert record.cue == "واستقبله" and record.sentence == text  # both sentences are the evidence


def test_actions_ar_country_accuses_an_organisation():
    text = "واتهمت إسرائيل حركة حماس بإطلاق الصواريخ."
    names = {"إسرائيل": ("LOC", "israel"), "حركة حماس": ("ORG", "hamas")}
    assert actions(text, LANG, names) == {("accuse", "israel", "hamas", None)}


def test_actions_ar_visit_noun_with_the_subject_of_its_light_verb():
    text = "بدأ وزير الدفاع سامي حداد اليوم زيارة رسمية إلى العاصمة السورية دمشق."
    assert actions(text, LANG, HADDAD) == {("visit", "haddad", "damascus", "damascus")}


def test_actions_ar_negated_and_planned_events_are_not_records():
    assert actions("لا يزور سامي حداد دمشق هذا العام.", LANG, HADDAD) == set()
    assert actions("وتحدثت الصحف عن الزيارة المرتقبة لسامي حداد إلى دمشق.", LANG, HADDAD) == set()


def test_actions_ar_meeting_without_a_named_counterpart_or_inside_a_quote():
    assert actions("والتقى سامي حداد بالصحفيين في دمشق.", LANG, HADDAD) == set()
    text = "قال سامي حداد: “التقيت الرئيس وزرت دمشق”."
    assert actions(text, LANG, HADDAD) == set()
