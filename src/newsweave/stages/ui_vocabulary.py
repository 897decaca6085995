"""Words that news sites use for their own interface, in the languages newsweave reads.

Written from general knowledge of web UI (share buttons, comment boxes, login and
subscription prompts, cookie banners, "read more" and "related" blocks, footers), not from
any particular site. Lists are whitespace-separated words (PHOTO_AGENCIES: one name a
line). Entries may carry accents or not: ``clean`` folds them the way it folds text (lower
case, no accents or diacritics, one form per Arabic/Persian letter variant). An entry ending
in ``*`` matches every word that starts with it, so one stem covers plurals and
conjugations ("kommentar*": Kommentare, Kommentaren). Short or ambiguous stems are written
out in full instead, because a prefix such as "انش" would also match "activities" (انشطة).
"""

from __future__ import annotations

# Words that, when they make up most of a short line, mark it as interface text.
UI_WORDS: dict[str, str] = {
    "en": """
        share* comment comments commenting reply replies subscri* sign signin login logout log
        register registration account newsletter* notification* notify cookie* consent privacy
        read reading related print follow rights reserved copyright advert* ads ad sponsored
        mobile version exit skip menu search home tags tag previous next back top close tweet
        facebook twitter whatsapp telegram linkedin email mail pinterest reddit instagram
        youtube rss guest password username submit cancel loading click view views show hide
        download app save bookmark* like likes copy link posted updated published min listen
        watch gallery trending popular latest recommended feedback contact terms settings
        profile accept continue unsubscribe create article articles story stories permalink
        report
    """,
    "fr": """
        partag* commentaire* commenter repondre reponse* abonn* inscri* connexion connecter
        deconnexion compte infolettre lettre notification* cookie* lire savoir suite sujet
        imprimer suivez suivre droits reserves publicite pub annonce* mobile version precedent*
        suivant* mots cles etiquettes accueil recherche* fermer afficher masquer ligne invite
        envoyer valider telecharger publie modifie signaler aime alerte* courriel article
        articles
    """,
    "de": """
        teilen geteilt kommentar* antworten antwort abonn* anmeld* einloggen registrier* konto
        newsletter benachrichtigung* cookie* datenschutz weiterlesen lesen verwandte ahnliche
        thema themen drucken folgen rechte vorbehalten anzeige werbung mobil* version zuruck
        weiter vorheriger nachster artikel schlagworter startseite suche* schliessen anzeigen
        gast senden absenden aktualisiert veroffentlicht lesezeit merken empfehlen
    """,
    "es": """
        compart* comentari* comentar responder respuesta* suscri* iniciar sesion registr* cuenta
        boletin notificaci* cookie* leer relacionad* imprimir siguenos seguir derechos
        reservados publicidad anuncio* movil version anterior siguiente etiquetas inicio buscar
        cerrar ver invitado enviar publicado actualizado noticias
    """,
    "it": """
        condivid* commenti commento commentare rispondi abbona* iscriviti iscrizione accedi
        accesso registrati newsletter notifiche cookie* leggi correlati stampa seguici diritti
        riservati pubblicita annuncio mobile versione precedente successivo cerca chiudi mostra
        ospite invia pubblicato aggiornato articoli
    """,
    "pt": """
        compartilh* partilh* comentari* responder resposta assine assinatura inscrev* entrar
        cadastr* conta newsletter notificac* cookie* leia ler relacionad* imprimir siga direitos
        reservados publicidade anuncio movel versao anterior proximo inicio pesquisar fechar
        convidado enviar publicado atualizado
    """,
    "ar": """
        شارك* مشاركه تعليق* علق رد ردود اشترك* اشتراك* تشترك* سجل تسجيل دخول خروج حساب* انشي
        انشا انشاء نشره نشرات* بريد* اشعار* تنبيه* ملفات تعريف ارتباط كوكيز اقرا قراءه مزيد ذات
        صله طباعه اطبع تابعنا تابعونا حقوق محفوظه اعلان* نسخه محمول جوال سابق تالي وسوم كلمات
        مفتاحيه رئيسيه بحث اغلاق عرض زائر ارسال ارسل حفظ تحديث شاهد مقال مقالات فيسبوك تويتر واتساب
        تلغرام
    """,
    "he": """
        כתבה שתפ* שתף שיתוף תגוב* הגב הגיב* השב הירשמ* הרשמ* מנוי* התחבר* כניסה יציאה חשבון ניוזלטר
        התראות עוגיות קרא קראו כתבות קשורות נוספות הדפס* עקבו זכויות שמורות פרסומת מודעה גרסה
        גרסת מובייל נייד הקודם הבא תגיות ראשי חיפוש סגור הצג אורח שלח פורסם עודכן
    """,
    "fa": """
        اشتراک* نظر نظرات ارسال پاسخ عضویت ورود خروج ثبت حساب خبرنامه اعلان* کوکی بخوانید مطالب
        مرتبط چاپ دنبال حقوق محفوظ تبلیغات آگهی نسخه موبایل قبلی بعدی برچسب* خانه جستجو بستن
        نمایش مهمان منتشر بروزرسانی
    """,
    "tr": """
        paylas* yorum* yanitla cevapla abone* giris kaydol kayit uye* hesab* hesap bulten*
        bildirim* cerez* oku devami* ilgili yazdir takip haklari saklidir reklam* mobil surum
        onceki sonraki etiket* anasayfa ara kapat goster tumu misafir gonder yayinlan*
        guncellen*
    """,
    "ru": """
        соцсет* поделит* комментар* ответ* подпис* подпиш* войти вход выход регистрац* зарегистрир*
        аккаунт рассылк* уведомлен* куки читать читайте далее теме похож* связанн* печать
        распечатать права защищены реклама мобильн* версия предыдущ* следующ* теги метки главная
        поиск закрыть показать гость отправить опубликовано обновлено новости
    """,
}

# Grammar words: neither UI nor content, so they count for neither side of the ratio.
FILLER_WORDS: dict[str, str] = {
    "en": """
        the an to of on in at for and or with by from us our your you all more this that is are
        be it its here now up out my me we no not yet see
    """,
    "fr": """
        le la les de du des un une et ou en au aux sur pour par avec nous vous votre vos notre
        nos tous tout toute toutes plus ce cette ces se il elle ne pas encore ici qui que aussi
    """,
    "de": """
        der die das den dem des ein eine einen und oder zu zum zur im in an auf fur mit von uns
        unser ihre ihr alle mehr hier jetzt noch nicht sie wir
    """,
    "es": """
        el la los las un una de del en al para por con nos nuestro su sus tu todos todas mas
        aqui ya no se
    """,
    "it": """
        il lo la gli le un una di del della in al per con ci su tutti tutte piu qui non anche
    """,
    "pt": """
        os as um uma de do da dos das em no na para por com nos todos mais aqui nao
    """,
    "ar": """
        في من على الى عن مع او ثم كل جميع لم لا بعد هنا الان لك لكم بك ما هذا هذه ايضا عبر
    """,
    "he": """
        את של על עם כל עוד לא עדיין כאן זה אל גם
    """,
    "fa": """
        و در از به با برای را این آن همه هم بیشتر ما شما کنید
    """,
    "tr": """
        ve ile icin bu su tum daha bizi bizim sizin ne de da
    """,
    "ru": """
        и в на с к по для из от у о об все ещё нас наш ваш не да также
    """,
}

# Nouns for reader comments; with a POLICY_WORDS word they make a moderation notice.
COMMENT_WORDS = """
    comment comments commentaire* commenti commento comentari* kommentar* yorum* تعليق* תגוב*
    комментар* نظرات
"""

# What comment-policy notices threaten or refer to (removal, abuse, rules, data use).
POLICY_WORDS = """
    remov* delet* moder* reserve* offens* abusive racis* defamat* insult* spam policy guidelines
    rules retir* supprim* injurieu* diffam* charte donnees entfern* losch* beleidig* rassist*
    netiquette richtlinie* regeln elimin* ofens* difam* normas rimoss* cancell* razzist* regole
    exclu* regras حذف مسيء* مسيئ* عنصري* تشهير شروط قواعد יוסר* יוסרו הסר* פוגע* גזעני*
    מדיניות תקנון удал* модерац* оскорб* расист* правил* silin* kaldir* hakaret* irkci*
    kural* توهین* قوانین
"""

# Comment and anti-spam widgets whose notices are chrome wherever they appear.
WIDGET_NAMES = """
    akismet disqus gravatar wpdiscuz recaptcha
"""

# Words that open a photo credit: "(Photo: AFP)", "Foto: dpa", "(צילום: ...)".
CAPTION_WORDS = """
    photo photos foto fotos image images picture pic credit credits bild bildquelle fuente fonte
    צילום צלם تصوير صوره الصوره عکس фото снимок fotograf gorsel
"""

# Photo agencies and stock libraries that appear in credits, not in prose (one per line).
PHOTO_AGENCIES = """
    getty images
    shutterstock
    istock
    ap photo
    afp photo
    epa-efe
    reuters/
    alamy
"""

# Words that introduce a byline: "By Jane Doe", "Par Jean Dupont", "بقلم ...".
BYLINE_PREFIXES = """
    by par von por door بقلم كتب מאת автор yazan نویسنده
"""

# Lower-case parts of personal names, allowed inside a name-only byline line.
NAME_PARTICLES = """
    de da di del van von der den al el bin ben ibn la le du dos
"""
