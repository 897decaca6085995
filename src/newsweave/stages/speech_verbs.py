"""Per-language words that frame speech: verbs of saying, complementisers, "according to",
subject pronouns and role nouns. Data only; `stages/quotes.py` holds the rules that use it.

Verbs are listed as inflected forms (news uses a handful of tenses), and French ones as past
participles that `quotes.py` combines with the auxiliary and the "a-t-il" inversion. German
separable verbs are listed without their particle ("teilte … mit"): "mit" alone is no verb.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Lexicon:
    """What one language says around a quote.

    ``prefixes`` are clitics written on the verb or name (Arabic و/ف, Hebrew ו/ש);
    ``subject_first`` is False where the verb usually comes before its subject (Arabic VSO);
    ``drops_subject`` is True where a verb alone ("وقال", "dedi", "گفت") carries its subject;
    ``verb_final`` is True where the verb closes the clause it reports (Turkish, Persian SOV).
    """

    verbs: frozenset[str]
    complementisers: frozenset[str]
    according: tuple[str, ...]
    pronouns: frozenset[str]
    roles: dict[str, str] = field(default_factory=dict)
    prefixes: tuple[str, ...] = ()
    subject_first: bool = True
    drops_subject: bool = False
    verb_final: bool = False
    # Phrases ("according to X" in postposition languages) where the source comes first.
    according_after: tuple[str, ...] = ()
    # Words that may stand between a subject and its verb ("has", "also", "a" in "a-t-il").
    auxiliaries: frozenset[str] = frozenset()
    # Words that end a speaker's noun phrase (conjunctions, prepositions, time words).
    boundaries: frozenset[str] = frozenset()
    # Words that start a new clause after a comma (relatives) or join two (coordinators), and
    # common finite verbs: a reported clause ends before "and" + a new predicate.
    relatives: frozenset[str] = frozenset()
    coordinators: frozenset[str] = frozenset()
    finite: frozenset[str] = frozenset()
    # Verbs of attitude, request, stance and appearance whose object is what is attributed ("called
    # for X", "urged Y to", "endorsed X", "hopes to", "seemed a reminder"): reported content without
    # a verb of saying.
    attitudes: frozenset[str] = frozenset()
    # Prepositions such verbs take, left out of the content ("called for X", "talked about X").
    particles: frozenset[str] = frozenset()
    # Nouns of speech and stance whose object is what is attributed ("questions about X", "attacks
    # on X", "the notion that X"): one of ``noun_particles`` must follow them.
    cue_nouns: frozenset[str] = frozenset()
    noun_particles: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    # Verbs that take a clause without a complementiser ("she said professors would...").
    bare_complement: frozenset[str] = frozenset()
    # Words of ``boundaries`` that may still open such a clause ("said there was", "explained how");
    # ``questions`` open an embedded question as a complementiser does ("asked Trump how he would").
    clause_openers: frozenset[str] = frozenset()
    questions: frozenset[str] = frozenset()
    # Verbs of belief, knowledge and perception: they frame reported content like verbs of saying
    # ("believes that", "knows Trump will") but are no speech acts, so `verbs` leaves them out.
    cognition: frozenset[str] = frozenset()
    # "as" in "As Politico reported, CLAUSE" / "CLAUSE, as she said": the main clause is reported.
    as_words: frozenset[str] = frozenset()
    # Finite verb forms of a reporting mood (German Konjunktiv I: "er sei", "sie habe"): a main
    # clause in this mood continues the reported speech of the last speaker, without a verb of saying.
    # Next to a ``first_person`` pronoun the same form is indicative ("ich habe").
    reported_mood: frozenset[str] = frozenset()
    first_person: frozenset[str] = frozenset()
    # German capitalises every noun: a phrase without a capitalised word ("leise und klagend") is no subject.
    capitalised_nouns: bool = False


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _english_forms(lemmas: str, irregular: str = "") -> frozenset[str]:
    """Regular English forms of each lemma (believe -> believes believed believing), plus ``irregular``."""
    forms = set(irregular.split())
    for lemma in lemmas.split():
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        third = lemma[:-1] + "ies" if lemma.endswith("y") and lemma[-2] not in "aeiou" else lemma + "s"
        past = lemma[:-1] + "ied" if lemma.endswith("y") and lemma[-2] not in "aeiou" else stem + "ed"
        forms.update((lemma, third, past, stem + "ing"))
    return frozenset(forms)


EN = Lexicon(
    verbs=_words(
        "said says say saying told tells tell telling added adds asked asks noted notes explained explains "
        "argued argues claimed claims insisted insists wrote writes stated states declared declares "
        "announced announces continued replied replies responded answered warned warns suggested suggests "
        "acknowledged acknowledges admitted admits conceded stressed emphasized emphasised recalled "
        "complained joked tweeted predicted promised promises vowed vows pledged countered observed "
        "remarked reported reports confirmed denied maintained contended contends believes believe "
        "thinks think agreed agrees estimated estimates testified indicated revealed disclosed "
        "concluded urged charged alleged alleges boasted quipped mused shouted yelled wondered adding arguing "
        "noting claiming suggesting warning insisting explaining show shows showed showing found finds"),
    complementisers=_words("that whether if"),
    according=("according to", "in the words of"),
    pronouns=_words("he she they we i it"),
    auxiliaries=_words("also later then has have had would will could should may might 's is was were are "
                       "been be did does do not never often once previously repeatedly recently reportedly "
                       "publicly privately just still already again first has"),
    boundaries=_words("that and but or when while because which who whom whose as if though although since "
                      "after before where so than what how why on in at for with from by to into about over "
                      "during this there upon among across through under without within despite toward towards "
                      "around behind beyond near via"),
    relatives=_words("which who whose where while whereas"),
    coordinators=_words("and but"),
    finite=_words("has have had is was were are will would can could made went took called promised "
                  "did does got came gave kept left met urged"),
    attitudes=_words(
        "called calling calls urged urging urges proposed proposes proposing endorsed endorses endorse "
        "endorsing supported supports support supporting opposed opposes oppose opposing criticized "
        "criticizes criticised criticizing praised praises praising accused accuses accusing blamed "
        "blames blaming denounced denouncing condemned condemning rejected rejects rejecting dismissed "
        "dismissing defended defends defending questioned questioning promised promising vowed vowing "
        "pledged pledging wants want wanted hopes hoped hope plans planned expects expected fears feared "
        "sought seeks seeking demanded demands demanding asked asking declined declines refused refuses "
        "threatened threatening announced announcing cited citing described describing touted touting "
        "attacked attacking talked talking worried complained complaining pushed pushing "
        "backed backing blasted slammed mocked referring referred refers pointed pointing focused focusing "
        "mentioned mentioning discussed discussing discuss railed railing weighed seem seems seemed "
        "appear appears appeared"),
    particles=_words("for about of on against over with out"),
    noun_particles=_words("about of on for to that"),
    cue_nouns=_words(
        "question questions attack attacks criticism criticisms comment comments remark remarks statement "
        "concern concerns complaint complaints warning warnings claim claims call calls demand demands "
        "support opposition endorsement praise accusation accusations allegation allegations charge "
        "charges argument arguments promise promises pledge pledges views view position stance "
        "proposal proposals plan plans reference references notion idea belief hope hopes fear fears "
        "speculation agreement suggestion suggestions evidence report reports assertion assertions "
        "insistence assurance assurances expectation expectations impression rumor rumors"),
    bare_complement=_words(
        "said says say told tells added adds argued argues claimed claims insisted insists noted notes warned "
        "warns believes believe thinks think predicted acknowledged acknowledges suggested suggests estimated "
        "wrote writes explained explains announced stressed conceded admitted contended contends maintained "
        "agreed agrees recalled complained saying adding arguing noting claiming suggesting warning insisting "
        "explaining show shows showed showing"),
    determiners=_words("the a an his her their its our my your this that these those to no any"),
    clause_openers=_words("there this what how why"),
    questions=_words("what how why"),
    as_words=_words("as"),
    cognition=_english_forms(
        "believe think know expect hope doubt feel fear worry suggest argue claim agree realize realise "
        "assume recognize recognise insist acknowledge deny predict estimate conclude decide show "
        "indicate reveal learn hear see imagine suspect guess reckon wonder remember notice admit "
        "concede contend maintain",
        "thought knew felt found saw seen heard understood understand understands understanding"),
    roles={"minister": "minister", "president": "president", "spokesman": "spokesman",
           "spokeswoman": "spokesman", "spokesperson": "spokesman", "premier": "prime minister",
           "chancellor": "chancellor", "secretary": "secretary", "governor": "governor",
           "senator": "senator", "mayor": "mayor", "general": "general", "leader": "leader",
           "chief": "chief", "official": "official", "officials": "official", "ambassador": "ambassador",
           "candidate": "candidate", "nominee": "candidate", "congressman": "congressman",
           "congresswoman": "congressman", "judge": "judge", "director": "director",
           "commissioner": "commissioner", "executive": "executive", "king": "king", "queen": "queen"},
)

FR = Lexicon(
    verbs=_words(
        "déclaré dit affirmé ajouté souligné indiqué expliqué annoncé estimé assuré précisé confié lancé "
        "répondu averti martelé insisté rappelé reconnu écrit prévenu jugé regretté promis noté "
        "raconté confirmé démenti dénoncé observé répété poursuivi ajoute déclare affirme souligne "
        "indique explique annonce estime assure précise confie lance répond avertit martèle insiste "
        "rappelle reconnaît écrit prévient juge regrette promet note raconte confirme dénonce poursuit "
        "déclarait disait affirmait ajoutait expliquait estimait assurait"),
    complementisers=_words("que qu'"),
    according=("selon", "d'après", "d’après", "aux dires de"),
    as_words=_words("comme"),
    pronouns=_words("il elle ils elles on"),
    auxiliaries=_words("a ont avait avaient aurait auraient t aussi également encore déjà alors ensuite"),
    boundaries=_words("que qu et mais ou quand lorsque qui dont où car si comme dans à en lors pendant après "
                      "avant sur pour avec par devant au aux ce cette lundi mardi mercredi jeudi vendredi "
                      "samedi dimanche"),
    roles={"ministre": "minister", "président": "president", "présidente": "president",
           "porte-parole": "spokesman", "premier ministre": "prime minister", "chancelier": "chancellor",
           "chancelière": "chancellor", "secrétaire": "secretary", "maire": "mayor", "général": "general",
           "dirigeant": "leader", "chef": "chief", "responsable": "official", "ambassadeur": "ambassador",
           "roi": "king", "reine": "queen", "juge": "judge", "directeur": "director"},
)

DE = Lexicon(
    verbs=_words(
        "sagte sagt sagten sagen gesagt sprach spricht erklärte erklärt erklärten meinte meint meinten "
        "betonte betont schrieb schreibt berichtete berichtet erzählte erzählt antwortete antwortet "
        "rief ruft fragte fragt versicherte versichert behauptete behauptet erwiderte erwidert bemerkte "
        "bemerkt äußerte äußert warnte warnt forderte fordert versetzte entgegnete entgegnet "
        "fuhr verkündete verkündet teilte kündigte räumte gestand glaubt glaubte "
        "meldete meldet erzählten fügte flüsterte flüstert schrie schreit murmelte seufzte klagte "
        "mahnte entgegnete sprach"),
    complementisers=_words("dass daß ob"),
    according=("laut", "nach Angaben", "nach Ansicht", "nach Worten"),
    pronouns=_words("er sie ich wir"),
    auxiliaries=_words("auch noch dann hat habe hatte hatten haben wird würde bereits schon nun jetzt "
                       "damals später"),
    boundaries=_words("und aber oder daß dass wenn als weil wie in im am an auf bei mit nach vor zu zum zur "
                      "für gegenüber vom von dem den des das"),
    roles={"minister": "minister", "ministerin": "minister", "präsident": "president",
           "präsidentin": "president", "sprecher": "spokesman", "sprecherin": "spokesman",
           "kanzler": "chancellor", "kanzlerin": "chancellor", "bundeskanzler": "chancellor",
           "premierminister": "prime minister", "ministerpräsident": "prime minister",
           "bürgermeister": "mayor", "general": "general", "botschafter": "ambassador", "könig": "king",
           "kaiser": "emperor", "richter": "judge", "direktor": "director"},
    according_after=("zufolge",),
    reported_mood=_words("sei seien habe werde könne müsse solle wolle dürfe möge wisse gebe"),
    first_person=_words("ich jch wir"),
    capitalised_nouns=True,
    determiners=_words("der die das des dem den ein eine einer eines einem"),
)

ES = Lexicon(
    verbs=_words(
        "dijo dice afirmó afirma aseguró asegura declaró declara señaló señala explicó explica añadió "
        "añade agregó agrega indicó indica anunció anuncia advirtió advierte sostuvo sostiene subrayó "
        "subraya destacó destaca manifestó precisó comentó comenta respondió insistió reconoció "
        "escribió recordó dicho afirmado asegurado declarado señalado explicado"),
    complementisers=_words("que"),
    according=("según", "de acuerdo con"),
    as_words=_words("como"),
    pronouns=_words("él ella ellos ellas"),
    auxiliaries=_words("ha han había habían también ya además luego"),
    boundaries=_words("que y pero o cuando en a con por para durante tras ante al del este esta"),
    roles={"ministro": "minister", "ministra": "minister", "presidente": "president",
           "presidenta": "president", "portavoz": "spokesman", "primer ministro": "prime minister",
           "canciller": "chancellor", "alcalde": "mayor", "general": "general", "embajador": "ambassador",
           "rey": "king", "juez": "judge", "director": "director"},
    drops_subject=True,
)

RU = Lexicon(
    verbs=_words(
        "сказал сказала сказали заявил заявила заявили отметил отметила отметили сообщил сообщила "
        "сообщили добавил добавила добавили подчеркнул подчеркнула пояснил пояснила считает считают "
        "говорит говорят говорил говорила написал написала рассказал рассказала признал признала "
        "ответил ответила указал указала утверждает утверждал полагает заметил заметила предупредил "
        "предупредила уверен уверена заявляет сообщает отмечает подчеркивает подчёркивает объяснил "
        "объяснила напомнил напомнила утверждает утверждают утверждал утверждала утверждали утверждаю "
        "подчеркивал подчеркивала подчеркивали подчёркивал говорили сказав заявив отметив подчеркнув "
        "добавив предупреждал предупреждала предупреждали сообщают сообщал заявляют заявлял заявляла "
        "считал считала считали считаю отмечают отмечал пишет пишут рассказывает рассказывают уверяет "
        "уверял настаивает настаивал полагают полагал признает признаёт объясняет напоминает добавляет "
        "ответили написали рассказали указали заметили признали объяснили напомнили пояснили подтвердил "
        "подтвердила подтвердили"),
    complementisers=_words("что чтобы ли"),
    according=("по словам", "по данным", "по мнению", "по информации", "как сообщил", "как сообщила",
               "как сообщили", "как заявил", "как заявила"),
    pronouns=_words("он она они я мы"),
    auxiliaries=_words("также тоже уже ранее затем же не"),
    boundaries=_words("что и но а в на во с со по для при после перед журналистам агентству изданию"),
    roles={"министр": "minister", "президент": "president", "пресс-секретарь": "spokesman",
           "представитель": "spokesman", "премьер-министр": "prime minister", "премьер": "prime minister",
           "канцлер": "chancellor", "мэр": "mayor", "губернатор": "governor", "генерал": "general",
           "посол": "ambassador", "глава": "leader", "директор": "director", "судья": "judge"},
)

CS = Lexicon(
    verbs=_words(
        "řekl řekla řekli řeklo říká říkají říkal říkala říkával prohlásil prohlásila prohlásili prohlašuje "
        "uvedl uvedla uvedli uvedlo uvádí dodal dodala dodali dodává tvrdí tvrdil tvrdila upozornil "
        "upozornila upozorňuje potvrdil potvrdila potvrdilo potvrdili oznámil oznámila oznámilo oznámili "
        "sdělil sdělila sdělili odpověděl odpověděla komentoval komentovala napsal napsala zdůraznil "
        "zdůraznila prohlásilo míní soudí poznamenal poznamenala vysvětlil vysvětlila varoval varovala "
        "připomněl připomněla konstatoval uznal informoval"),
    complementisers=_words("že zda aby"),
    according=("podle", "dle"),
    pronouns=_words("on ona oni ony"),
    auxiliaries=_words("také též již už dnes včera rovněž však"),
    boundaries=_words("že a ale nebo v ve na s se z ze do k ke po při pro o u od před za"),
    roles={"ministr": "minister", "ministryně": "minister", "prezident": "president",
           "premiér": "prime minister", "mluvčí": "spokesman", "předseda": "chairman", "starosta": "mayor",
           "velvyslanec": "ambassador", "generál": "general", "ředitel": "director", "soudce": "judge"},
    drops_subject=True,
    as_words=_words("jak"),
)

AR = Lexicon(
    verbs=_words(
        "قال قالت قالوا يقول تقول أضاف أضافت أضافوا يضيف تابع تابعت أكد أكدت أكدوا يؤكد تؤكد أعلن أعلنت "
        "أوضح أوضحت أشار أشارت اعتبر اعتبرت ذكر ذكرت صرح صرحت زاد أردف أردفت شدد شددت لفت لفتت أفاد "
        "أفادت كشف كشفت أعرب أعربت رأى يرى ترى نقل نقلت أفادوا أشاروا ختم ختمت استطرد بين بينت "
        "أبلغ أبلغت أوضحوا وصف وصفت حذر حذرت دعا دعت"),
    complementisers=_words("إن أن بأن إنه أنه بأنه إنها أنها بأنها إنهم أنهم"),
    according=("وفق", "وفقا ل", "وفقاً ل", "وفقًا ل", "بحسب", "حسب", "على حد قول", "نقلا عن", "نقلاً عن"),
    pronouns=_words("هو هي هم الأخير الأخيرة"),
    auxiliaries=_words("أيضا أيضاً أيضًا كذلك بدوره بدورها"),
    boundaries=_words("إن أن إنه أنه بأن في خلال عقب مع على إلى من عن بعد قبل أمام حول أثناء اليوم أمس "
                      "لوكالة للصحفيين لصحيفة لقناة"),
    roles={"وزير": "minister", "الوزير": "minister", "وزيرة": "minister", "الرئيس": "president",
           "رئيس": "president", "المتحدث": "spokesman", "الناطق": "spokesman", "رئيس الوزراء": "prime minister",
           "رئيس الحكومة": "prime minister", "السفير": "ambassador", "الملك": "king", "الأمير": "prince",
           "المسؤول": "official", "الجنرال": "general", "اللواء": "general"},
    prefixes=("و", "ف"),
    subject_first=False,
    drops_subject=True,
)

HE = Lexicon(
    verbs=_words(
        "אמר אמרה אמרו הוסיף הוסיפה טען טענה טענו ציין ציינה הודיע הודיעה הבהיר הבהירה הדגיש הדגישה "
        "כתב כתבה סיפר סיפרה מסר מסרה השיב השיבה הזהיר הזהירה אומר אומרת אומרים הסביר הסבירה "
        "התריע הצהיר הצהירה"),
    complementisers=_words("כי"),
    according=("לדברי", "לפי", "על פי", "על-פי"),
    pronouns=_words("הוא היא הם הן"),
    auxiliaries=_words("גם אף עוד"),
    boundaries=_words("כי על עם אל לאחר במהלך היום אתמול בשיחה בראיון בהודעה"),
    roles={"השר": "minister", "שר": "minister", "הנשיא": "president", "נשיא": "president",
           "דובר": "spokesman", "הדובר": "spokesman", "ראש הממשלה": "prime minister",
           "השגריר": "ambassador", "הרמטכ״ל": "general", "האלוף": "general"},
    prefixes=("ו", "ש", "כש"),
    subject_first=False,
    drops_subject=True,
)

FA = Lexicon(
    verbs=_words(
        "گفت گفته گفتند افزود افزودند نوشت نوشته اظهار اعلام تاکید تأکید خاطرنشان بیان ادامه "
        "می‌گوید میگوید می‌گویند تصریح یادآور"),
    complementisers=_words("که"),
    according=("به گفته", "بنا به گفته", "به نقل از", "طبق گفته", "به اعتقاد"),
    pronouns=_words("او وی ایشان آنها"),
    auxiliaries=_words("نیز هم همچنین"),
    boundaries=_words("در به از با که را روز امروز دیروز"),
    roles={"وزیر": "minister", "رئیس‌جمهور": "president", "رئیس جمهور": "president",
           "رئیس‌جمهوری": "president", "سخنگو": "spokesman", "نخست‌وزیر": "prime minister",
           "نخست وزیر": "prime minister", "سفیر": "ambassador", "فرمانده": "general"},
    subject_first=True,
    drops_subject=True,
    verb_final=True,
)

TR = Lexicon(
    verbs=_words(
        "dedi söyledi açıkladı belirtti kaydetti vurguladı bildirdi ekledi konuştu yazdı sordu "
        "savundu iddia aktardı ifade diyor söylüyor belirtiyor dile"),
    complementisers=_words("ki"),
    according=(),
    pronouns=_words("o kendisi onlar"),
    auxiliaries=_words("de da ayrıca"),
    boundaries=_words("ve ama ile için"),
    roles={"bakan": "minister", "bakanı": "minister", "cumhurbaşkanı": "president",
           "başkan": "president", "başkanı": "president", "sözcü": "spokesman", "sözcüsü": "spokesman",
           "başbakan": "prime minister", "büyükelçi": "ambassador", "orgeneral": "general"},
    subject_first=True,
    drops_subject=True,
    verb_final=True,
    according_after=("göre",),
)

# Words ending in a period that do not end a sentence ("Mr.", "Jan.", "z.B.").
ABBREVIATIONS = _words("mr mrs ms dr gov sen rep st jr sr gen lt col sgt prof rev vs inc corp co ltd no u.s "
                       "jan feb mar apr jun jul aug sep sept oct nov dec mme mm m hr nr str bzw ca vgl z.b")

LEXICONS: dict[str, Lexicon] = {"en": EN, "fr": FR, "de": DE, "es": ES, "ru": RU, "cs": CS, "ar": AR,
                                "he": HE, "fa": FA, "tr": TR}
