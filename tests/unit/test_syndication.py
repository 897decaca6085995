import os
import statistics
import subprocess
import sys
import time

import numpy as np
import pytest

from newsweave.stages import syndication
from newsweave.stages.syndication import SyndicationIndex, from_bytes, signature, similarity, to_bytes

WIRE = {
    "en": "Heavy rain flooded the lower districts of Marlow Bay on Tuesday night, forcing about 2,300 "
          "residents to leave their homes, the regional emergency service said. The river rose nearly two "
          "metres in six hours and broke through a temporary barrier near the old harbour. Rescue teams used "
          "boats to reach families trapped on the upper floors of flats along Quay Street. Nobody was reported "
          "dead, but eleven people were treated in hospital for cold and minor injuries. Schools in the "
          "district will stay closed until Friday. The mayor, Helen Ashworth, said the town had asked the "
          "national government for extra pumps and for soldiers to help fill sandbags. Forecasters expect "
          "more rain over the weekend, and the service warned people not to return before engineers inspect "
          "the damaged barrier.",
    "ar": "أعلنت وزارة الصحة يوم الأحد افتتاح مستشفى جديد للأطفال في مدينة الزرقاء بسعة مئتي سرير، بعد ثلاث "
          "سنوات من أعمال البناء. وقال الوزير في مؤتمر صحفي إن المستشفى سيخدم أكثر من نصف مليون نسمة في "
          "المحافظة والمناطق المجاورة، وإنه يضم قسما للعناية المركزة وآخر لجراحة القلب. وأضاف أن تكلفة المشروع "
          "بلغت خمسة وأربعين مليون دينار، موّلت الحكومة معظمها بمساعدة منحة دولية. وسيبدأ المستشفى استقبال "
          "المرضى تدريجيا خلال الشهر المقبل، على أن يعمل بكامل طاقته قبل نهاية العام. وأشار الوزير إلى أن "
          "الوزارة تعمل على تعيين مئة وخمسين طبيبا وممرضا جديدا للعمل في المستشفى، وأن التدريب سيبدأ الأسبوع المقبل.",
    "he": "עיריית חיפה הודיעה ביום שני כי קו הרכבת הקלה החדש ייפתח לציבור בתחילת החודש הבא, לאחר ארבע שנות "
          "עבודה. לפי העירייה, הקו באורך שנים עשר קילומטרים ויכלול שמונה עשרה תחנות בין מרכז העיר לשכונות "
          "הדרומיות. ראש העירייה אמר במסיבת עיתונאים כי הנסיעה תהיה חינם בשבוע הראשון, וכי הרכבות יפעלו כל "
          "עשר דקות בשעות העומס. עלות הפרויקט הגיעה לכשני מיליארד שקלים, ורובה מומנה על ידי משרד התחבורה. "
          "תושבים שגרים לאורך התוואי התלוננו במשך שנים על רעש ופקקים, והעירייה הבטיחה לפצות בעלי עסקים שנפגעו "
          "מהעבודות. הנהגים התבקשו להיזהר בצמתים החדשים בימים הראשונים.",
    "ru": "В среду власти Новосибирска объявили о закрытии центрального моста на капитальный ремонт, который "
          "продлится около полутора лет. По словам представителей мэрии, движение транспорта будет "
          "перенаправлено на два соседних моста, а для пассажиров запустят дополнительные автобусные маршруты. "
          "Ремонт обойдётся городскому бюджету почти в четыре миллиарда рублей. Инженеры обнаружили трещины в "
          "опорах ещё прошлой осенью, после чего скорость движения по мосту была ограничена. Мэр города попросил "
          "жителей по возможности пользоваться метро и заранее планировать поездки. Первые работы начнутся в "
          "понедельник, и в ближайшие недели водителям стоит ожидать серьёзных пробок в центре.",
    "zh": "本周三，杭州市政府宣布将在未来三年内新建十二座公共图书馆，总投资约为十五亿元。据市文化局介绍，新图书馆"
          "将主要分布在城市东部和南部的新建居民区，每座图书馆都将设有儿童阅读区和自习室。市文化局局长在新闻发布会上"
          "表示，目前全市每万人拥有的图书馆面积仍低于全国平均水平，新项目将有效缓解这一问题。首批四座图书馆预计明年"
          "秋季开放。此外，市政府还计划延长现有图书馆的开放时间，并在地铁站设立自助借书机，方便市民借阅。",
}
# Another outlet's own report of the same happening: same facts and names, its own sentences.
SAME_STORY = {
    "en": "Thousands of people in Marlow Bay spent the night in shelters after the river burst its banks. "
          "Officials put the number of evacuated residents at 2,300. Water poured over a makeshift wall by the "
          "harbour late on Tuesday, and firefighters in boats pulled families out of flooded apartments on Quay "
          "Street. Eleven residents needed hospital care, none of them seriously hurt, according to the emergency "
          "service. Mayor Helen Ashworth told reporters she had requested pumps and army help from the capital. "
          "Classes are cancelled for the rest of the week. More showers are forecast for Saturday and Sunday, and "
          "residents have been told to wait for engineers to check the barrier before going home.",
    "ar": "افتتحت الحكومة مستشفى للأطفال في الزرقاء يتسع لمئتي سرير، في مشروع استغرق بناؤه ثلاثة أعوام. وأوضح "
          "وزير الصحة للصحفيين أن المنشأة الجديدة ستقدم خدماتها لما يزيد على خمسمئة ألف شخص، وتضم وحدة عناية "
          "مركزة وقسما لجراحة القلب. وكلف المستشفى نحو خمسة وأربعين مليون دينار، جاء جزء منها من منحة خارجية. "
          "ومن المتوقع أن يستقبل أول المرضى الشهر القادم، وأن يعمل بطاقته الكاملة مع نهاية السنة. كما تعتزم "
          "الوزارة توظيف مئة وخمسين من الأطباء والممرضين، يبدأ تدريبهم قريبا.",
}
HEADLINE = {"en": "Floods force thousands from homes", "ar": "مستشفى جديد للأطفال في الزرقاء",
            "he": "הרכבת הקלה נפתחת", "ru": "Центральный мост закрывают", "zh": "杭州将新建十二座图书馆"}
CHROME = {"en": "Share on Facebook", "ar": "اقرأ أيضا", "he": "שתפו בפייסבוק", "ru": "Читайте также",
          "zh": "分享到微博"}
# What another site's page does to the same letters: marks, tatweel, alef forms, ё, full stops.
RESPELL = {"en": [("2,300", "2300")], "ar": [("الأطفال", "الاطفال"), ("مستشفى", "مستشفـى"), ("الصحة", "الصِّحَّة")],
           "he": [("חיפה", "חֵיפָה")], "ru": [("ё", "е")], "zh": [("，", ", "), ("。", ". ")]}


def republished(lang: str) -> str:
    """The wire text as another outlet's page has it: its headline and chrome, respelled, relaid."""
    body = WIRE[lang]
    for old, new in RESPELL[lang]:
        body = body.replace(old, new)
    relaid = body.replace(". ", ".\n\n")
    return f"{HEADLINE[lang]}\n\n{CHROME[lang]}\n{relaid}\n{CHROME[lang]}"


def head(text: str, keep: float) -> str:
    """The first part of a text (by words, or by characters where there are no spaces)."""
    if " " not in text:
        return text[:int(len(text) * keep)]
    words = text.split(" ")
    return " ".join(words[:int(len(words) * keep)])


def index_of(**bodies: str) -> SyndicationIndex:
    index = SyndicationIndex()
    for article_id, body in bodies.items():
        index.add(article_id, signature(body))
    return index


@pytest.mark.parametrize("lang", sorted(WIRE))
def test_syndication_same_body_under_another_headline_and_chrome_matches(lang):
    found = index_of(wire=WIRE[lang]).original_of(signature(republished(lang)))
    assert found is not None and found[0] == "wire" and found[1] >= 0.9


@pytest.mark.parametrize("lang", sorted(WIRE))
def test_syndication_trimmed_ending_matches_both_ways(lang):
    trimmed = head(WIRE[lang], 0.65)
    assert index_of(wire=WIRE[lang]).original_of(signature(trimmed))[0] == "wire"
    assert index_of(short=trimmed).original_of(signature(WIRE[lang]))[0] == "short"  # the copy runs on


@pytest.mark.parametrize("lang", sorted(SAME_STORY))
def test_syndication_other_outlets_report_of_the_same_story_does_not_match(lang):
    index = index_of(wire=WIRE[lang])
    assert index.original_of(signature(SAME_STORY[lang])) is None
    assert similarity(signature(WIRE[lang]), signature(SAME_STORY[lang])) < 0.3


def test_syndication_different_articles_do_not_match_across_languages():
    index = index_of(**WIRE)
    for lang in SAME_STORY:
        assert index.original_of(signature(SAME_STORY[lang])) is None
    assert len(index) == len(WIRE)


@pytest.mark.parametrize("text", ["", "   \n ", "...", "Breaking news from the capital tonight",
                                  "عاجل: انفجار في وسط المدينة", "速报：市中心发生爆炸"])
def test_syndication_empty_and_very_short_texts_never_match(text):
    index = index_of(same=text, wire=WIRE["en"])
    assert len(index) == 1  # the short one is not stored
    assert index.original_of(signature(text)) is None
    assert index.matches(signature(text)) == []
    assert similarity(signature(text), signature(text)) == 0.0


def test_syndication_a_few_shared_sentences_in_a_long_article_do_not_match():
    quote = " ".join(WIRE["en"].split(" ")[:20])  # one sentence and a half: below MIN_SHINGLES
    assert index_of(wire=WIRE["en"]).original_of(signature(f"{quote} {SAME_STORY['en']}")) is None


def test_syndication_signature_is_reproducible_and_round_trips_through_bytes():
    sig = signature(WIRE["ar"])
    assert sig.dtype == syndication.SIGNATURE_DTYPE and sig.shape == (syndication.NUM_PERM + 1,)
    assert (signature(WIRE["ar"]) == sig).all()
    data = to_bytes(sig)
    assert len(data) == 4 * (syndication.NUM_PERM + 1)
    assert (from_bytes(data) == sig).all()
    with pytest.raises(ValueError):
        from_bytes(data[:-4])


def test_syndication_signature_is_the_same_in_another_process():
    code = ("import sys; from newsweave.stages.syndication import signature, to_bytes; "
            "sys.stdout.write(to_bytes(signature(sys.stdin.read())).hex())")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], input=WIRE["he"], capture_output=True, text=True,
                         env=env, check=True).stdout
    assert bytes.fromhex(out) == to_bytes(signature(WIRE["he"]))


def test_syndication_earliest_stored_copy_is_the_original():
    index = SyndicationIndex()
    index.add("first", signature(WIRE["ru"]))
    index.add("second", signature(republished("ru")))  # a copy of "first"
    index.add("third", signature(head(WIRE["ru"], 0.7)))  # another one
    assert {article_id for article_id, _ in index.matches(signature(WIRE["ru"]))} == {"first", "second", "third"}
    assert index.original_of(signature(republished("ru")))[0] == "first"
    # the closest stored text is "third" (identical), itself a copy of "first"
    found = index.original_of(signature(head(WIRE["ru"], 0.7)))
    assert found is not None and found[0] == "first" and found[1] == pytest.approx(1.0)
    index.add("first", signature(WIRE["en"]))  # an id is stored once
    assert index.original_of(signature(WIRE["en"])) is None and len(index) == 3


def test_syndication_keeps_only_the_latest_window_of_texts():
    index = SyndicationIndex(window=2)
    for lang in ("en", "ru", "ar"):
        index.add(lang, signature(WIRE[lang]))
    assert len(index) == 2
    assert index.original_of(signature(WIRE["en"])) is None  # left the window: no longer matched
    assert index.original_of(signature(WIRE["ar"]))[0] == "ar"


def test_syndication_normalise_folds_marks_letter_forms_and_digits():
    assert syndication.normalise("إِلى أحمد ـــ الصِّحَّة مدرسة") == syndication.normalise("الى احمد الصحه مدرسه")
    assert syndication.normalise("שָׁלוֹם, עוֹלָם!") == ["שלום", "עולם"]
    assert syndication.normalise("Ёлка, «Élan» — ＡＢＣ ١٢٣") == ["елка", "elan", "abc", "123"]


def test_syndication_unspaced_scripts_use_character_shingles():
    grams = syndication.shingles(WIRE["zh"])
    assert grams and all(len(g) == syndication.CHAR_NGRAM for g in grams)
    assert all(len(g.split(" ")) == syndication.WORD_NGRAM for g in syndication.shingles(WIRE["he"]))


def test_syndication_signature_of_5000_characters_takes_well_under_10_ms():
    text = " ".join([WIRE["en"], WIRE["ru"], WIRE["ar"], WIRE["he"]] * 3)[:5000]
    signature(text)
    timings = []
    for _ in range(20):
        start = time.perf_counter()
        signature(text)
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.010


@pytest.mark.parametrize("compact_share", [0.0, 0.1])  # removed ones dropped at every merge, or left to queries
def test_band_index_proposes_what_datasketch_lsh_proposes_and_forgets_removed(compact_share):
    from datasketch import LeanMinHash, MinHashLSH

    from newsweave.stages.syndication import LSH_JACCARD, NUM_PERM, SCHEME, SEED, BandIndex

    rng = np.random.default_rng(3)
    base = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint64)
    sigs = []
    for i in range(300):  # near-copies of one text (sharing bands) and unrelated texts
        values = base.copy() if i % 3 else rng.integers(0, 2**32, NUM_PERM, dtype=np.uint64)
        changed = rng.random(NUM_PERM) < rng.uniform(0.2, 0.9)
        values[changed] = rng.integers(0, 2**32, int(changed.sum()), dtype=np.uint64)
        sigs.append(np.concatenate([[100], values]).astype("<u4"))
    bands, lsh = BandIndex(), MinHashLSH(threshold=LSH_JACCARD, num_perm=NUM_PERM)
    bands.MERGE_EVERY = 64  # several merges within the run, and some waiting at the end
    bands.COMPACT_SHARE = compact_share
    for number, sig in enumerate(sigs[:250]):
        bands.add(number, sig)
        lsh.insert(number, LeanMinHash(seed=SEED, hashvalues=sig[1:], scheme=SCHEME))
    for number in (5, 7, 100, 249):
        bands.remove(number)
        lsh.remove(number)
        if number == 100:
            bands.add(250, sigs[250])  # a merge with removed ones pending
            lsh.insert(250, LeanMinHash(seed=SEED, hashvalues=sigs[250][1:], scheme=SCHEME))
            for n in range(251, 251 + bands.MERGE_EVERY):
                bands.add(n, sigs[n % 300])
                lsh.insert(n, LeanMinHash(seed=SEED, hashvalues=sigs[n % 300][1:], scheme=SCHEME))
    for sig in sigs:
        expected = set(lsh.query(LeanMinHash(seed=SEED, hashvalues=sig[1:], scheme=SCHEME)))
        assert bands.query(sig) == expected
    assert any(len(bands.query(sig)) > 1 for sig in sigs)  # the near-copies do share bands


def test_restore_gives_what_adding_one_by_one_gives():
    texts = [f"Story number {i} about the harbour strike, told at length: " + " ".join(
        f"word{(i * 7 + k) % 50}" for k in range(60)) for i in range(12)]
    texts[5] = texts[2] + " One more line at the end of the copy."
    rows = [(f"a{i}", signature(t), f"a{2 if i == 5 else i}") for i, t in enumerate(texts)]
    added, restored = SyndicationIndex(window=8), SyndicationIndex(window=8)
    for article_id, sig, original in rows:
        added.add(article_id, sig, original)
    restored.restore(rows)
    assert len(restored) == len(added) == 8
    for query in [signature(texts[2] + " And a last word."), signature(texts[9]), signature(texts[0])]:
        assert restored.matches(query) == added.matches(query)
        assert restored.original_of(query) == added.original_of(query)
    assert restored.original_of(signature(texts[5]))[0] == "a2"  # the copy's original, as stored
