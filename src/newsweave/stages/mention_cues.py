"""Words around names, per language: roles and titles, organisation heads, verbs of saying,
common given names and function words. Written by us for the mention finder (stages/mentions.py).

All entries are folded with `gazetteer.fold` before use, so they are written in their usual
spelling (hamza, diacritics and case do not matter).
"""

from __future__ import annotations

from functools import cache, lru_cache

from newsweave.stages.gazetteer import key_of

# Role phrase -> normalised English role key. Longer phrases win ("defence minister" over
# "minister"). A person's name follows the role, possibly after a nationality adjective.
_ROLES: dict[str, dict[str, str]] = {
    "en": {
        "president": "president", "vice president": "vice president", "prime minister": "prime minister",
        "minister": "minister", "defence minister": "defence minister", "defense minister": "defence minister",
        "defense secretary": "defence minister", "foreign minister": "foreign minister",
        "finance minister": "finance minister", "interior minister": "interior minister",
        "secretary of state": "foreign minister", "secretary-general": "secretary-general",
        "secretary general": "secretary-general", "chancellor": "chancellor", "spokesman": "spokesperson",
        "spokeswoman": "spokesperson", "spokesperson": "spokesperson", "general": "general", "gen": "general",
        "king": "king", "queen": "queen", "prince": "prince", "pope": "pope", "senator": "senator",
        "sen": "senator", "governor": "governor", "mayor": "mayor", "judge": "judge", "coach": "coach",
        "ambassador": "ambassador", "leader": "leader", "chairman": "chairman", "mr": "mr", "mrs": "mrs",
        "ms": "ms", "dr": "doctor", "sheikh": "sheikh", "rep": "representative", "colonel": "colonel",
        "captain": "captain", "lieutenant": "lieutenant", "sir": "sir", "lord": "lord",
        "striker": "player", "midfielder": "player", "defender": "player", "goalkeeper": "player",
        "chief executive": "chief executive", "director": "director", "manager": "manager",
    },
    "fr": {
        "président": "president", "présidente": "president", "premier ministre": "prime minister",
        "ministre": "minister", "ministre de la défense": "defence minister",
        "ministre des affaires étrangères": "foreign minister", "ministre de l'intérieur": "interior minister",
        "ministre des finances": "finance minister", "secrétaire général": "secretary-general",
        "chancelier": "chancellor", "porte-parole": "spokesperson", "général": "general", "roi": "king",
        "reine": "queen", "prince": "prince", "pape": "pope", "maire": "mayor", "juge": "judge",
        "ambassadeur": "ambassador", "chef": "leader", "dirigeant": "leader", "m": "mr", "mme": "mrs",
        "monsieur": "mr", "madame": "mrs", "mlle": "ms", "docteur": "doctor", "dr": "doctor",
        "député": "deputy", "sénateur": "senator", "colonel": "colonel", "capitaine": "captain",
        "lieutenant": "lieutenant", "maréchal": "marshal", "abbé": "priest", "père": "priest",
        "maître": "lawyer", "me": "lawyer", "professeur": "professor", "directeur": "director",
    },
    "es": {
        "presidente": "president", "presidenta": "president", "primer ministro": "prime minister",
        "ministro": "minister", "ministra": "minister", "ministro de defensa": "defence minister",
        "ministro de asuntos exteriores": "foreign minister", "canciller": "foreign minister",
        "secretario general": "secretary-general", "portavoz": "spokesperson", "general": "general",
        "rey": "king", "reina": "queen", "príncipe": "prince", "papa": "pope", "alcalde": "mayor",
        "alcaldesa": "mayor", "juez": "judge", "jueza": "judge", "embajador": "ambassador", "líder": "leader",
        "señor": "mr", "señora": "mrs", "sr": "mr", "sra": "mrs", "don": "mr", "doña": "mrs", "dr": "doctor",
        "doctor": "doctor", "diputado": "deputy", "senador": "senator", "consejero": "councillor",
        "entrenador": "coach", "director": "director", "delegado": "delegate", "vicepresidente": "vice president",
        "coronel": "colonel", "capitán": "captain", "gobernador": "governor", "fiscal": "prosecutor",
    },
    "de": {
        "präsident": "president", "präsidentin": "president", "bundespräsident": "president",
        "ministerpräsident": "prime minister", "premierminister": "prime minister", "minister": "minister",
        "ministerin": "minister", "verteidigungsminister": "defence minister", "außenminister": "foreign minister",
        "aussenminister": "foreign minister", "innenminister": "interior minister",
        "finanzminister": "finance minister", "bundeskanzler": "chancellor", "bundeskanzlerin": "chancellor",
        "kanzler": "chancellor", "kanzlerin": "chancellor", "sprecher": "spokesperson",
        "sprecherin": "spokesperson", "general": "general", "könig": "king", "königin": "queen",
        "papst": "pope", "bürgermeister": "mayor", "richter": "judge", "trainer": "coach", "chef": "leader",
        "konzernchef": "chief executive", "vorsitzende": "chairman", "vorsitzender": "chairman",
        "herr": "mr", "frau": "mrs", "dr": "doctor", "prof": "professor", "botschafter": "ambassador",
        "abgeordnete": "deputy", "regierungschef": "prime minister", "staatschef": "president",
        "parteichef": "leader", "direktor": "director", "manager": "manager", "sänger": "singer",
    },
    "tr": {
        "cumhurbaşkanı": "president", "başbakan": "prime minister", "bakan": "minister", "bakanı": "minister",
        "savunma bakanı": "defence minister", "milli savunma bakanı": "defence minister",
        "dışişleri bakanı": "foreign minister", "içişleri bakanı": "interior minister",
        "maliye bakanı": "finance minister", "devlet bakanı": "minister", "başkan": "president",
        "başkanı": "president", "genel sekreter": "secretary-general", "sözcü": "spokesperson",
        "sözcüsü": "spokesperson", "general": "general", "orgeneral": "general", "kral": "king",
        "kraliçe": "queen", "papa": "pope", "vali": "governor", "valisi": "governor", "milletvekili": "deputy",
        "hakim": "judge", "savcı": "prosecutor", "büyükelçi": "ambassador", "büyükelçisi": "ambassador",
        "lider": "leader", "lideri": "leader", "genel başkanı": "leader", "teknik direktör": "coach",
        "antrenör": "coach", "dr": "doctor", "prof": "professor", "bay": "mr", "bayan": "ms",
        "müdürü": "director", "müdür": "director", "kaptan": "captain", "yönetim kurulu başkanı": "chairman",
        "belediye başkanı": "mayor", "şef": "leader",
    },
    "ru": {
        "президент": "president", "премьер-министр": "prime minister", "премьер": "prime minister",
        "министр": "minister", "министр обороны": "defence minister", "министр иностранных дел": "foreign minister",
        "глава": "leader", "канцлер": "chancellor", "пресс-секретарь": "spokesperson",
        "представитель": "spokesperson", "генерал": "general", "король": "king", "королева": "queen",
        "папа": "pope", "мэр": "mayor", "губернатор": "governor", "судья": "judge", "посол": "ambassador",
        "лидер": "leader", "депутат": "deputy", "сенатор": "senator", "директор": "director",
        "председатель": "chairman", "тренер": "coach", "господин": "mr", "госпожа": "mrs",
    },
    "ar": {
        "الرئيس": "president", "رئيس": "president", "نائب الرئيس": "vice president",
        "رئيس الوزراء": "prime minister", "رئيس الحكومة": "prime minister", "الوزير": "minister",
        "وزير": "minister", "وزيرة": "minister", "وزير الدفاع": "defence minister", "وزير الأمن": "defence minister",
        "وزير الخارجية": "foreign minister", "وزير الداخلية": "interior minister", "وزير المالية": "finance minister",
        "وزير الخزانة": "finance minister", "الأمين العام": "secretary-general", "المستشار": "chancellor",
        "المتحدث": "spokesperson", "الناطق": "spokesperson", "المتحدثة": "spokesperson", "الجنرال": "general",
        "اللواء": "general", "العميد": "brigadier", "العقيد": "colonel", "الفريق": "general", "الملك": "king",
        "الملكة": "queen", "الأمير": "prince", "الأميرة": "princess", "البابا": "pope", "الشيخ": "sheikh",
        "السيد": "mr", "السيدة": "mrs", "الدكتور": "doctor", "د": "doctor", "النائب": "deputy",
        "السفير": "ambassador", "زعيم": "leader", "الزعيم": "leader", "القائد": "commander",
        "قائد": "commander", "المدير": "director", "مدير": "director", "المدرب": "coach", "مدرب": "coach",
        "اللاعب": "player", "لاعب": "player", "المهاجم": "player", "الحارس": "player", "الكابتن": "captain",
        "القاضي": "judge", "المحامي": "lawyer", "الكاتب": "writer", "الشاعر": "poet", "الفنان": "artist",
        "الفنانة": "artist", "المطرب": "singer", "المطربة": "singer", "المخرج": "director",
        "الممثل": "actor", "الممثلة": "actor", "البروفيسور": "professor", "الحاكم": "governor",
        "المرشح": "candidate", "الرئيسة": "president", "رئيسة": "president", "مستشار": "adviser",
        "المبعوث": "envoy", "مبعوث": "envoy", "العاهل": "king", "ولي العهد": "crown prince",
        "آية الله": "ayatollah", "الإمام": "imam", "المهندس": "engineer", "الأستاذ": "professor",
        "مراسل": "reporter", "المراسل": "reporter",
    },
    "fa": {
        "رئیس جمهور": "president", "رئیس جمهوری": "president", "رئیس": "president", "نخست وزیر": "prime minister",
        "وزیر": "minister", "وزیر دفاع": "defence minister", "وزیر امور خارجه": "foreign minister",
        "وزیر خارجه": "foreign minister", "وزیر کشور": "interior minister", "سخنگوی": "spokesperson",
        "سخنگو": "spokesperson", "دبیرکل": "secretary-general", "دبیر کل": "secretary-general",
        "سرلشکر": "general", "سردار": "general", "ژنرال": "general", "سرتیپ": "brigadier", "پادشاه": "king",
        "شاه": "king", "ملکه": "queen", "شاهزاده": "prince", "پاپ": "pope", "آقای": "mr", "خانم": "mrs",
        "دکتر": "doctor", "مهندس": "engineer", "استاد": "professor", "آیت الله": "ayatollah",
        "حجت الاسلام": "cleric", "سفیر": "ambassador", "نماینده": "deputy", "مدیرکل": "director",
        "مدیر کل": "director", "مدیرعامل": "chief executive", "مدیر": "director", "سرمربی": "coach",
        "مربی": "coach", "بازیکن": "player", "رهبر": "leader", "فرمانده": "commander", "استاندار": "governor",
        "شهردار": "mayor", "قاضی": "judge", "معاون": "deputy", "رئیس مجلس": "speaker", "سناتور": "senator",
        "صدراعظم": "chancellor", "هنرمند": "artist", "نویسنده": "writer", "شاعر": "poet", "کارگردان": "director",
    },
    "he": {
        "נשיא": "president", "ראש הממשלה": "prime minister", "רה\"מ": "prime minister", "שר": "minister",
        "שרת": "minister", "השר": "minister", "שר הביטחון": "defence minister", "שר החוץ": "foreign minister",
        "שר האוצר": "finance minister", "שר הפנים": "interior minister", "מזכיר המדינה": "foreign minister",
        "מזכ\"ל": "secretary-general", "דובר": "spokesperson", "דוברת": "spokesperson", "אלוף": "general",
        "תא\"ל": "brigadier", "רב-אלוף": "general", "הרמטכ\"ל": "chief of staff", "רמטכ\"ל": "chief of staff",
        "המלך": "king", "מלך": "king", "המלכה": "queen", "הנסיך": "prince", "האפיפיור": "pope",
        "ח\"כ": "deputy", "חבר הכנסת": "deputy", "יו\"ר": "chairman", "מנכ\"ל": "chief executive",
        "השופט": "judge", "שופט": "judge", "השופטת": "judge", "עו\"ד": "lawyer", "ד\"ר": "doctor",
        "פרופ'": "professor", "פרופסור": "professor", "מר": "mr", "גב'": "mrs", "הרב": "rabbi", "רב": "rabbi",
        "המאמן": "coach", "מאמן": "coach", "השחקן": "player", "שחקן": "player", "ראש העיר": "mayor",
        "ראש עיריית": "mayor", "השגריר": "ambassador", "שגריר": "ambassador", "סגן": "deputy",
        "הגנרל": "general", "גנרל": "general", "הסופר": "writer", "המשורר": "poet", "הזמר": "singer",
        "הזמרת": "singer", "הבמאי": "director", "הנשיא": "president", "מפקד": "commander", "ניצב": "general",
        "סנטור": "senator", "הסנטור": "senator", "מושל": "governor", "הקנצלר": "chancellor",
    },
}

# Words that head an organisation's name. In Latin and Cyrillic scripts any capitalised run
# holding one is an ORG; in Arabic, Persian and Hebrew the head word starts the name, which
# runs on through its genitive complement.
_ORG_WORDS: dict[str, str] = {
    "en": "party ministry bank university company corp corporation inc ltd plc co association council "
          "club fc united union agency commission committee group airlines airways times news post "
          "institute foundation army navy police court parliament congress senate government federation "
          "organisation organization league board office department front movement church press reuters "
          "motors industries international holdings systems",
    "fr": "parti ministère banque université société compagnie association conseil club union agence "
          "commission comité groupe institut fondation armée police tribunal parlement assemblée sénat "
          "gouvernement fédération organisation ligue office front mouvement église journal presse "
          "académie chambre cour lycée collège école théâtre",
    "es": "partido ministerio banco universidad compañía empresa asociación consejo club unión agencia "
          "comisión comité grupo instituto fundación ejército policía tribunal parlamento congreso senado "
          "gobierno federación organización liga oficina frente movimiento iglesia diario cámara junta "
          "audiencia ayuntamiento generalitat consejería fiscalía sindicato confederación corporación "
          "efe",
    "de": "partei ministerium bank universität gesellschaft konzern verband verein rat club fc union "
          "agentur kommission komitee ausschuss gruppe institut stiftung armee polizei gericht "
          "parlament bundestag bundesrat regierung bundesregierung föderation organisation liga amt "
          "front bewegung kirche zeitung ag gmbh kg se sv vfb vfl tsv",
    "tr": "partisi parti bakanlığı bakanlık bankası bank üniversitesi şirketi holding derneği konseyi "
          "kulübü birliği ajansı komisyonu komitesi grubu enstitüsü vakfı ordusu polisi mahkemesi "
          "meclisi meclis hükümeti federasyonu örgütü ligi müdürlüğü cephesi hareketi kilisesi gazetesi "
          "başkanlığı kurumu kurulu odası spor belediyesi borsası a.ş",
    "ru": "партия министерство банк университет компания корпорация ассоциация совет клуб союз агентство "
          "комиссия комитет группа институт фонд армия полиция суд парламент дума правительство "
          "федерация организация лига служба фронт движение церковь газета",
    "ar": "حزب حركة وزارة شركة جامعة منظمة مجلس بنك مصرف نادي جمعية اتحاد هيئة وكالة صحيفة مؤسسة "
          "جبهة مكتب لجنة منتخب فريق محكمة برلمان حكومة قوات جيش مركز معهد كلية إذاعة تلفزيون قناة "
          "الحزب الحركة الوزارة الشركة الجامعة المنظمة المجلس البنك النادي الجمعية الاتحاد الهيئة الوكالة "
          "الجبهة اللجنة المنتخب المحكمة البرلمان الحكومة",
    "fa": "حزب سازمان وزارت شرکت دانشگاه مجلس بانک باشگاه انجمن اتحادیه کمیسیون کمیته گروه موسسه مؤسسه "
          "بنیاد ارتش پلیس دادگاه دولت فدراسیون خبرگزاری روزنامه تیم جبهه نهضت دفتر ستاد اداره شورای شورا "
          "کانون مرکز پژوهشگاه صندوق",
    "he": "מפלגת משרד חברת בנק אוניברסיטת ארגון מועצת מועדון איגוד התאחדות סוכנות ועדת קבוצת מכון "
          "קרן צבא משטרת עיריית ממשלת הסתדרות תנועת עיתון רשות לשכת מכבי הפועל בית\"ר "
          "חברה מפלגה ועדה מועצה",
}

# Verbs of saying: in Arabic and Hebrew (verb first) the speaker's name follows them.
_SAYING: dict[str, str] = {
    "ar": "قال قالت أعلن أعلنت أكد أكدت أضاف أضافت أوضح أوضحت صرح صرحت ذكر ذكرت أشار أشارت تابع "
          "اعتبر اعتبرت رأى دعا دعت شدد شددت طالب أفاد أفادت نفى نفت كشف كشفت حذر حذرت أعرب أعربت "
          "وصف اتهم التقى استقبل زار يقول تقول",
    "he": "אמר אמרה הוסיף הוסיפה טען טענה הודיע הודיעה ציין ציינה הסביר הסבירה מסר מסרה כתב כתבה",
    "fa": "گفت افزود اظهار کرد داشت",
}

# Function words and frequent non-name words: never a name, never the first word of one.
_STOP: dict[str, str] = {
    "en": "yesterday today tomorrow the a an in on at of for to and or but by with from as is was are were be this that these those "
          "it its he she they we you i his her their our my your after before when while if then there here "
          "what which who whom where why how all some any no not new mr mrs monday tuesday wednesday "
          "thursday friday saturday sunday january february march april may june july august september "
          "october november december also but however according under over into about between since "
          "during until one two three four five six seven eight nine ten first last next other another "
          "both each more most many much such only just than so up out down off again still yet",
    "fr": "hier aujourd demain le la les un une des du de d l au aux et ou mais par pour avec sans dans sur sous en à a est "
          "était sont ce cet cette ces il elle ils elles on nous vous je tu son sa ses leur leurs mon ma "
          "mes qui que quoi dont où lundi mardi mercredi jeudi vendredi samedi dimanche janvier février "
          "mars avril mai juin juillet août septembre octobre novembre décembre selon après avant comme "
          "mais puis si ne pas plus tout tous toute toutes très bien aussi",
    "es": "ayer hoy mañana el la los las un una unos unas de del al y o pero por para con sin en sobre es era son este "
          "esta estos estas ese esa eso él ella ellos ellas su sus que quien donde cuando como lunes "
          "martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio "
          "agosto septiembre octubre noviembre diciembre según tras ante desde hasta entre también "
          "no sí ya muy más se lo le les",
    "de": "gestern heute morgen der die das den dem des ein eine einen einem einer eines und oder aber von zu mit für auf "
          "in im am an aus bei nach vor über unter ist war sind waren es er sie wir ihr ich du sein seine "
          "ihre dieser diese dieses wie wenn als auch noch nicht kein keine montag dienstag mittwoch "
          "donnerstag freitag samstag sonntag januar februar märz april mai juni juli august september "
          "oktober november dezember laut nach seit bis durch gegen ohne um so doch nur schon",
    "tr": "dün bugün yarın ve ile bir bu şu o da de için gibi ama fakat ancak çok daha en ise ki ne mi her pazartesi "
          "salı çarşamba perşembe cuma cumartesi pazar ocak şubat mart nisan mayıs haziran temmuz "
          "ağustos eylül ekim kasım aralık sonra önce göre kadar olarak olan oldu dedi",
    "ru": "и в во на с со по к у о об от из за для не но а или что как это этот эта эти он она они мы "
          "вы я его ее её их в понедельник вторник среда четверг пятница суббота воскресенье",
    "ar": "في من على إلى الى عن مع أن إن ان أنه انه إنه التي الذي الذين هذا هذه ذلك تلك هو هي هم ما "
          "لا لم لن قد كان كانت بعد قبل عند حيث كما أو او ثم بين خلال حول منذ حتى أي كل غير بعض "
          "عبر ضد لدى أمام وراء اليوم أمس امس غدا الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت "
          "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر عام العام سنة "
          "الماضي الحالي المقبل السابق الأسبق الجديد الأخير الأول الثاني أيضا فقط كذلك لكن بل إذا "
          "نحو عدد وقت مصادر مصدر مسؤول مسؤولون بيان تصريح تصريحات وسائل مكتب أنها إنها أنهم "
          "يوم شهر أكثر أقل جدا حاليا لقد وقد وكان فيما بينما أما",
    "fa": "و در به از که با را این آن برای تا هم یا اما اگر بر هر چه چون نیز پس پیش بین روی "
          "درباره ای های ها است بود شد کرد گفت شنبه یکشنبه دوشنبه سه چهارشنبه پنجشنبه جمعه امروز "
          "دیروز فردا سال ماه روز او وی آنها ما شما من خود همچنین ولی زیرا",
    "he": "של את על עם אל מן גם כי אם או אבל לא כל זה זו זאת הוא היא הם הן אני אנחנו אתה היה היתה "
          "הייתה יש אין כמו אחרי לפני בין עד מאז כדי רק עוד כבר אשר שם פה היום אתמול מחר ראשון שני "
          "שלישי רביעי חמישי שישי שבת לדברי לפי אחד אחת שנה שנים",
}

# Common given names in the scripts without capitals (ar, fa, he): a given name starts a
# person's name, so the next word or two are its family name.
_GIVEN: dict[str, str] = {
    "ar": "محمد أحمد حسن حسين محمود مصطفى خالد عمر إبراهيم يوسف سعيد سمير جمال كمال صالح عادل طارق "
          "ياسر عبد عبدالله عبدالرحمن عبدالعزيز فهد سلطان فيصل نايف بندر سلمان تركي ماجد وليد هشام "
          "هاني سامي رامي نبيل نادر أسامة عماد عصام إياد زياد رياض ناصر منصور مروان حمد راشد زايد "
          "خليفة سعد فؤاد فاروق أنور حسني جورج ميشال ميشيل إيلي نجيب نبيه وائل أيمن أشرف شريف مجدي "
          "صلاح فتحي رشيد مراد كريم أمين توفيق جميل بشار حافظ رفيق سعد طلال غسان مازن معمر صدام "
          "عزت نوري جلال مسعود هوشيار إسماعيل موسى عيسى داود سليمان يحيى زكريا عثمان أبو "
          "فاطمة عائشة مريم خديجة زينب ليلى سلمى هدى منى رانيا نادية سميرة كوندوليزا هيلاري "
          "جون جيمس ديفيد مايكل بيتر بول توني جاك دونالد باراك بيل كولن ديك روبرت ريتشارد وليام "
          "فلاديمير نيكولا جاك أرييل إيهود بنيامين شمعون إسحق شاؤول عمير بيني موشيه دان",
    "fa": "محمد علی حسن حسین رضا مهدی احمد محمود مرتضی مصطفی اکبر اصغر جواد کاظم ابراهیم اسماعیل "
          "یوسف عباس غلام غلامرضا غلامحسین امیر حمید مجید سعید مسعود ناصر منصور بهروز فرهاد "
          "داریوش کورش بهرام پرویز جمشید هوشنگ ایرج سیروس فریدون منوچهر عبدالله عبدالرضا "
          "محمدرضا محمدعلی محمدحسین علیرضا حمیدرضا عادل صادق هادی مهران کامران کیوان بابک "
          "فاطمه زهرا مریم زینب معصومه لیلا شیرین نسرین پروین ژاله فرزانه الهام "
          "جرج جان جیمز دیوید مایکل پیتر تونی بیل ولادیمیر نیکلا",
    "he": "משה דוד יוסף אברהם יצחק יעקב שמעון בנימין אהוד אריאל שמואל חיים יהודה אליהו מאיר "
          "אהרן אהרון דניאל מיכאל יוסי אבי עמי רפי שלמה צבי יגאל יעל רחל שרה לאה רבקה מרים "
          "אסתר חנה רונית מיכל דליה נתן גדעון עמרם זאב אורי גיורא אמנון שמעון יצחק ביבי בני "
          "גבי רון דן עמוס אלי עזר חיים יאיר נפתלי אביגדור אריה יובל עוזי אלון ערן גיל ג'ורג' "
          "ביל ג'ון ג'ימס דייוויד מייקל פיטר טוני ולדימיר",
}

# Family-name connectors inside Latin-script names and organisation names.
CONNECTORS = frozenset(["of", "de", "del", "della", "di", "da", "du", "des", "la", "le", "van", "von", "der", "den", "al", "el", "bin", "ibn", "for", "the"])

# Nationality adjectives and other words that sit between a role and the name.
AR_SKIP_SUFFIXES = ("ي", "يه")  # nisba adjectives after fold (الإسرائيلي, التركية)
CLITICS: dict[str, tuple[str, ...]] = {
    # Longest first; after fold (أ -> ا, ة -> ه).
    "ar": ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "وب", "ول", "وك", "فب", "فل", "ال", "و", "ف", "ب",
           "ل", "ك"),
    # Persian writes و and به apart; a word starting with و is the word (وزیر, وزارت).
    "he": ("וכש", "ומה", "ושה", "וה", "וב", "ול", "ומ", "וש", "שה", "שב", "של", "מה", "לה", "בה", "כש", "כה",
           "ו", "ה", "ב", "ל", "מ", "ש", "כ"),
}


@cache
def roles(lang: str) -> dict[str, str]:
    """Folded role phrase -> role key."""
    return {key_of(phrase): role for phrase, role in _ROLES.get(lang, {}).items()}


@cache
def org_words(lang: str) -> frozenset[str]:
    return frozenset(key_of(word) for word in _ORG_WORDS.get(lang, "").split())


@cache
def saying_verbs(lang: str) -> frozenset[str]:
    return frozenset(key_of(word) for word in _SAYING.get(lang, "").split())


@cache
def stopwords(lang: str) -> frozenset[str]:
    return frozenset(key_of(word) for word in _STOP.get(lang, "").split())


@lru_cache(maxsize=1)
def all_stopwords() -> frozenset[str]:
    return frozenset().union(*(stopwords(lang) for lang in _STOP))


@cache
def given_names(lang: str) -> frozenset[str]:
    """Common given names: our lists for Arabic, Persian and Hebrew script, and the US census
    first names (package `names`) for Latin-script languages."""
    if lang in _GIVEN:
        return frozenset(key_of(word) for word in _GIVEN[lang].split())
    return _census_first_names()


@lru_cache(maxsize=1)
def _census_first_names() -> frozenset[str]:
    from importlib import resources

    found: set[str] = set()
    for name in ("dist.male.first", "dist.female.first"):
        text = resources.files("names").joinpath(name).read_text(encoding="utf-8")
        # Ranked by frequency; the first 1,200 of each cover the names that are not also common
        # words (the tail holds "Will", "May", "Else"...).
        for line in text.splitlines()[:1200]:
            if line.strip():
                found.add(key_of(line.split()[0]))
    return frozenset(found - _census_common_words())


def _census_common_words() -> set[str]:
    words: set[str] = set()
    for lang in ("en", "fr", "es", "de", "tr"):
        words |= stopwords(lang)
    return words | {"will", "may", "june", "april", "august", "ray", "guy", "bill", "don", "mark", "rose",
                    "grant", "major", "king", "joy", "hope", "faith", "art", "dean", "frank", "lane", "long"}
