from newsweave.stages.language import detect_language, language_segments, script_of


def test_language_detects_common_news_languages():
    samples = {
        "ar": "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة بحضور عدد من المسؤولين.",
        "he": "משרד הבריאות הודיע היום על פתיחת בית חולים חדש בעיר בנוכחות בכירים.",
        "fr": "Le ministère de la Santé a annoncé aujourd'hui l'ouverture d'un nouvel hôpital.",
        "de": "Das Gesundheitsministerium hat heute die Eröffnung eines neuen Krankenhauses angekündigt.",
        "ru": "Министерство здравоохранения сегодня объявило об открытии новой больницы в городе.",
        "tr": "Sağlık Bakanlığı bugün şehirde yeni bir hastanenin açıldığını duyurdu.",
    }
    for lang, text in samples.items():
        assert detect_language(text)[0] == lang


def test_language_scripts():
    assert script_of("שלום עולם") == "Hebrew"
    assert script_of("مرحبا") == "Arabic"
    assert script_of("Привет") == "Cyrillic"
    assert script_of("2024 — 17") == "Common"


def test_language_flags_a_hebrew_caption_inside_a_french_article():
    text = ("Le ministre a rencontré son homologue à Ankara pour parler de coopération.\n"
            "שר הביטחון נפגש עם עמיתו הטורקי באנקרה\n"
            "Les deux pays veulent relancer leurs échanges dans le domaine de la défense.")
    segments = language_segments(text, [], "fr")
    foreign = [s for s in segments if s.foreign]
    assert len(foreign) == 1 and foreign[0].lang == "he" and foreign[0].script == "Hebrew"


def test_language_removed_lines_are_described_too():
    segments = language_segments("Un texte français assez long pour être reconnu sans peine.", ["Share this"], "fr")
    assert segments[-1].removed and segments[-1].text == "Share this"


def test_language_no_letters_gives_no_language():
    assert detect_language("12 345 --") == (None, 0.0)
