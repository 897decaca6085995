"""Chrome removal on short hand-written articles, one rule at a time, in several scripts."""

from __future__ import annotations

import pytest

from newsweave.stages.clean import Cleaned, clean_text, line_key

EN = [
    "Officials in the coastal city said on Tuesday that the new bridge would open to "
    "traffic next spring, two years later than planned.",
    "The project, which cost more than 400 million dollars, was delayed by a shortage of "
    "steel and by a long dispute with the main contractor.",
    "Engineers expect the bridge to carry about 40,000 vehicles a day once it is fully "
    "open, easing pressure on the old ferry service.",
]
FR = [
    "Le conseil municipal a voté mardi soir la rénovation complète de la piscine du "
    "quartier nord, fermée depuis deux ans.",
    "Les travaux doivent commencer au printemps et coûter environ douze millions d'euros, "
    "selon la mairie.",
]
DE = [
    "Der Stadtrat hat am Dienstagabend beschlossen, das Hallenbad im Norden der Stadt "
    "vollständig zu sanieren.",
    "Die Arbeiten sollen im Frühjahr beginnen und rund zwölf Millionen Euro kosten, teilte "
    "die Stadtverwaltung mit.",
]
AR = [
    "قالت وزارة الصحة يوم الثلاثاء إن عدد الإصابات بالإنفلونزا ارتفع خلال الأسبوع الماضي، "
    "ودعت المواطنين إلى تلقي اللقاح في أقرب وقت.",
    "وأوضحت الوزارة أن المراكز الصحية ستفتح أبوابها مساء كل يوم حتى نهاية الشهر لاستقبال "
    "الراغبين في التطعيم.",
]
HE = [
    "משרד הבריאות הודיע ביום שלישי כי מספר חולי השפעת עלה בשבוע האחרון, וקרא לציבור להתחסן בהקדם.",
    "לדברי המשרד, מרפאות הקהילה יפתחו בשעות הערב עד סוף החודש כדי לאפשר לכל המעוניינים "
    "לקבל את החיסון.",
]
RU = [
    "Министерство здравоохранения сообщило во вторник, что число заболевших гриппом за "
    "последнюю неделю выросло, и призвало граждан сделать прививку.",
    "По данным министерства, поликлиники будут работать по вечерам до конца месяца, чтобы "
    "все желающие могли привиться.",
]
ZH = [
    "市政府星期二表示，新大桥将于明年春天通车，比原计划晚了两年，主要原因是钢材短缺和承包商纠纷。",
    "工程师预计，大桥全面通车后每天可通行约四万辆汽车，将大大缓解旧渡轮服务的压力。",
]


def join(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


@pytest.mark.parametrize(
    ("paragraphs", "subheading"),
    [
        (EN, "Traffic plan"),
        (FR, "Un chantier de dix-huit mois"),
        (DE, "Bauzeit von achtzehn Monaten"),
        (AR, "حملة التطعيم"),
        (HE, "מבצע החיסונים"),
        (RU, "Кампания вакцинации"),
    ],
)
def test_clean_normal_article_passes_unchanged(paragraphs: list[str], subheading: str) -> None:
    # A short line between two paragraphs is a subheading, not chrome.
    text = join(paragraphs[0], subheading, *paragraphs[1:])
    assert clean_text(text, title="A title") == Cleaned(text=text, removed=[])


def test_clean_accepts_single_newlines_and_blank_lines_with_spaces() -> None:
    text = f"{EN[0]}\n \u00a0\n{EN[1]}\n{EN[2]}\n"
    assert clean_text(text) == Cleaned(text=join(*EN), removed=[])


@pytest.mark.parametrize(
    ("paragraphs", "chrome"),
    [
        (EN, "Share this article"),
        (EN, "0 comments"),
        (EN, "Exit mobile version"),
        (FR, "Afficher tous les commentaires"),
        (FR, "S'abonner à la newsletter"),
        (DE, "12 Kommentare"),
        (DE, "Jetzt anmelden"),
        (AR, "شارك عبر واتساب"),
        (AR, "شارك هذا المقال"),
        (AR, "التعليقات (٣)"),
        (HE, "הירשמו לניוזלטר"),
        (HE, "לתגובות"),
        (RU, "Комментарии (0)"),
        (RU, "Поделиться в соцсетях"),
    ],
)
def test_clean_interface_line_removed_even_inside_the_body(
    paragraphs: list[str], chrome: str
) -> None:
    result = clean_text(join(paragraphs[0], chrome, paragraphs[1]))
    assert result == Cleaned(text=join(paragraphs[0], paragraphs[1]), removed=[chrome])


@pytest.mark.parametrize(
    ("paragraphs", "link"),
    [
        (EN, "Read more: Why the old ferry is losing money"),
        (FR, "Lire aussi : La piscine du quartier sud rouvre ses portes"),
        (RU, "Читайте также: Почему снова выросли цены на бензин?"),
        (AR, "اقرأ أيضاً: كيف تستعد المدن للفيضانات؟"),
        (DE, "Teilen: Facebook | X | WhatsApp"),
    ],
)
def test_clean_labelled_link_removed_even_when_punctuated(paragraphs: list[str], link: str) -> None:
    result = clean_text(join(paragraphs[0], link, paragraphs[1]))
    assert result == Cleaned(text=join(paragraphs[0], paragraphs[1]), removed=[link])


def test_clean_colon_after_a_speaker_is_not_a_label() -> None:
    line = "The mayor said: the bridge will be worth the wait."
    assert clean_text(join(EN[0], line, EN[1])).removed == []


@pytest.mark.parametrize(
    ("paragraphs", "caption"),
    [
        (EN, "Firefighters at the scene on Monday (Photo: Reuters)"),
        (EN, "The old ferry terminal. Getty Images"),
        (EN, "© 2024 Example Media. All rights reserved."),
        (FR, "Le maire lors de l'inauguration ( Photo : DR )"),
        (DE, "Foto: dpa"),
        (AR, "وزير الصحة خلال المؤتمر الصحفي (تصوير: رويترز)"),
        (HE, "חולים בבית החולים (צילום: רויטרס)"),
        (RU, "Фото: пресс-служба министерства"),
    ],
)
def test_clean_caption_and_credit_removed(paragraphs: list[str], caption: str) -> None:
    result = clean_text(join(paragraphs[0], caption, paragraphs[1]))
    assert result.removed == [caption]


def test_clean_glued_foreign_caption_line_removed_whole() -> None:
    # Pages print a caption in two languages; extraction glues them letter to letter.
    caption = "ראש העירייה בטקס הפתיחהLe maire lors de l'inauguration (Photo : DR)"
    result = clean_text(join(FR[0], caption, FR[1]), lang="fr")
    assert result == Cleaned(text=join(*FR), removed=[caption])


def test_clean_glued_foreign_part_cut_when_the_rest_is_not_a_caption() -> None:
    line = "رئيس البلدية خلال الافتتاحThe mayor at the opening ceremony"
    result = clean_text(join(AR[0], line, AR[1]))
    assert result.removed == ["The mayor at the opening ceremony"]
    assert result.text == join(AR[0], "رئيس البلدية خلال الافتتاح", AR[1])


def test_clean_short_line_in_another_script_removed() -> None:
    result = clean_text(join(RU[0], "وزير الخارجية في موسكو", RU[1]))
    assert result.removed == ["وزير الخارجية في موسكو"]


def test_clean_foreign_name_in_parentheses_stays() -> None:
    line = AR[0] + " (World Health Organization)"
    assert clean_text(join(line, AR[1])).removed == []


def test_clean_foreign_script_prose_kept() -> None:
    quote = "The minister said the talks had been useful and would continue next month."
    assert clean_text(join(AR[0], quote, AR[1])).removed == []


def test_clean_declared_language_sets_the_main_script() -> None:
    # Mostly English quotes, but a Hebrew article: the short English line is a caption.
    text = join(HE[0], EN[0], EN[1], "Hospital staff on Monday", HE[1])
    assert clean_text(text, lang="he").removed == ["Hospital staff on Monday"]


@pytest.mark.parametrize("byline", ["Jane Doe", "Maria de la Cruz Reuters", "Иван Петров"])
def test_clean_byline_at_the_end_removed(byline: str) -> None:
    paragraphs = RU if byline[0] == "И" else EN
    result = clean_text(join(*paragraphs, byline))
    assert result == Cleaned(text=join(*paragraphs), removed=[byline])


def test_clean_title_cased_line_at_the_start_kept_but_prefixed_byline_removed() -> None:
    result = clean_text(join("Bridge Opening Delayed", "By Jane Doe", *EN))
    assert result.removed == ["By Jane Doe"]
    assert result.text.startswith("Bridge Opening Delayed\n\n")


def test_clean_leading_interface_lines_removed_standfirst_kept() -> None:
    standfirst = "A two-year delay for the city's biggest project in decades"
    text = join("Home › World", "Published 12 March 2024", standfirst, *EN)
    result = clean_text(text)
    assert result == Cleaned(
        text=join(standfirst, *EN), removed=["Home › World", "Published 12 March 2024"]
    )


def test_clean_title_repeat_removed_except_at_the_start() -> None:
    title = "City bridge to open next spring"
    text = join(title, EN[0], "CITY BRIDGE  to open next spring", EN[1], EN[2], title)
    result = clean_text(text, title=title)
    assert result == Cleaned(
        text=join(title, *EN), removed=["CITY BRIDGE  to open next spring", title]
    )


def test_clean_repeated_line_removed() -> None:
    result = clean_text(join(DE[0], DE[1], DE[0]))
    assert result == Cleaned(text=join(*DE), removed=[DE[0]])


def test_clean_outlet_boilerplate_removed_by_key() -> None:
    boilerplate = "Cet article a été publié avec le soutien de nos partenaires régionaux."
    text = join(FR[0], boilerplate, FR[1])
    assert clean_text(text).removed == []
    # The outlet's count ignores digits, so an edition number does not hide the line.
    keys = {line_key(boilerplate.replace("nos", "nos 2"))}
    assert clean_text(text, repeated_keys=keys) == Cleaned(text=join(*FR), removed=[boilerplate])


@pytest.mark.parametrize(
    ("paragraphs", "notice"),
    [
        (
            DE,
            "Die Redaktion behält sich vor, beleidigende oder rassistische Kommentare ohne "
            "Rückfrage zu löschen.",
        ),
        (AR, "تحتفظ إدارة الموقع بحق حذف التعليقات المسيئة."),
        (EN, "We reserve the right to remove comments that break our community guidelines."),
    ],
)
def test_clean_moderation_notice_at_the_end_removed(paragraphs: list[str], notice: str) -> None:
    assert clean_text(join(*paragraphs, notice)).removed == [notice]


def test_clean_widget_notice_removed_anywhere() -> None:
    notice = "This site uses Akismet to reduce spam. Learn how your data is processed."
    assert clean_text(join(EN[0], notice, EN[1])).removed == [notice]


def test_clean_prose_about_comments_kept() -> None:
    last = "The ministry declined to comment on the report, a spokesman said."
    assert clean_text(join(*EN, last)).removed == []


def test_clean_trailing_related_headlines_removed() -> None:
    related = ["اقرأ أيضاً", "ارتفاع أسعار الوقود للمرة الثالثة", "افتتاح معرض الكتاب في العاصمة"]
    result = clean_text(join(*AR, *related))
    assert result == Cleaned(text=join(*AR), removed=related)


def test_clean_trailing_account_prompt_removed() -> None:
    prompt = "أنشئ حساباً مجانياً لتحفظ المقالات وتتلقى نشراتنا البريدية"
    result = clean_text(join(*AR, "لم تشترك بعد", prompt))
    assert result.text == join(*AR)


def test_clean_lone_unpunctuated_last_line_kept() -> None:
    # With no other chrome around it, it may be a paragraph that lost its full stop.
    text = join(*EN, "Talks resume next week")
    assert clean_text(text).removed == []


def test_clean_cjk_paragraphs_are_prose() -> None:
    # No spaces in Chinese: the word count must not make a paragraph look like a label.
    result = clean_text(join(*ZH, "Share", "0 comments"))
    assert result == Cleaned(text=join(*ZH), removed=["Share", "0 comments"])


def test_clean_never_drops_the_only_content() -> None:
    assert clean_text("Bridge opening delayed").text == "Bridge opening delayed"
    # Every line seen before at this outlet (the same article again): keep it all.
    keys = {line_key(p) for p in EN}
    assert clean_text(join(*EN), repeated_keys=keys).text == join(*EN)


def test_clean_chrome_only_text_is_empty() -> None:
    assert clean_text("Share\n\n0 comments\n\nSign in") == Cleaned(
        text="", removed=["Share", "0 comments", "Sign in"]
    )


def test_line_key_ignores_case_spacing_digits_and_punctuation() -> None:
    assert line_key("0 Comments") == line_key("  12   comments:")
    assert line_key("Commentaires") == line_key("COMMENTAIRES")
    assert line_key("0 Comments") != line_key("Share")


def test_clean_line_opening_with_a_lone_colon_is_kept() -> None:
    # A byline check folds the first word and strips its colon: ":" alone left nothing to fold.
    body = "The council met on Monday and agreed the budget for the coming year.\n: Ana Lima\n" \
           "Members voted eleven to four after a long debate about the school buildings."
    cleaned = clean_text(body, title="Council agrees budget", lang="en")
    assert "The council met on Monday" in cleaned.text
