"""Deterministic generator of the benchmark corpus: news-like paragraphs in English, Russian
and Ukrainian with place names from the world pack inserted at known places.

Every sentence template and word list below was written for this harness (no copied text).
How the text is made is documented in Tools/bench/README.md ("The corpus"); keep the two in
step, and bump GENERATOR_VERSION when the output changes.

Output, for a target size S and seed N (all in the work directory):
  corpus-<S>-s<N>.txt         the text, one paragraph per line, UTF-8, LF, at most S bytes
  corpus-<S>-s<N>.truth.tsv   every inserted place name: line, byte_start, byte_end
                              (UTF-8 offsets within the line, end exclusive), id, kind, text
  corpus-<S>-s<N>.meta.json   counts: bytes, lines, words, inserted names by kind and language
"""

from __future__ import annotations

import json
import math
import random
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from itertools import accumulate
from pathlib import Path

GENERATOR_VERSION = "1"

# ---------------------------------------------------------------------------------------
# Mix
# ---------------------------------------------------------------------------------------

LANGUAGE_WEIGHTS = {"en": 0.5, "ru": 0.25, "uk": 0.25}  # of paragraphs (lines)
SENTENCES_PER_PARAGRAPH = (2, 6)  # inclusive
ENGLISH_ALTERNATE_SHARE = 0.3  # English: else the GeoNames label
PLACE_SENTENCE_SHARE = 0.3  # of sentences drawn from the templates with a place slot
CYRILLIC_NEAR_SHARE = 0.5  # Russian/Ukrainian: share of places drawn from UA, RU, BY, MD
NEAR_COUNTRIES = {"UA", "RU", "BY", "MD"}

# ---------------------------------------------------------------------------------------
# Word lists (written for this harness)
# ---------------------------------------------------------------------------------------

W = str.split  # lists of single words

EN_WEEKDAYS = W("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
EN_MONTHS = W("January February March April May June July August September October November December")
EN_GIVEN = W(
    "Anna Maria Olena Iryna Natalia Sarah Emily Laura Helen Julia Kateryna Svitlana Tetiana "
    "Oksana Rachel Claire Nadia Sofia Elena Marta John David Michael Peter Thomas Andrew "
    "Oleksandr Mykola Dmytro Serhiy Ivan Pavel Sergei Mark Daniel James Robert Taras Yuriy "
    "Viktor Oleg Martin Samuel Henry"
)
EN_ROLES = [
    "the mayor", "a council spokesperson", "the regional governor", "a police spokesman",
    "the head of the local hospital", "an economist", "a senior engineer", "the school director",
    "a union representative", "the port authority chief", "a local historian", "the fire chief",
    "a railway official", "the deputy minister", "a market trader", "a volunteer coordinator",
]
EN_GROUPS = [
    "Officials", "Local authorities", "Residents", "Rescue workers", "City councillors",
    "Analysts", "Farmers", "Teachers", "Doctors", "Transport workers", "Volunteers",
    "Investors", "Engineers", "Organisers", "Election observers", "Lawmakers",
]
EN_SAY = W("said reported announced confirmed warned noted explained stressed added estimated")
EN_GOODS = [
    "bread", "fuel", "electricity", "rent", "public transport", "coffee", "building materials",
    "vegetables", "medicine", "heating", "train tickets", "school uniforms",
]
EN_EVENTS = [
    "a new bridge over the river opened to traffic",
    "the council approved next year's budget after a long debate",
    "a water main burst and left several districts without supply",
    "work began on a children's hospital",
    "the tram network will run on a reduced timetable",
    "a local football club won its first league title in decades",
    "heavy rain flooded the lower part of the old town",
    "the airport reported a record number of passengers",
    "a fire broke out at a warehouse near the railway station",
    "the main square will close for repairs until the autumn",
    "schools returned to regular classes after the holidays",
    "a power outage hit the eastern districts overnight",
    "farmers expect a smaller harvest because of the dry spring",
    "the regional court postponed the hearing",
    "a new bus line will connect the suburbs with the centre",
    "the museum reopened after a two-year renovation",
    "the factory resumed production after a short strike",
    "police closed the ring road after a serious accident",
    "a book fair drew crowds to the exhibition centre",
    "the university opened a new engineering faculty",
    "housing prices kept rising despite higher interest rates",
    "a shelter for stray animals asked residents for donations",
]
EN_QUALIFIERS = [
    "according to preliminary data", "citing a statement published on its website",
    "in a televised address", "at a briefing for journalists", "without giving details",
    "in an interview with a local newspaper", "after an emergency meeting",
    "on condition of anonymity", "in a short written statement",
]
EN_ORG_SUFFIXES = W("Group Holdings Logistics Partners Foundation Institute Bank Energy Media Systems")

EN_TEMPLATES = [
    # {P}, {P2}: place names; the other slots are filled from the lists above.
    "{P}, {MONTH} {DAY} — {EVENT}, {ROLE} {SAY}.",
    "{GROUP} in {P} {SAY} on {WEEKDAY} that {EVENT}.",
    "In {P}, {EVENT}, {QUAL}.",
    "The price of {GOODS} in {P} rose by {PCT} percent over the past {NUM2} months.",
    "Flights between {P} and {P2} were delayed by up to {NUM2} hours on {WEEKDAY}.",
    "{PERSON}, {ROLE} of {P}, {SAY} that {EVENT}.",
    "{ORG} plans to open an office in {P} and hire about {NUM3} people.",
    "Around {NUM3} people took part in a march in {P} on {WEEKDAY}.",
    "The delegation from {P} arrived for talks with officials in {P2}.",
    "Temperatures in {P} dropped to minus {NUM2} degrees overnight.",
    "{GROUP} {SAY} that {EVENT}.",
    "{PERSON} {SAY} the decision was expected, {QUAL}.",
    "The company {ORG} {SAY} revenue grew by {PCT} percent in {YEAR}.",
    "It was not immediately clear when the work would be finished.",
    "{ROLE_CAP} {SAY} that the situation remained under control.",
    "About {NUM3} households were affected, {QUAL}.",
    "The report, published on {WEEKDAY}, covers the period from {MONTH} to {MONTH2}.",
    "Talks are due to resume next {WEEKDAY}.",
    "{ORG} did not respond to a request for comment.",
    "The next round of the tournament will be held in {P} in {MONTH}.",
    "A train from {P} to {P2} was cancelled because of a signal failure.",
    "{GROUP} from {P} and {P2} signed an agreement on cooperation.",
    "The population of the district has grown by {PCT} percent since {YEAR}.",
    "Meanwhile, {EVENT}.",
    "Earlier this week, {EVENT}, {QUAL}.",
    "{PERSON} told reporters the plan would cost about {NUM3} dollars.",
    "The figures for {MONTH} were {PCT} percent higher than a year earlier.",
    "Critics {SAY} that the new rules would hit small businesses hardest.",
    "{ORG} {SAY} on {WEEKDAY} that it would cut {NUM3} jobs by {YEAR}.",
    "Both sides {SAY} the talks had been constructive.",
    "{GROUP} called for an independent inquiry.",
    "Last year {EVENT}, {QUAL}.",
]

RU_MONTHS_GEN = W("января февраля марта апреля мая июня июля августа сентября октября ноября декабря")
RU_GIVEN_M = W("Андрей Алексей Дмитрий Сергей Павел Игорь Олег Виктор Михаил Николай Юрий Роман Артём Глеб")
RU_GIVEN_F = W("Анна Мария Елена Ольга Наталья Ирина Светлана Татьяна Екатерина Дарья Ксения Вера Алина")
RU_SURNAME_ENDINGS_M = ["ов", "ев", "ин", "ский", "ёв"]
RU_SURNAME_ENDINGS_F = ["ова", "ева", "ина", "ская", "ёва"]
RU_GROUPS = [
    "Местные власти", "Спасатели", "Жители", "Депутаты городского совета", "Аналитики",
    "Врачи", "Учителя", "Волонтёры", "Организаторы", "Представители профсоюза",
    "Железнодорожники", "Фермеры", "Наблюдатели", "Инвесторы",
]
RU_SAY_PL = W("сообщили заявили подтвердили отметили уточнили предупредили добавили")
RU_ROLES = [
    "глава городской администрации", "пресс-секретарь полиции", "директор больницы",
    "главный инженер", "руководитель порта", "представитель мэрии", "экономист",
    "директор школы", "председатель профсоюза", "начальник пожарной части",
]
RU_GOODS = [
    "хлеб", "топливо", "электроэнергию", "аренду жилья", "проезд в общественном транспорте",
    "овощи", "лекарства", "отопление", "строительные материалы", "билеты на поезд",
]
RU_EVENTS = [
    "открылся новый мост через реку",
    "городской совет утвердил бюджет на следующий год",
    "из-за прорыва водопровода несколько районов остались без воды",
    "началось строительство детской больницы",
    "трамваи будут ходить по сокращённому расписанию",
    "местный футбольный клуб впервые за много лет стал чемпионом",
    "сильный ливень затопил нижнюю часть старого города",
    "аэропорт обслужил рекордное число пассажиров",
    "на складе возле вокзала вспыхнул пожар",
    "центральную площадь закроют на ремонт до осени",
    "школы вернулись к обычному расписанию после каникул",
    "восточные районы ночью остались без электричества",
    "фермеры ожидают более скромного урожая из-за сухой весны",
    "суд отложил рассмотрение дела",
    "новая автобусная линия соединит пригороды с центром",
    "музей снова открылся после двухлетней реконструкции",
    "завод возобновил работу после короткой забастовки",
    "полиция перекрыла кольцевую дорогу после серьёзной аварии",
    "книжная ярмарка собрала толпы посетителей",
    "университет открыл новый инженерный факультет",
    "цены на жильё продолжают расти",
    "приют для бездомных животных попросил жителей о помощи",
]
RU_QUALIFIERS = [
    "по предварительным данным", "говорится в заявлении на сайте ведомства",
    "на брифинге для журналистов", "не уточнив подробностей", "в интервью местной газете",
    "после экстренного совещания", "на условиях анонимности",
]
RU_ORG_PREFIXES = ["компания", "холдинг", "фонд", "банк", "концерн", "агентство"]

RU_TEMPLATES = [
    "{P}, {DAY} {MONTH} — {EVENT}, {QUAL}.",
    "{GROUP} города {P} {SAY}, что {EVENT}.",
    "В городе {P} {EVENT}, {QUAL}.",
    "Цены на {GOODS} в городе {P} выросли на {PCT} процента за {NUM2} месяцев.",
    "Рейс {P} — {P2} задержали на {NUM2} часа.",
    "{PERSON_M}, {ROLE}, заявил журналистам, что {EVENT}.",
    "{PERSON_F}, {ROLE}, сообщила, что {EVENT}.",
    "{ORG_CAP} планирует открыть офис в городе {P} и нанять около {NUM3} сотрудников.",
    "Около {NUM3} человек вышли на акцию в городе {P}.",
    "Делегация из города {P} прибыла на переговоры в город {P2}.",
    "Ночью температура в городе {P} опустилась до минус {NUM2} градусов.",
    "{GROUP} {SAY}, что {EVENT}.",
    "Как отметил {ROLE}, ситуация остаётся под контролем.",
    "Пострадали около {NUM3} домохозяйств, {QUAL}.",
    "Отчёт охватывает период с {DAY} {MONTH} по {DAY2} {MONTH2} {YEAR} года.",
    "Переговоры продолжатся на следующей неделе.",
    "В {ORG_PREP} не ответили на запрос о комментарии.",
    "Следующий тур соревнований пройдёт в городе {P}.",
    "Поезд {P} — {P2} отменили из-за неисправности сигнализации.",
    "Представители городов {P} и {P2} подписали соглашение о сотрудничестве.",
    "Население района выросло на {PCT} процента с {YEAR} года.",
    "Тем временем {EVENT}.",
    "В начале недели {EVENT}, {QUAL}.",
    "{PERSON_M} сообщил, что проект обойдётся примерно в {NUM3} рублей.",
    "Показатели за {NUM2} месяцев оказались на {PCT} процента выше прошлогодних.",
    "Критики считают, что новые правила сильнее всего ударят по малому бизнесу.",
    "{ORG_CAP} сократит {NUM3} рабочих мест к {YEAR} году.",
    "Обе стороны назвали переговоры конструктивными.",
    "{GROUP} потребовали провести независимое расследование.",
    "В прошлом году {EVENT}, {QUAL}.",
]

UK_MONTHS_GEN = W("січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня")
UK_GIVEN_M = W("Андрій Олексій Дмитро Сергій Павло Ігор Олег Віктор Михайло Микола Юрій Роман Тарас Богдан")
UK_GIVEN_F = W("Анна Марія Олена Ольга Наталія Ірина Світлана Тетяна Катерина Дарина Оксана Галина Соломія")
UK_SURNAME_ENDINGS = ["енко", "чук", "ук", "ський", "ович", "ишин"]
UK_SURNAME_ENDINGS_F = ["енко", "чук", "ук", "ська", "ович", "ишин"]
UK_GROUPS = [
    "Місцева влада", "Рятувальники", "Мешканці", "Депутати міської ради", "Аналітики",
    "Лікарі", "Вчителі", "Волонтери", "Організатори", "Представники профспілки",
    "Залізничники", "Фермери", "Спостерігачі", "Інвестори",
]
UK_SAY = W("повідомили заявили підтвердили зазначили уточнили попередили додали")
UK_ROLES = [
    "голова міської адміністрації", "речник поліції", "директор лікарні", "головний інженер",
    "керівник порту", "представник мерії", "економіст", "директор школи",
    "голова профспілки", "начальник пожежної частини",
]
UK_GOODS = [
    "хліб", "пальне", "електроенергію", "оренду житла", "проїзд у громадському транспорті",
    "овочі", "ліки", "опалення", "будівельні матеріали", "квитки на потяг",
]
UK_EVENTS = [
    "відкрили новий міст через річку",
    "міська рада ухвалила бюджет на наступний рік",
    "через прорив водогону кілька районів залишилися без води",
    "розпочалося будівництво дитячої лікарні",
    "трамваї курсуватимуть за скороченим розкладом",
    "місцевий футбольний клуб уперше за багато років став чемпіоном",
    "сильна злива затопила нижню частину старого міста",
    "аеропорт обслужив рекордну кількість пасажирів",
    "на складі біля вокзалу спалахнула пожежа",
    "центральну площу закриють на ремонт до осені",
    "школи повернулися до звичайного розкладу після канікул",
    "східні райони вночі залишилися без світла",
    "фермери очікують скромнішого врожаю через посушливу весну",
    "суд відклав розгляд справи",
    "нова автобусна лінія з'єднає передмістя з центром",
    "музей знову відкрився після дворічної реконструкції",
    "завод відновив роботу після короткого страйку",
    "поліція перекрила окружну дорогу після серйозної аварії",
    "книжковий ярмарок зібрав натовпи відвідувачів",
    "університет відкрив новий інженерний факультет",
    "ціни на житло продовжують зростати",
    "притулок для безпритульних тварин попросив мешканців про допомогу",
]
UK_QUALIFIERS = [
    "за попередніми даними", "йдеться у заяві на сайті відомства",
    "на брифінгу для журналістів", "не уточнивши подробиць", "в інтерв'ю місцевій газеті",
    "після екстреної наради", "на умовах анонімності",
]
UK_ORG_PREFIXES = ["компанія", "холдинг", "фонд", "банк", "концерн", "агенція"]

UK_TEMPLATES = [
    "{P}, {DAY} {MONTH} — {EVENT}, {QUAL}.",
    "{GROUP} міста {P} {SAY}, що {EVENT}.",
    "У місті {P} {EVENT}, {QUAL}.",
    "Ціни на {GOODS} у місті {P} зросли на {PCT} відсотка за {NUM2} місяців.",
    "Рейс {P} — {P2} затримали на {NUM2} години.",
    "{PERSON_M}, {ROLE}, заявив журналістам, що {EVENT}.",
    "{PERSON_F}, {ROLE}, повідомила, що {EVENT}.",
    "{ORG_CAP} планує відкрити офіс у місті {P} і найняти близько {NUM3} працівників.",
    "Близько {NUM3} людей вийшли на акцію в місті {P}.",
    "Делегація з міста {P} прибула на переговори до міста {P2}.",
    "Уночі температура в місті {P} знизилася до мінус {NUM2} градусів.",
    "{GROUP} {SAY}, що {EVENT}.",
    "Як зазначив {ROLE}, ситуація залишається під контролем.",
    "Постраждали близько {NUM3} домогосподарств, {QUAL}.",
    "Звіт охоплює період з {DAY} {MONTH} по {DAY2} {MONTH2} {YEAR} року.",
    "Переговори продовжаться наступного тижня.",
    "У {ORG_PREP} не відповіли на запит про коментар.",
    "Наступний тур змагань відбудеться в місті {P}.",
    "Потяг {P} — {P2} скасували через несправність сигналізації.",
    "Представники міст {P} і {P2} підписали угоду про співпрацю.",
    "Населення району зросло на {PCT} відсотка з {YEAR} року.",
    "Тим часом {EVENT}.",
    "На початку тижня {EVENT}, {QUAL}.",
    "{PERSON_M} повідомив, що проєкт коштуватиме приблизно {NUM3} гривень.",
    "Показники за {NUM2} місяців виявилися на {PCT} відсотка вищими за торішні.",
    "Критики вважають, що нові правила найбільше вдарять по малому бізнесу.",
    "{ORG_CAP} скоротить {NUM3} робочих місць до {YEAR} року.",
    "Обидві сторони назвали переговори конструктивними.",
    "{GROUP} вимагають провести незалежне розслідування.",
    "Торік {EVENT}, {QUAL}.",
]

# Syllables of invented words (surnames, company names): a long Zipf-like tail of distinct
# tokens, as real news has, instead of a closed vocabulary.
LATIN_ONSETS = W("b br d dr f g gr h k kr l m n p pr r s st t tr v vel z")
LATIN_VOWELS = W("a e i o u ar en or an")
CYR_ONSETS = W("б бр в г гр д др ж з к кр л м н п пр р с ст т тр х ч ш")
CYR_VOWELS = W("а е и о у ар ен ор ан")
UK_VOWELS = W("а е і о у и ар ен ор ан")
INVENTED_POOL = 40_000  # distinct invented stems per script

# ---------------------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------------------

CYRILLIC_NAME = re.compile(r"[А-ЯЁЄІЇҐЎ][а-яёєіїґўʼ'’А-ЯЁЄІЇҐЎ-]*(?: [А-ЯЁЄІЇҐЎа-яёєіїґў][а-яёєіїґўʼ'’А-ЯЁЄІЇҐЎ-]*)*")


def is_latin_alternate(name: str, label: str) -> bool:
    """An alternate spelling a Latin-script news text could use: capitalized, Latin letters
    (with diacritics), spaces, hyphens, apostrophes and periods only, at least 4 letters."""
    if name == label or not name[0].isupper():
        return False
    letters = 0
    for c in name:
        if c.isalpha():
            if "LATIN" not in unicodedata.name(c, ""):
                return False
            letters += 1
        elif c not in " -'’.":
            return False
    return letters >= 4


class Places:
    def __init__(self, entities, rng: random.Random):
        # entities: (id, label, country, population, names)
        self.rng = rng
        self.all = []
        self.cyrillic = []
        self.near_cyrillic = []
        for entity_id, label, country, population, names in entities:
            latin = [n for n in names[1:] if is_latin_alternate(n, label)]
            cyr = [n for n in names if CYRILLIC_NAME.fullmatch(n)]
            weight = math.sqrt(max(population, 1))
            record = (entity_id, label, latin, cyr)
            self.all.append((record, weight))
            if cyr:
                self.cyrillic.append((record, weight))
                if country in NEAR_COUNTRIES:
                    self.near_cyrillic.append((record, weight))
        self._tables = {}
        for key in ("all", "cyrillic", "near_cyrillic"):
            items = getattr(self, key)
            self._tables[key] = ([r for r, _ in items], list(accumulate(w for _, w in items)))

    def _draw(self, key):
        records, cum = self._tables[key]
        return records[bisect_left(cum, self.rng.random() * cum[-1])]

    def pick(self, language: str):
        """Returns (id, spelling, kind)."""
        rng = self.rng
        if language == "en":
            entity_id, label, latin, _ = self._draw("all")
            if latin and rng.random() < ENGLISH_ALTERNATE_SHARE:
                return entity_id, rng.choice(latin), "alternate-latin"
            return entity_id, label, "label"
        key = "near_cyrillic" if rng.random() < CYRILLIC_NEAR_SHARE else "cyrillic"
        entity_id, _, _, cyr = self._draw(key)
        return entity_id, rng.choice(cyr), "cyrillic"


# ---------------------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------------------

SLOT = re.compile(r"\{([A-Z0-9_]+)\}")


def parse(template: str):
    parts = []
    pos = 0
    for m in SLOT.finditer(template):
        if m.start() > pos:
            parts.append((False, template[pos : m.start()]))
        parts.append((True, m.group(1)))
        pos = m.end()
    if pos < len(template):
        parts.append((False, template[pos:]))
    return parts


class Generator:
    def __init__(self, entities, seed: int, pack_names: set[str]):
        self.rng = random.Random(seed)
        self.places = Places(entities, self.rng)
        folded_names = {n.casefold() for n in pack_names}
        self.templates = {}
        for language, templates in (("en", EN_TEMPLATES), ("ru", RU_TEMPLATES), ("uk", UK_TEMPLATES)):
            with_place = [parse(t) for t in templates if "{P}" in t]
            without = [parse(t) for t in templates if "{P}" not in t]
            self.templates[language] = (with_place, without)
        stem_rng = random.Random(seed ^ 0x5EED)
        self.latin_stems = self._stems(stem_rng, LATIN_ONSETS, LATIN_VOWELS, folded_names, str.capitalize)
        self.ru_stems = self._stems(stem_rng, CYR_ONSETS, CYR_VOWELS, folded_names, str.capitalize)
        self.uk_stems = self._stems(stem_rng, CYR_ONSETS, UK_VOWELS, folded_names, str.capitalize)
        self.languages = list(LANGUAGE_WEIGHTS)
        self.language_cum = list(accumulate(LANGUAGE_WEIGHTS.values()))

    @staticmethod
    def _stems(rng, onsets, vowels, folded_names, case):
        """INVENTED_POOL distinct invented stems of 2-3 syllables, none of them (nor any of the
        words made from them below) a name of the pack."""
        stems, seen = [], set()
        while len(stems) < INVENTED_POOL:
            n = 2 if rng.random() < 0.6 else 3
            stem = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(n))
            if stem in seen or stem.casefold() in folded_names:
                continue
            seen.add(stem)
            stems.append(case(stem))
        return stems

    def _zipf(self, pool):
        # log-uniform rank: a heavy head and a long tail of distinct words
        return pool[int(len(pool) ** self.rng.random()) - 1]

    def _fill(self, slot: str, language: str) -> str:
        rng = self.rng
        if slot == "DAY" or slot == "DAY2":
            return str(rng.randint(1, 28))
        if slot == "NUM2":
            return str(rng.randint(2, 48))
        if slot == "NUM3":
            return f"{rng.randint(1, 60) * 10 ** rng.randint(1, 3):,}".replace(",", " " if language != "en" else ",")
        if slot == "PCT":
            return f"{rng.randint(1, 40)}.{rng.randint(0, 9)}" if language == "en" else f"{rng.randint(1, 40)},{rng.randint(0, 9)}"
        if slot == "YEAR":
            return str(rng.randint(1995, 2025))
        if language == "en":
            if slot in ("MONTH", "MONTH2"):
                return rng.choice(EN_MONTHS)
            if slot == "WEEKDAY":
                return rng.choice(EN_WEEKDAYS)
            if slot == "EVENT":
                return rng.choice(EN_EVENTS)
            if slot == "ROLE":
                return rng.choice(EN_ROLES)
            if slot == "ROLE_CAP":
                r = rng.choice(EN_ROLES)
                return r[0].upper() + r[1:]
            if slot == "SAY":
                return rng.choice(EN_SAY)
            if slot == "GROUP":
                return rng.choice(EN_GROUPS)
            if slot == "GOODS":
                return rng.choice(EN_GOODS)
            if slot == "QUAL":
                return rng.choice(EN_QUALIFIERS)
            if slot == "PERSON":
                return f"{rng.choice(EN_GIVEN)} {self._zipf(self.latin_stems)}"
            if slot == "ORG":
                return f"{self._zipf(self.latin_stems)} {rng.choice(EN_ORG_SUFFIXES)}"
        elif language == "ru":
            if slot in ("MONTH", "MONTH2"):
                return rng.choice(RU_MONTHS_GEN)
            if slot == "EVENT":
                return rng.choice(RU_EVENTS)
            if slot == "ROLE":
                return rng.choice(RU_ROLES)
            if slot == "SAY":
                return rng.choice(RU_SAY_PL)
            if slot == "GROUP":
                return rng.choice(RU_GROUPS)
            if slot == "GOODS":
                return rng.choice(RU_GOODS)
            if slot == "QUAL":
                return rng.choice(RU_QUALIFIERS)
            if slot == "PERSON_M":
                return f"{rng.choice(RU_GIVEN_M)} {self._zipf(self.ru_stems)}{rng.choice(RU_SURNAME_ENDINGS_M)}"
            if slot == "PERSON_F":
                return f"{rng.choice(RU_GIVEN_F)} {self._zipf(self.ru_stems)}{rng.choice(RU_SURNAME_ENDINGS_F)}"
            if slot == "ORG_CAP":
                return f"{rng.choice(RU_ORG_PREFIXES).capitalize()} «{self._zipf(self.ru_stems)}»"
            if slot == "ORG_PREP":
                return f"компании «{self._zipf(self.ru_stems)}»"
        else:
            if slot in ("MONTH", "MONTH2"):
                return rng.choice(UK_MONTHS_GEN)
            if slot == "EVENT":
                return rng.choice(UK_EVENTS)
            if slot == "ROLE":
                return rng.choice(UK_ROLES)
            if slot == "SAY":
                return rng.choice(UK_SAY)
            if slot == "GROUP":
                return rng.choice(UK_GROUPS)
            if slot == "GOODS":
                return rng.choice(UK_GOODS)
            if slot == "QUAL":
                return rng.choice(UK_QUALIFIERS)
            if slot == "PERSON_M":
                return f"{rng.choice(UK_GIVEN_M)} {self._zipf(self.uk_stems)}{rng.choice(UK_SURNAME_ENDINGS)}"
            if slot == "PERSON_F":
                return f"{rng.choice(UK_GIVEN_F)} {self._zipf(self.uk_stems)}{rng.choice(UK_SURNAME_ENDINGS_F)}"
            if slot == "ORG_CAP":
                return f"{rng.choice(UK_ORG_PREFIXES).capitalize()} «{self._zipf(self.uk_stems)}»"
            if slot == "ORG_PREP":
                return f"компанії «{self._zipf(self.uk_stems)}»"
        raise KeyError(f"slot {slot} in {language}")

    def paragraph(self, line_number: int, truth: list):
        """One line (without LF) and the places inserted in it, appended to truth as
        (line, byte_start, byte_end, id, kind, text)."""
        rng = self.rng
        language = self.languages[bisect_left(self.language_cum, rng.random() * self.language_cum[-1])]
        with_place, without = self.templates[language]
        pieces = []
        offset = 0
        inserted = []
        for s in range(rng.randint(*SENTENCES_PER_PARAGRAPH)):
            if s:
                pieces.append(" ")
                offset += 1
            templates = with_place if rng.random() < PLACE_SENTENCE_SHARE else without
            for is_slot, value in rng.choice(templates):
                if is_slot and value in ("P", "P2"):
                    entity_id, text, kind = self.places.pick(language)
                    size = len(text.encode("utf-8"))
                    inserted.append((line_number, offset, offset + size, entity_id, kind, text))
                else:
                    text = self._fill(value, language) if is_slot else value
                    size = len(text.encode("utf-8"))
                pieces.append(text)
                offset += size
        return "".join(pieces), language, inserted


def generate(entities, pack_names, size: int, seed: int, work: Path) -> dict:
    """Writes the corpus files (unless present from the same generator, pack and seed) and
    returns its meta data."""
    stem = work / f"corpus-{size}-s{seed}"
    text_path, truth_path, meta_path = (Path(f"{stem}{ext}") for ext in (".txt", ".truth.tsv", ".meta.json"))
    pack_digest = pack_names_digest(pack_names)
    if meta_path.exists() and text_path.exists() and truth_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta.get("generator") == GENERATOR_VERSION and meta.get("pack_names_digest") == pack_digest \
                and text_path.stat().st_size == meta["bytes"]:
            meta["paths"] = {"text": str(text_path), "truth": str(truth_path)}
            return meta
    gen = Generator(entities, seed, pack_names)
    total = 0
    lines = 0
    words = 0
    kinds = Counter()
    by_language = Counter()
    names_by_language = Counter()
    tmp_text = text_path.with_suffix(".txt.tmp")
    tmp_truth = truth_path.with_suffix(".tsv.tmp")
    with open(tmp_text, "w", encoding="utf-8", newline="\n") as out, \
            open(tmp_truth, "w", encoding="utf-8", newline="\n") as truth_out:
        truth_out.write("line\tbyte_start\tbyte_end\tid\tkind\ttext\n")
        while True:
            line, language, inserted = gen.paragraph(lines + 1, [])
            size_line = len(line.encode("utf-8")) + 1
            if total + size_line > size:
                break
            out.write(line)
            out.write("\n")
            total += size_line
            lines += 1
            words += len(line.split())
            by_language[language] += 1
            for row in inserted:
                kinds[row[4]] += 1
                names_by_language[language] += 1
                truth_out.write("\t".join(map(str, row)) + "\n")
    tmp_text.replace(text_path)
    tmp_truth.replace(truth_path)
    inserted_total = sum(kinds.values())
    meta = {
        "generator": GENERATOR_VERSION,
        "seed": seed,
        "target_bytes": size,
        "bytes": total,
        "lines": lines,
        "words": words,
        "inserted": inserted_total,
        "inserted_by_kind": dict(sorted(kinds.items())),
        "inserted_by_language": dict(sorted(names_by_language.items())),
        "lines_by_language": dict(sorted(by_language.items())),
        "inserted_per_1000_words": round(1000 * inserted_total / max(words, 1), 2),
        "pack_names_digest": pack_digest,
    }
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    meta["paths"] = {"text": str(text_path), "truth": str(truth_path)}
    return meta


def pack_names_digest(pack_names) -> str:
    import hashlib

    h = hashlib.sha256()
    for n in sorted(pack_names):
        h.update(n.encode("utf-8") + b"\n")
    return h.hexdigest()[:16]
