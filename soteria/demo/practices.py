"""Demo good-practice cases: three or four published cases per demo organisation, written in
its own language, and adoptions across organisations — some following an indicator from a
start date, so that the adoption pages show a before/after comparison once the demo's
indicator values are computed.

Everything is fictional. Built through the services (``actor=None``: the system), so the
audit history is there. Idempotent: a case is known by its owner unit and title, an
adoption by its case and unit; what exists is left as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from soteria.indicators.models import IndicatorDefinition
from soteria.organisations.models import OrgUnit
from soteria.practices import services
from soteria.practices.models import CaseStatus, PracticeAdoption, PracticeCase


@dataclass(frozen=True)
class DemoAdoption:
    unit: str
    status: str
    started_on: dt.date | None = None
    indicator: str | None = None
    note: str = ""


CASES: list[dict[str, Any]] = [
    # Poland: Provincial Specialist Hospital in Stawnica
    {
        "owner": "PL-WSS-KARD",
        "language": "pl",
        "title": "Lista kontrolna wypisu omawiana z pacjentem dzień wcześniej",
        "summary": (
            "Pielęgniarka omawia z pacjentem i jego bliskim jednostronicową listę kontrolną "
            "dzień przed wypisem: leki, wizyty kontrolne, objawy alarmowe i telefon do oddziału."
        ),
        "problem": (
            "Pacjenci po zawale wychodzili do domu z kartą informacyjną, której nie rozumieli. "
            "W ankietach wypis był najsłabiej ocenianym etapem pobytu, a część pacjentów wracała "
            "w ciągu miesiąca z powodu źle przyjmowanych leków."
        ),
        "practice": (
            "Opracowaliśmy listę kontrolną na jednej stronie, pisaną prostym językiem.\n"
            "Dzień przed wypisem pielęgniarka prowadząca siada z pacjentem (i, jeśli to możliwe, "
            "z bliskim) na 15 minut i przechodzi punkt po punkcie: nowe leki i ich godziny, "
            "termin wizyty w poradni, kiedy wezwać pomoc, numer telefonu oddziału.\n"
            "Pacjent na koniec własnymi słowami opowiada, jak będzie brał leki (metoda "
            "„powiedz z powrotem”). Lista trafia do dokumentacji z podpisem pielęgniarki."
        ),
        "results": (
            "Po sześciu miesiącach odsetek pacjentów oceniających informację przy wypisie jako "
            "dobrą lub bardzo dobrą wzrósł z 61% do 83%. Liczba telefonów z pytaniami o leki w "
            "pierwszym tygodniu po wypisie spadła o mniej więcej połowę."
        ),
        "themes": ["discharge", "medication", "communication"],
        "contact": "Pielęgniarka oddziałowa, Oddział Kardiologii",
        "adoptions": [
            DemoAdoption(
                "DK-RFJ-HKB-MED",
                "adopted",
                dt.date(2025, 3, 1),
                "READMISSION_30D",
                "Oversat til dansk; bruges på alle sengeafsnit.",
            ),
            DemoAdoption(
                "FI-JVL-KS-SIS",
                "in_progress",
                dt.date(2025, 9, 15),
                "ALOS",
                "Kokeilu kahdella osastolla.",
            ),
            DemoAdoption("PL-WSS-INT", "adopted", dt.date(2025, 5, 1), "READMISSION_30D"),
        ],
    },
    {
        "owner": "PL-WSS-SOR",
        "language": "pl",
        "title": "Ratownik w poczekalni SOR: ponowna ocena co godzinę",
        "summary": (
            "Dedykowany ratownik medyczny w poczekalni co godzinę ponownie ocenia pacjentów "
            "czekających na lekarza i informuje ich o przewidywanym czasie oczekiwania."
        ),
        "problem": (
            "Pacjenci z niższą kategorią pilności czekali po kilka godzin bez kontaktu z "
            "personelem. Część wychodziła przed badaniem, a skargi dotyczyły głównie braku "
            "informacji, nie samego czasu oczekiwania."
        ),
        "practice": (
            "W godzinach 10–22 jeden ratownik pracuje wyłącznie w poczekalni. Co godzinę mierzy "
            "parametry życiowe osób czekających dłużej niż 60 minut, w razie pogorszenia zmienia "
            "kategorię triażu, a na tablicy i ustnie podaje aktualny czas oczekiwania."
        ),
        "results": (
            "Odsetek pacjentów opuszczających SOR przed badaniem lekarskim spadł z 6,1% do 3,4%. "
            "Dwukrotnie wykryto pogorszenie stanu, które wymagało pilnej interwencji."
        ),
        "themes": ["waiting", "communication"],
        "contact": "Kierownik SOR",
        "adoptions": [
            DemoAdoption(
                "FI-JVL-KS-YPAI",
                "adopted",
                dt.date(2025, 6, 1),
                "ED_LWBS",
                "Päivystyksen aulahoitaja klo 10–22.",
            ),
        ],
    },
    {
        "owner": "PL-WSS-ORT",
        "language": "pl",
        "title": "Pionizacja w dniu operacji po endoprotezoplastyce",
        "summary": (
            "Fizjoterapeuta pionizuje pacjentów po planowej endoprotezoplastyce biodra i kolana "
            "jeszcze w dniu zabiegu, według wspólnego protokołu z anestezjologami."
        ),
        "problem": (
            "Pacjenci leżeli w łóżku do drugiej doby po operacji, co wydłużało pobyt i sprzyjało "
            "powikłaniom zakrzepowym i zaparciom."
        ),
        "practice": (
            "Wspólny protokół: znieczulenie podpajęczynówkowe o krótkim czasie działania, "
            "ograniczenie opioidów, brak cewnika, jeśli to możliwe. Fizjoterapeuta z dyżuru "
            "popołudniowego pionizuje pacjenta 4–6 godzin po zabiegu i zapisuje, jak daleko "
            "przeszedł."
        ),
        "results": "Mediana pobytu skróciła się z 6 do 4 dni, bez wzrostu liczby powrotów.",
        "themes": ["care_treatment"],
        "contact": "Koordynator fizjoterapii, Oddział Ortopedii",
        "adoptions": [
            DemoAdoption("DK-RFJ-SSV-ORT", "considering", note="Drøftes med anæstesien."),
        ],
    },
    # Vietnam: Lam Giang Provincial Oncology Hospital
    {
        "owner": "VN-UBLG-KKB",
        "language": "vi",
        "title": "Tình nguyện viên hướng dẫn người bệnh tại sảnh khám",
        "summary": (
            "Sinh viên y và hội viên Hội Chữ thập đỏ mặc áo xanh đứng tại sảnh khám từ 6 giờ sáng, "
            "hướng dẫn người bệnh lấy số, đóng tiền và tìm đúng phòng khám, phòng xét nghiệm."
        ),
        "problem": (
            "Mỗi sáng có hơn một nghìn lượt người bệnh, nhiều người từ huyện xa lần đầu đến viện. "
            "Người bệnh đi sai tầng, xếp nhầm hàng và phải hỏi nhân viên y tế đang làm chuyên môn."
        ),
        "practice": (
            "Mỗi ca có 4–6 tình nguyện viên đã được tập huấn hai buổi về quy trình khám và cách "
            "giao tiếp với người bệnh ung thư. Sàn nhà được kẻ vạch màu dẫn đến từng khu. "
            "Tình nguyện viên ưu tiên người cao tuổi, người đi một mình và người lần đầu đến khám."
        ),
        "results": (
            "Thời gian từ khi lấy số đến khi vào phòng khám giảm trung bình 25 phút. Tỷ lệ người "
            "bệnh hài lòng với việc được hướng dẫn tăng từ 70% lên 91%."
        ),
        "themes": ["access_parking", "waiting", "staff_attitude"],
        "contact": "Phòng Công tác xã hội",
        "adoptions": [
            DemoAdoption(
                "DK-RFJ-SSV-AKUT",
                "in_progress",
                dt.date(2025, 10, 1),
                note="Frivillige værter i modtagelsen, 8–16.",
            ),
            DemoAdoption(
                "PL-WSS-AOS",
                "adopted",
                dt.date(2025, 2, 1),
                note="Wolontariusze z uniwersytetu trzeciego wieku.",
            ),
        ],
    },
    {
        "owner": "VN-UBLG-HT-BN",
        "language": "vi",
        "title": "Tin nhắn nhắc lịch và hẹn giờ truyền hóa chất ban ngày",
        "summary": (
            "Người bệnh nhận tin nhắn nhắc lịch xét nghiệm và khung giờ truyền hóa chất, "
            "thay vì tất cả cùng đến lúc 7 giờ sáng."
        ),
        "problem": (
            "Toàn bộ người bệnh truyền hóa chất ban ngày đến cùng một lúc, chờ kết quả xét nghiệm "
            "và chờ ghế truyền đến tận chiều."
        ),
        "practice": (
            "Xét nghiệm máu được làm từ chiều hôm trước tại tuyến huyện hoặc tại viện. Điều dưỡng "
            "chia người bệnh thành bốn khung giờ và gửi tin nhắn nhắc trước một ngày."
        ),
        "results": "Thời gian chờ trung bình tại đơn vị giảm từ 4,5 giờ xuống 2 giờ.",
        "themes": ["waiting", "communication"],
        "contact": "Điều dưỡng trưởng khoa Nội",
        "adoptions": [],
    },
    {
        "owner": "VN-UBLG-CSGN",
        "language": "vi",
        "title": "Buổi đánh giá đau hằng ngày bằng thang điểm hình khuôn mặt",
        "summary": (
            "Điều dưỡng đánh giá đau hai lần mỗi ngày bằng thang điểm có hình khuôn mặt và báo "
            "bác sĩ khi điểm đau từ 4 trở lên."
        ),
        "problem": (
            "Người bệnh ung thư giai đoạn cuối ngại than đau, và thuốc giảm đau thường chỉ được "
            "điều chỉnh khi người nhà yêu cầu."
        ),
        "practice": (
            "Thang điểm hình khuôn mặt được treo ở đầu giường. Điểm đau được ghi vào bảng theo dõi "
            "lúc 8 giờ và 16 giờ; điểm từ 4 trở lên thì điều dưỡng báo ngay bác sĩ điều trị."
        ),
        "results": (
            "Tỷ lệ người bệnh có điểm đau từ 4 trở lên vào ngày thứ ba giảm từ 45% xuống 18%."
        ),
        "themes": ["care_treatment", "medication"],
        "contact": "Khoa Chăm sóc giảm nhẹ",
        "adoptions": [
            DemoAdoption("FI-JVL-KS-SIS", "considering"),
        ],
    },
    # Finland: Järvilaakso Wellbeing Services County
    {
        "owner": "FI-JVL-KS-SIS",
        "language": "fi",
        "title": "Hoitajan soitto kotiin kaksi päivää kotiutuksen jälkeen",
        "summary": (
            "Sairaanhoitaja soittaa sydämen vajaatoimintapotilaalle kahden arkipäivän kuluttua "
            "kotiutuksesta ja käy läpi lääkkeet, painon seurannan ja jatkokäynnit."
        ),
        "problem": (
            "Moni sydämen vajaatoimintapotilas palasi päivystykseen ensimmäisten viikkojen aikana. "
            "Syynä olivat usein nesteenpoistolääkkeen väärä annostelu tai painonnousu, jota ei "
            "huomattu ajoissa."
        ),
        "practice": (
            "Kotiutuksen yhteydessä sovitaan soittoaika. Hoitaja käyttää soitossa lyhyttä "
            "tarkistuslistaa: paino, turvotus, hengenahdistus, lääkkeet ja kontrolliajat.\n"
            "Jos paino on noussut yli kaksi kiloa, hoitaja konsultoi saman päivän aikana lääkäriä."
        ),
        "results": (
            "30 päivän uusintakäynnit vähenivät puolen vuoden aikana 21 %:sta 14 %:iin. Potilaat "
            "kertoivat palautteessa tuntevansa olonsa turvallisemmaksi kotona."
        ),
        "themes": ["discharge", "communication", "medication"],
        "contact": "Sisätautien poliklinikan osastonhoitaja",
        "adoptions": [
            DemoAdoption(
                "PL-WSS-KARD",
                "adopted",
                dt.date(2025, 4, 1),
                "READMISSION_30D",
                "Telefony wykonuje pielęgniarka koordynująca.",
            ),
            DemoAdoption("VN-UBLG-HT", "considering", note="Cân nhắc cho người bệnh sau hóa trị."),
            DemoAdoption("DK-RFJ-SBL-MED", "in_progress", dt.date(2025, 8, 11), "READMISSION_30D"),
        ],
    },
    {
        "owner": "FI-JVL-KS-NAIS-SYN",
        "language": "fi",
        "title": "Perhehuoneet synnytysvuodeosastolle",
        "summary": (
            "Puoliso tai tukihenkilö voi yöpyä äidin ja vauvan kanssa samassa huoneessa koko "
            "osastojakson ajan."
        ),
        "problem": (
            "Äidit jäivät yöksi yksin ja kokivat imetyksen aloituksen raskaaksi. Vierailuajat "
            "aiheuttivat paljon palautetta."
        ),
        "practice": (
            "Kuusi kahden hengen huonetta muutettiin perhehuoneiksi lisävuoteella. Tukihenkilö "
            "ohjataan vauvanhoitoon ensimmäisenä iltana, ja ateriat voi tilata maksua vastaan."
        ),
        "results": "Perhehuoneissa olleet antoivat kokonaisarvosanan 4,7/5, muut 4,1/5.",
        "themes": ["cleanliness_environment", "care_treatment"],
        "contact": "Synnytysvuodeosaston osastonhoitaja",
        "adoptions": [],
    },
    {
        "owner": "FI-JVL-KS-YPAI",
        "language": "fi",
        "title": "Lääkärin ensiarvio triagessa ruuhka-aikana",
        "summary": (
            "Iltapäivän ruuhkassa kokenut lääkäri työskentelee triagehoitajan parina ja "
            "tilaa tutkimukset heti ensimmäisen kontaktin aikana."
        ),
        "problem": (
            "Potilaat odottivat lääkäriä useita tunteja, ja laboratorio- ja kuvantamistutkimukset "
            "tilattiin vasta ensimmäisen lääkärikontaktin jälkeen."
        ),
        "practice": (
            "Arkisin klo 12–20 erikoislääkäri on triagepisteessä. Hän tekee lyhyen ensiarvion, "
            "tilaa tarvittavat tutkimukset ja ohjaa osan potilaista suoraan perusterveydenhuoltoon."
        ),
        "results": (
            "Mediaaniaika ensimmäiseen lääkärikontaktiin lyheni 95 minuutista 40 minuuttiin."
        ),
        "themes": ["waiting"],
        "contact": "Yhteispäivystyksen ylilääkäri",
        "adoptions": [
            DemoAdoption(
                "PL-WSS-SOR",
                "in_progress",
                dt.date(2025, 11, 3),
                "ED_WAIT_MEDIAN",
                "Lekarz w punkcie triażu w godzinach 12–20.",
            ),
        ],
    },
    # Denmark: Fjordland Region
    {
        "owner": "DK-RFJ-HKB-MED",
        "language": "da",
        "title": "Stilletid om natten på medicinsk sengeafsnit",
        "summary": (
            "Fra kl. 22 til 6 dæmpes lyset, rutinemålinger samles og telefoner sættes på "
            "lydløs, så patienterne kan sove."
        ),
        "problem": (
            "Patienterne klagede over støj og lys om natten: rutinemålinger kl. 2 og 5, høje "
            "samtaler på gangen og alarmer, der ringede længe. Søvnmangel øgede risikoen for delir "
            "hos de ældre patienter."
        ),
        "practice": (
            "Nattevagten samler målinger af vitale værdier kl. 22 og 6, medmindre patientens "
            "tilstand kræver andet. Lyset på gangen dæmpes, telefonerne vibrerer, og der er "
            "ørepropper og sovemasker ved hver seng.\n"
            "Et skilt ved indgangen forklarer stilletiden for patienter og pårørende."
        ),
        "results": (
            "Andelen af patienter, der svarede, at de kunne sove om natten, steg fra 54 % til "
            "78 %. Brugen af sovemedicin faldt med en fjerdedel."
        ),
        "themes": ["noise_rest", "medication"],
        "contact": "Afdelingssygeplejerske, Medicinsk Afdeling",
        "adoptions": [
            DemoAdoption(
                "PL-WSS-NEU-UDAR",
                "adopted",
                dt.date(2025, 2, 17),
                note="Cisza nocna od 22:00 do 6:00 na Oddziale Udarowym.",
            ),
            DemoAdoption("FI-JVL-KS-KIR", "in_progress", dt.date(2025, 10, 6)),
            DemoAdoption("VN-UBLG-CSGN", "considering"),
        ],
    },
    {
        "owner": "DK-RFJ-SBL-GER",
        "language": "da",
        "title": "Udskrivelsessamtale med pårørende og kommunen",
        "summary": (
            "Før en ældre patient udskrives, holdes en kort videosamtale med patient, pårørende "
            "og hjemmeplejen, så alle ved, hvad der skal ske de første dage hjemme."
        ),
        "problem": (
            "Ældre patienter blev udskrevet uden at hjemmeplejen kendte de nye lægemidler, og "
            "mange blev genindlagt inden for en måned."
        ),
        "practice": (
            "Dagen før udskrivelsen booker sygeplejersken en 20 minutters videosamtale. "
            "Medicinlisten gennemgås, og opgaverne skrives i en fælles plan, som patienten får med."
        ),
        "results": "Genindlæggelser inden for 30 dage faldt fra 19 % til 13 % på et år.",
        "themes": ["discharge", "communication"],
        "contact": "Geriatrisk Afdeling, Bøgelund",
        "adoptions": [
            DemoAdoption("PL-WSS-GER", "adopted", dt.date(2025, 3, 3), "READMISSION_30D"),
        ],
    },
    {
        "owner": "DK-RFJ-SBL-REH",
        "language": "da",
        "title": "Frivillige måltidsvenner",
        "summary": (
            "Frivillige spiser frokost sammen med patienter på neurorehabiliteringen og hjælper "
            "dem, der har svært ved at spise selv."
        ),
        "problem": (
            "Mange patienter spiste for lidt, fordi måltiderne var ensomme og personalet havde "
            "travlt ved frokosttid."
        ),
        "practice": (
            "Ti frivillige er oplært af en ergoterapeut i spisestøtte. De kommer på faste dage, "
            "dækker bord i opholdsstuen og spiser med."
        ),
        "results": "Andelen af patienter, der nåede deres energibehov, steg fra 48 % til 69 %.",
        "themes": ["food", "staff_attitude"],
        "contact": "Ergoterapien, Neurorehabilitering",
        "adoptions": [
            DemoAdoption("PL-WSS-REH", "considering"),
        ],
    },
]


def _units(codes: set[str]) -> dict[str, OrgUnit]:
    return {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}


def _case(spec: dict[str, Any], owner: OrgUnit) -> tuple[PracticeCase, bool]:
    found = PracticeCase.objects.filter(owner=owner, title=spec["title"]).first()
    if found is not None:
        return found, False
    fields = {k: spec[k] for k in services.CASE_FIELDS if k in spec}
    case = services.case_create(None, owner, fields)
    return services.case_publish(None, case), True


def build_demo_practices(log: Callable[[str], None] = print) -> None:
    """Create the demo cases and adoptions whose units exist (idempotent)."""
    wanted = {c["owner"] for c in CASES} | {a.unit for c in CASES for a in c["adoptions"]}
    units = _units(wanted)
    indicators = {d.code: d for d in IndicatorDefinition.objects.filter(owner__isnull=True)}
    cases = adoptions = 0
    for spec in CASES:
        owner = units.get(spec["owner"])
        if owner is None:
            continue
        case, created = _case(spec, owner)
        cases += created
        if case.status != CaseStatus.PUBLISHED:
            continue
        for planned in spec["adoptions"]:
            unit = units.get(planned.unit)
            if unit is None or PracticeAdoption.objects.filter(case=case, unit=unit).exists():
                continue
            services.adoption_create(
                None,
                case,
                unit,
                {
                    "status": planned.status,
                    "started_on": planned.started_on,
                    "note": planned.note,
                    "indicator": indicators.get(planned.indicator or ""),
                },
            )
            adoptions += 1
    log(f"Good-practice cases: {cases} created, {adoptions} adoptions recorded.")
