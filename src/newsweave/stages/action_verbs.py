"""Per-language words that frame actions: the verbs and event nouns of each action, how their
target is marked, and the words that make an event unreal (negation, modals, "planned").
Data only; `stages/actions.py` holds the rules that use it. Written by us.

Forms are the finite past and present forms news uses (no infinitives, futures or negated forms:
those do not report an event), written in their usual spelling and folded with
`gazetteer.fold` on load. A form may be several words ("held talks", "ziyaret etti", "دیدار کرد").

Target marks say how the argument after (or, verb-final, before) the cue is introduced:
``_`` bare (a direct object, or the genitive after an Arabic or Russian noun), ``with`` a word
before it, ``ب-`` a clitic written on it, ``-i`` a Turkish case suffix after the apostrophe,
``+را`` a word after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from newsweave.stages.gazetteer import key_of

ACTIONS = ("say", "visit", "meet", "sign", "accuse", "condemn", "call_for", "threaten", "attack")
# Who can do what to whom. Places act through their governments ("Israel urged ...") but do not
# visit or meet; a visit's target is where (or whom) the actor went to.
ACTOR_TYPES = {a: frozenset({"PER", "ORG"} if a in ("say", "visit", "meet") else {"PER", "ORG", "LOC"})
               for a in ACTIONS}
TARGET_TYPES = {a: frozenset({"PER", "ORG"} if a == "meet" else {"PER", "ORG", "LOC"}) for a in ACTIONS}
# Actions that say nothing without their target ("X met" / "X visited").
NEEDS_TARGET = frozenset({"visit", "meet", "accuse", "threaten", "attack"})
# Mutual actions: "X and Y met / signed" is X with Y.
MUTUAL = frozenset({"meet", "sign"})
# Actions whose target may sit behind "of": "accused the leaders of Hamas", "attacked the
# headquarters of X", "visited the capital of Turkey". "Condemned the killing of X" and "met the
# wife of X" are not about X.
GENITIVE_TARGETS = frozenset({"accuse", "attack", "threaten", "visit"})


def _key(text: str) -> str:
    """A mark or word, folded; the mark signs (_ - +) stay."""
    head = "".join(ch for ch in text[:1] if ch in "-+")
    tail = "-" if text.endswith("-") and len(text) > 1 else ""
    core = text[len(head):len(text) - len(tail)]
    return head + (core if core == "_" else key_of(core)) + tail


def _set(text: str) -> frozenset[str]:
    return frozenset(_key(word) for word in text.split())


@dataclass(frozen=True)
class Cue:
    """Forms of one action's verb or event noun and how its target is marked.

    ``particle``: a German separable prefix that must close the clause ("griff ... an");
    ``final``: a participle closing its clause (German): its object comes before it;
    ``suffixed``: the forms carry a pronoun suffix (التقاه "met him", ביקורו "his visit"),
    the object of a verb, the possessor (actor) of a noun.
    """

    action: str
    forms: tuple[tuple[str, ...], ...]
    marks: frozenset[str]
    kind: str = "verb"  # "verb" | "noun"
    particle: str | None = None
    final: bool = False
    suffixed: bool = False
    target_types: frozenset[str] | None = None
    needs_target: bool | None = None

    @property
    def targets(self) -> frozenset[str]:
        return self.target_types or TARGET_TYPES[self.action]

    @property
    def target_required(self) -> bool:
        return self.action in NEEDS_TARGET if self.needs_target is None else self.needs_target


def cue(action: str, forms: str, marks: str = "_", *, targets: str | None = None, **options: object) -> Cue:
    """``forms``: "|"-separated phrases; ``marks``: space-separated target marks."""
    return Cue(action=action, forms=tuple(tuple(key_of(f).split()) for f in forms.split("|") if f.strip()),
               marks=_set(marks), target_types=frozenset(targets.split()) if targets else None,
               **options)  # type: ignore[arg-type]


def noun(action: str, forms: str, marks: str, **options: object) -> Cue:
    return cue(action, forms, marks, kind="noun", **options)


def light(nouns: str, verbs: str) -> str:
    """Persian compound verbs: every noun with every light-verb form."""
    return "|".join(f"{n} {v}" for n in nouns.split("|") for v in verbs.split("|"))


@dataclass(frozen=True)
class ActionLexicon:
    """What one language writes around an action.

    ``place``: marks of a place ("in", "في", "ב-", "-da"); ``between``/``conj``: "meeting between
    X and Y"; ``noun_actor``: how an event noun's actor is marked ("visit by X", "زيارة X",
    "Roche'un ziyareti"); ``light_verbs``: verbs whose subject is a following noun's actor ("paid
    a visit", "قام بزيارة"); ``before``: negations and modals in the few words before a verb;
    ``conditionals``: anywhere before it in its clause; ``unreal``: words next to an event noun
    that make it not (yet) an event ("planned visit", "الزيارة المرتقبة").
    ``verb_first``: a verb opening its clause takes its subject after it (VSO, V2);
    ``verb_final``: the verb closes its clause (SOV); ``verb_second``: German, where a participle
    or the verb of a subordinate clause closes it and negation follows the verb ("traf ... nicht").
    """

    cues: tuple[Cue, ...]
    place: frozenset[str]
    place_adjacent: frozenset[str] = frozenset()  # place marks right before the name only: "à Ankara", not "à l'Iran"
    between: frozenset[str] = frozenset()
    conj: frozenset[str] = frozenset()
    genitives: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    possessives: frozenset[str] = frozenset()
    auxiliaries: frozenset[str] = frozenset()  # and adverbs ("yesterday"), besides the speech lexicon's
    passive: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()
    before: frozenset[str] = frozenset()
    conditionals: frozenset[str] = frozenset()
    unreal: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    noun_actor: frozenset[str] = frozenset({"_"})
    pronouns: frozenset[str] = frozenset()  # third person singular subjects
    post_words: frozenset[str] = frozenset()  # marks written after the name (را, ile)
    verb_first: bool = False
    verb_final: bool = False
    verb_second: bool = False
    postpositional: bool = False  # every mark follows the name (Turkish suffixes)
    negations_after: frozenset[str] = frozenset()
    reflexives: frozenset[str] = frozenset()  # "s'est rendu" is not a passive
    counterparts: frozenset[str] = frozenset()  # lowercase nouns that title a name: "his counterpart X"
    prepositions: frozenset[str] = frozenset()  # besides the marks: a name after them is no bare argument

    @cached_property
    def index(self) -> dict[str, list[tuple[Cue, tuple[str, ...]]]]:
        """First token of a form -> (cue, form) pairs."""
        table: dict[str, list[tuple[Cue, tuple[str, ...]]]] = {}
        for c in self.cues:
            for form in dict.fromkeys(c.forms):  # folding merges "signé" and "signe"
                table.setdefault(form[0], []).append((c, form))
        return table

    @cached_property
    def marks(self) -> frozenset[str]:
        """Every word that introduces a phrase: a preposition ends a noun phrase scan."""
        words = {m for c in self.cues for m in c.marks}
        words |= self.place | self.between | self.conj | self.agents | self.noun_actor | self.prepositions
        return frozenset(w for w in words if w != "_" and not w.startswith(("-", "+")) and not w.endswith("-"))


_ACC = "-i -u -yi -yu -ni -nu"
_DAT = "-a -e -ya -ye -na -ne"
_WITH = "+ile -la -le -yla -yle"
_GEN = "-in -un -nin -nun"
_FA_LIGHT = "کرد|کردند|کرده است|کرده اند|کرده بود"

EN = ActionLexicon(
    cues=(
        cue("visit", "visited|visits"),
        noun("visit", "visit|visits|trip", "to"),
        cue("meet", "met|meets", "_ with"),
        cue("meet", "held talks|holds talks", "with"),
        cue("meet", "hosted|hosts|received|receives", targets="PER"),
        noun("meet", "meeting|talks", "with"),
        cue("sign", "signed|signs", "with"),
        cue("accuse", "accused|accuses|blamed|blames"),
        cue("condemn", "condemned|condemns|denounced|denounces"),
        cue("call_for", "urged|urges|called on|calls on|demanded|demands|called for|calls for|appealed to"),
        cue("threaten", "threatened|threatens"),
        cue("attack", "attacked|bombed|shelled|raided|invaded"),
    ),
    place=_set("in at"),
    auxiliaries=_set("today yesterday"),
    between=_set("between"), conj=_set("and"), genitives=_set("of"),
    determiners=_set("the a an this that these those"), possessives=_set("his her"),
    passive=_set("was were been being is are be"), agents=_set("by"),
    before=_set("not never didn doesn hasn haven hadn wasn weren won wouldn will would could should may "
                "might must shall to"),
    conditionals=_set("if unless whether"),
    unreal=_set("planned upcoming expected scheduled proposed possible next future cancelled canceled "
                "postponed"),
    light_verbs=_set("paid pays made makes began begins started starts concluded"),
    noun_actor=_set("by of -s"),
    pronouns=_set("he she"),
    prepositions=_set("for from on about against over under after before during without within across through into "
                      "onto toward towards near"),
    counterparts=_set("counterpart counterparts"),
)

FR = ActionLexicon(
    cues=(
        cue("visit", "visité|visite|visitent|visitait|visitaient"),
        cue("visit", "est rendu|est rendue|sont rendus|sont rendues", "à au aux en"),
        noun("visit", "visite|visites|voyage", "en à au aux"),
        cue("meet", "rencontré|rencontre|rencontrent|rencontrait|rencontraient"),
        cue("meet", "entretenu|entretenue|entretenus|entretient", "avec"),
        cue("meet", "reçu|reçue|reçoit|recevait", targets="PER"),
        noun("meet", "rencontre|entretien|réunion|entrevue", "avec"),
        cue("sign", "signé|signe|signent", "avec"),
        cue("accuse", "accusé|accuse|accusent|accusait|accusaient"),
        cue("condemn", "condamné|condamne|condamnent|condamnait|dénoncé|dénonce|dénoncent|dénonçait"),
        cue("call_for", "exhorté|exhorte|exhortent|exhortait|demandé|demande|réclamé|réclame|sommé",
            "_ à au aux"),
        cue("call_for", "appelé à|appelle à|appellent à|appelait à", "", needs_target=False),
        cue("threaten", "menacé|menace|menacent|menaçait"),
        cue("attack", "attaqué|attaque|attaquent|attaquait|bombardé|bombarde|bombardent"),
    ),
    place=_set("à au aux en dans"), place_adjacent=_set("à"),
    between=_set("entre"), conj=_set("et"), genitives=_set("de du d des"),
    determiners=_set("le la les l un une ce cet cette ces"), possessives=_set("son sa ses leur"),
    auxiliaries=_set("s se est sont était étaient été a ont avait avaient aujourd hier"),
    passive=_set("été est sont était étaient"), agents=_set("par"), reflexives=_set("s se"),
    before=_set("ne n pas jamais va vont doit doivent devrait pourrait pourraient veut"),
    conditionals=_set("si"),
    unreal=_set("prochaine prochain prévue prévu éventuelle éventuel annulée reportée future"),
    light_verbs=_set("effectué effectue entamé entame achevé achève rendu rend"),
    noun_actor=_set("de du d"),
    pronouns=_set("il elle"),
    prepositions=_set("pour sur sous avec sans contre chez vers depuis pendant après avant près"),
    counterparts=_set("homologue homologues"),
)

ES = ActionLexicon(
    cues=(
        cue("visit", "visitó|visita|visitan|visitaron|visitaba", "_ a al"),
        noun("visit", "visita|visitas|viaje", "a al en"),
        cue("meet", "reunió|reunieron|reúne|reúnen|reunía|encontró|encontraron|entrevistó|entrevistaron", "con"),
        cue("meet", "recibió|recibe|recibieron", "a al", targets="PER"),
        noun("meet", "reunión|encuentro|entrevista", "con"),
        cue("sign", "firmó|firmaron|firma|firman", "con"),
        cue("accuse", "acusó|acusa|acusan|acusaron|acusaba", "_ a al"),
        cue("condemn", "condenó|condena|condenan|condenaron", "_ a al"),
        cue("call_for", "instó|insta|instan|instaron|exigió|exige|exigen|exigieron|pidió|pide|piden|pidieron|"
            "urgió", "_ a al"),
        cue("threaten", "amenazó|amenaza|amenazan|amenazaron", "_ a al"),
        cue("attack", "atacó|atacaron|bombardeó|bombardearon|invadió", "_ a al"),
    ),
    place=_set("en"),
    between=_set("entre"), conj=_set("y e"), genitives=_set("de del"),
    determiners=_set("el la los las un una unos unas este esta"), possessives=_set("su sus"),
    auxiliaries=_set("se hoy ayer"),
    passive=_set("fue fueron sido es son era"), agents=_set("por"),
    before=_set("no nunca va van podría podrían debe deberá quiere"),
    conditionals=_set("si"),
    unreal=_set("próxima próximo prevista previsto eventual posible cancelada aplazada futura"),
    light_verbs=_set("realizó realiza inició inicia efectuó comenzó concluyó hizo"),
    noun_actor=_set("de del"),
    pronouns=_set("él ella"),
    prepositions=_set("para sobre bajo sin contra hacia desde durante tras ante cerca"),
    counterparts=_set("homólogo homóloga"),
    verb_first=True,
)

DE = ActionLexicon(
    cues=(
        cue("visit", "besuchte|besuchten|besucht"),
        noun("visit", "Besuch|Besuchs|Besuches|Reise", "in im bei nach"),
        cue("meet", "traf|trafen|trifft", "_ mit"),
        cue("meet", "getroffen|zusammengetroffen|zusammengekommen", "_ mit", final=True),
        cue("meet", "kam|kamen|kommt", "mit", particle="zusammen"),
        cue("meet", "empfing|empfingen|empfängt|empfangen", targets="PER"),
        noun("meet", "Treffen|Gespräch|Begegnung|Zusammentreffen", "mit"),
        cue("sign", "unterzeichnete|unterzeichneten|unterzeichnet|unterschrieb|unterschrieben", "mit"),
        cue("accuse", "beschuldigte|beschuldigten|beschuldigt|bezichtigte"),
        cue("accuse", "warf|warfen|wirft", particle="vor"),
        cue("accuse", "vorgeworfen", final=True),
        cue("condemn", "verurteilte|verurteilten|verurteilt"),
        cue("call_for", "forderte|forderten|fordert"),
        cue("call_for", "rief|riefen|ruft", particle="auf"),
        cue("call_for", "aufgefordert|aufgerufen|gefordert", final=True),
        cue("threaten", "drohte|drohten|droht|bedrohte|bedrohten|bedroht", "_ mit"),
        cue("attack", "griff|griffen|greift", particle="an"),
        cue("attack", "angegriffen", final=True),
        cue("attack", "bombardierte|bombardierten|attackierte|attackierten"),
    ),
    place=_set("in im"),
    between=_set("zwischen"), conj=_set("und"), genitives=_set("von"),
    determiners=_set("der die das den dem des ein eine einen einem einer eines"),
    possessives=_set("sein seine seinem seinen seiner ihr ihre ihrem ihren"),
    auxiliaries=_set("sich hat haben hatte hatten ist sind war waren heute gestern"),
    passive=_set("wurde wurden worden"), agents=_set("von"),
    before=_set("will soll sollen sollte könnte würde möchte wollte"),
    conditionals=_set("wenn falls ob"),
    unreal=_set("geplante geplanten geplanter bevorstehende bevorstehenden erwartete mögliche möglichen "
                "nächste abgesagte verschobene"),
    light_verbs=_set("stattete absolvierte begann"),
    noun_actor=_set("_ von"),
    pronouns=_set("er sie"),
    prepositions=_set("vor auf aus durch für gegen ohne seit um unter über zu zum zur gegenüber wegen trotz während"),
    counterparts=_set("Amtskollegen Amtskollege Amtskollegin Kollegen Kollegin"),
    verb_first=True,
    verb_second=True,
    negations_after=_set("nicht nie niemals kein keine keinen keinem keiner"),
)

RU = ActionLexicon(
    cues=(
        cue("visit", "посетил|посетила|посетили|посещает|посещал|посещала"),
        noun("visit", "визит|визита|визите|визитом|поездка|поездки|поездке", "в во на"),
        cue("meet", "встретился|встретилась|встретились|встречается|встречался|встречалась|встречались|"
            "провел переговоры|провела переговоры|провели переговоры|проводит переговоры", "с со"),
        cue("meet", "принял|приняла|приняли", targets="PER"),
        noun("meet", "встреча|встречи|встрече|встречу|переговоры|переговоров", "с со"),
        cue("sign", "подписал|подписала|подписали", "с со"),
        cue("accuse", "обвинил|обвинила|обвинили|обвиняет|обвиняют|обвинял|обвиняла"),
        cue("condemn", "осудил|осудила|осудили|осуждает|осуждают"),
        cue("call_for", "призвал|призвала|призвали|призывает|призывают|потребовал|потребовала|потребовали|"
            "требует|требуют", "_ от"),
        cue("threaten", "пригрозил|пригрозила|пригрозили|угрожает|угрожают|угрожал|угрожала"),
        cue("attack", "атаковал|атаковала|атаковали|атакует|обстрелял|обстреляла|обстреляли|обстреливает|"
            "бомбили|нанес удар по|нанесла удар по|нанесли удар по|нанесли удары по", "_ по"),
    ),
    place=_set("в во на"),
    auxiliaries=_set("сегодня вчера"),
    between=_set("между"), conj=_set("и"),
    possessives=_set("его ее их"),
    before=_set("не будет будут может хочет собирается планирует"),
    conditionals=_set("если"),
    unreal=_set("предстоящий предстоящая предстоящей предстоящего запланированный запланированная "
                "возможный возможная будущий отмененный"),
    light_verbs=_set("совершил совершила совершили начал начала"),
    pronouns=_set("он она"),
    prepositions=_set("к ко у о об от из за для при после перед через без над под"),
    counterparts=_set("коллега коллеги коллеге коллегу коллегой"),
)

AR = ActionLexicon(
    cues=(
        cue("visit", "زار|زارت|زاروا|زارا|يزور|تزور|يزورون"),
        cue("visit", "زارها", suffixed=True),  # not زاره: folded, it is زارة as in وزارة "ministry"
        noun("visit", "زيارة|زيارات", "إلى ل-"),
        noun("visit", "زيارته|زيارتها", "إلى ل-", suffixed=True),
        cue("meet", "التقى|التقت|التقيا|التقوا|يلتقي|تلتقي", "_ ب- مع"),
        cue("meet", "اجتمع|اجتمعت|اجتمعا|اجتمعوا|يجتمع|تجتمع|ناقش|ناقشت|بحث|بحثت", "مع ب-"),
        cue("meet", "استقبل|استقبلت|يستقبل|تستقبل", targets="PER"),
        cue("meet", "التقاه|التقته|استقبله|استقبلته", suffixed=True),
        noun("meet", "لقاء|اجتماع|محادثات|مباحثات", "مع ب-"),
        noun("meet", "لقائه|اجتماعه|لقاءه", "مع ب-", suffixed=True),
        # وقع is also "happened" and توقع "expected": only "signed with X".
        cue("sign", "وقع|وقعت|وقعا|وقعوا|يوقع", "مع", needs_target=True),
        cue("accuse", "اتهم|اتهمت|اتهموا|اتهما|يتهم|تتهم|يتهمون"),
        cue("condemn", "أدان|أدانت|أدانوا|يدين|تدين|استنكر|استنكرت|يستنكر|تستنكر|ندد|نددت|يندد|تندد", "_ ب-"),
        cue("call_for", "دعا|دعت|دعوا|يدعو|تدعو|طالب|طالبت|طالبوا|يطالب|تطالب|حث|حثت|يحث|تحث|ناشد|ناشدت"),
        cue("threaten", "هدد|هددت|هددوا|يهدد|تهدد", "_ ب-"),
        cue("attack", "هاجم|هاجمت|هاجموا|يهاجم|تهاجم|قصف|قصفت|قصفوا|يقصف|تقصف|استهدف|استهدفت|يستهدف|"
            "تستهدف|شن هجوما على|شنت هجوما على|شن غارات على|شنت غارات على"),
    ),
    place=_set("في ب-"),
    between=_set("بين"), conj=_set("و و-"),
    auxiliaries=_set("قد لقد وقد كان وكان ثم كما اليوم أمس"),
    before=_set("لم لن لا ما ليس سوف"),
    conditionals=_set("إذا لو"),
    unreal=_set("المرتقبة المرتقب مرتقبة المقبلة المقبل المقررة المقرر المحتملة المحتمل المزمعة المزمع "
                "الملغاة المؤجلة"),
    light_verbs=_set("قام قامت يقوم تقوم أجرى أجرت يجري تجري بدأ بدأت يبدأ تبدأ اختتم اختتمت يختتم عقد عقدت"),
    pronouns=_set("هو هي"),
    prepositions=_set("على عن من عند لدى ضد نحو"),
    verb_first=True,
)

HE = ActionLexicon(
    cues=(
        cue("visit", "ביקר|ביקרה|ביקרו", "_ את ב-"),
        noun("visit", "ביקור|ביקורי", "ב- ל-"),
        noun("visit", "ביקורו|ביקורה", "ב- ל-", suffixed=True),
        cue("meet", "נפגש|נפגשה|נפגשו|נפגשים|נפגשת", "עם"),
        cue("meet", "פגש|פגשה|פגשו", "_ את"),
        cue("meet", "אירח|אירחה|אירחו", "_ את", targets="PER"),
        noun("meet", "פגישה|פגישת|שיחות", "עם"),
        noun("meet", "פגישתו|פגישתה", "עם", suffixed=True),
        cue("sign", "חתם|חתמה|חתמו", "עם"),
        cue("accuse", "האשים|האשימה|האשימו|מאשים|מאשימה|מאשימים", "_ את"),
        cue("condemn", "גינה|גינתה|גינו|מגנה|מגנים", "את", needs_target=True),  # גינה is also "garden"
        cue("call_for", "קרא|קראה|קראו", "ל-", needs_target=True),  # קרא is also "read"
        cue("call_for", "דרש|דרשה|דרשו|דורש|דורשת", "מ- _"),
        cue("call_for", "הפציר|הפצירה|הפצירו", "ב-"),
        cue("threaten", "איים|איימה|איימו|מאיים|מאיימת", "על"),
        cue("attack", "תקף|תקפה|תקפו|הפציץ|הפציצה|הפציצו", "_ את"),
    ),
    place=_set("ב-"),
    between=_set("בין"), conj=_set("ו- ל-"), genitives=_set("של"),
    auxiliaries=_set("כבר היום אתמול"),
    before=_set("לא אינו אינה עתיד עתידה צפוי צפויה אמור אמורה"),
    conditionals=_set("אם"),
    unreal=_set("המתוכנן המתוכננת הצפוי הצפויה הקרוב הקרובה"),
    light_verbs=_set("ערך ערכה ערכו קיים קיימה"),
    noun_actor=_set("_ של"),
    pronouns=_set("הוא היא"),
    prepositions=_set("אל מן אצל נגד לפני אחרי"),
    verb_first=True,
)

FA = ActionLexicon(
    cues=(
        cue("visit", light("دیدار|بازدید", _FA_LIGHT), "از"),
        cue("visit", light("سفر", _FA_LIGHT), "به"),
        noun("visit", "سفر", "به"),
        noun("visit", "دیدار|بازدید", "از"),
        cue("meet", light("دیدار|ملاقات|دیدار و گفتگو", _FA_LIGHT), "با"),
        noun("meet", "دیدار|ملاقات", "با"),
        cue("sign", light("امضا", _FA_LIGHT), "با"),
        cue("accuse", light("متهم", _FA_LIGHT), "+را"),
        cue("condemn", light("محکوم", _FA_LIGHT), "+را"),
        cue("call_for", "خواستار", ""),
        cue("call_for", light("درخواست", _FA_LIGHT), "از"),
        cue("threaten", light("تهدید", _FA_LIGHT), "+را"),
        cue("attack", light("حمله", _FA_LIGHT), "به"),
        cue("attack", light("بمباران", _FA_LIGHT), "+را"),
    ),
    place=_set("در"),
    auxiliaries=_set("امروز دیروز"),
    between=_set("میان بین"), conj=_set("و"),
    determiners=_set("این آن یک"),
    conditionals=_set("اگر"),
    unreal=_set("آینده احتمالی"),
    pronouns=_set("او وی"),
    prepositions=_set("برای بر علیه نزد"),
    post_words=_set("را"),
    verb_final=True,
)

TR = ActionLexicon(
    cues=(
        cue("visit", "ziyaret etti|ziyaret ettiler|ziyaret ediyor|ziyaret etmişti|ziyaret etmiş", _ACC),
        noun("visit", "ziyareti|ziyaretinde|ziyaretine|ziyaretini|ziyaretiyle", f"_ {_DAT}"),
        cue("meet", "görüştü|görüştüler|görüşüyor|görüşmüştü|görüşmüş|bir araya geldi|bir araya geldiler", _WITH),
        cue("meet", "kabul etti|kabul ettiler", _ACC, targets="PER"),
        noun("meet", "görüşme|görüşmesi|görüşmede|görüşmesinde|görüşmesini", _WITH),
        cue("sign", "imzaladı|imzaladılar|imzalıyor", _WITH),
        cue("accuse", "suçladı|suçladılar|suçluyor|itham etti", _ACC),
        cue("condemn", "kınadı|kınadılar|kınıyor|lanetledi", _ACC),
        cue("call_for", "çağrıda bulundu|çağrı yaptı", _DAT),  # not çağırdı: also "summoned", "invited"
        cue("call_for", "talep etti", "-dan -den -tan -ten -ndan -nden"),
        cue("threaten", "tehdit etti|tehdit ettiler|tehdit ediyor", _ACC),
        cue("attack", "saldırdı|saldırdılar", _DAT),
        cue("attack", "bombaladı|bombaladılar", _ACC),
    ),
    place=_set("-da -de -ta -te -nda -nde"),
    auxiliaries=_set("bugün dün"),
    conj=_set("ve"),
    determiners=_set("bir bu"),
    conditionals=_set("eğer"),
    unreal=_set("planlanan olası muhtemel"),
    noun_actor=_set(_GEN),
    pronouns=_set("o kendisi"),
    post_words=_set("ile adına için gibi karşı göre sonra önce kadar rağmen dair hakkında"),
    verb_final=True,
    postpositional=True,
)

LEXICONS: dict[str, ActionLexicon] = {"en": EN, "fr": FR, "es": ES, "de": DE, "ru": RU, "ar": AR, "he": HE,
                                      "fa": FA, "tr": TR}
