"""Fictional demo content: a Polish provincial multi-specialty hospital.

The town of Stawnica, the hospital and every project below are invented for
demonstration purposes. Funding programmes are named after real Polish and EU
instruments only to make the data look realistic.
"""

ORGANISATION = {
    "code": "PL-WSS",
    "kind": "hospital",
    "language": "pl",
    "time_zone": "Europe/Warsaw",
    "name": {
        "pl": "Wojewódzki Szpital Specjalistyczny w Stawnicy",
        "en": "Provincial Specialist Hospital in Stawnica",
    },
    "children": [
        {
            "code": "PL-WSS-INT",
            "kind": "department",
            "name": {
                "pl": "Oddział Chorób Wewnętrznych z Pododdziałem Gastroenterologicznym",
                "en": "Department of Internal Medicine with Gastroenterology Sub-unit",
            },
            "children": [
                {
                    "code": "PL-WSS-INT-GAS",
                    "kind": "ward",
                    "name": {
                        "pl": "Pododdział Gastroenterologiczny",
                        "en": "Gastroenterology Sub-unit",
                    },
                    "children": [],
                },
            ],
        },
        {
            "code": "PL-WSS-KARD",
            "kind": "department",
            "name": {
                "pl": "Oddział Kardiologii z Pododdziałem Intensywnego Nadzoru Kardiologicznego",
                "en": "Department of Cardiology with Cardiac Intensive Care Sub-unit",
            },
            "children": [
                {
                    "code": "PL-WSS-KARD-OIOK",
                    "kind": "ward",
                    "name": {
                        "pl": "Pododdział Intensywnego Nadzoru Kardiologicznego",
                        "en": "Cardiac Intensive Care Sub-unit",
                    },
                    "children": [],
                },
                {
                    "code": "PL-WSS-KARD-HEM",
                    "kind": "service",
                    "name": {
                        "pl": "Pracownia Hemodynamiki",
                        "en": "Cardiac Catheterisation Laboratory",
                    },
                    "children": [],
                },
            ],
        },
        {
            "code": "PL-WSS-CHIR",
            "kind": "department",
            "name": {
                "pl": "Oddział Chirurgii Ogólnej i Onkologicznej",
                "en": "Department of General and Oncological Surgery",
            },
            "children": [],
        },
        {
            "code": "PL-WSS-ORT",
            "kind": "department",
            "name": {
                "pl": "Oddział Chirurgii Urazowo-Ortopedycznej",
                "en": "Department of Trauma and Orthopaedic Surgery",
            },
            "children": [],
        },
        {
            "code": "PL-WSS-GIN",
            "kind": "department",
            "name": {
                "pl": "Oddział Położniczo-Ginekologiczny",
                "en": "Department of Obstetrics and Gynaecology",
            },
            "children": [
                {
                    "code": "PL-WSS-GIN-PAT",
                    "kind": "ward",
                    "name": {
                        "pl": "Pododdział Patologii Ciąży",
                        "en": "High-Risk Pregnancy Sub-unit",
                    },
                    "children": [],
                },
                {
                    "code": "PL-WSS-GIN-BP",
                    "kind": "ward",
                    "name": {"pl": "Blok Porodowy", "en": "Delivery Suite"},
                    "children": [],
                },
            ],
        },
        {
            "code": "PL-WSS-NEO",
            "kind": "department",
            "name": {
                "pl": "Oddział Neonatologiczny z Pododdziałem Intensywnej Terapii Noworodka",
                "en": "Department of Neonatology with Neonatal Intensive Care Sub-unit",
            },
            "children": [
                {
                    "code": "PL-WSS-NEO-ITN",
                    "kind": "ward",
                    "name": {
                        "pl": "Pododdział Intensywnej Terapii Noworodka",
                        "en": "Neonatal Intensive Care Sub-unit",
                    },
                    "children": [],
                },
            ],
        },
        {
            "code": "PL-WSS-PED",
            "kind": "department",
            "name": {"pl": "Oddział Pediatryczny", "en": "Department of Paediatrics"},
            "children": [],
        },
        {
            "code": "PL-WSS-NEU",
            "kind": "department",
            "name": {
                "pl": "Oddział Neurologiczny z Pododdziałem Udarowym",
                "en": "Department of Neurology with Stroke Unit",
            },
            "children": [
                {
                    "code": "PL-WSS-NEU-UDAR",
                    "kind": "ward",
                    "name": {"pl": "Pododdział Udarowy", "en": "Stroke Unit"},
                    "children": [],
                },
            ],
        },
        {
            "code": "PL-WSS-OAIT",
            "kind": "department",
            "name": {
                "pl": "Oddział Anestezjologii i Intensywnej Terapii",
                "en": "Department of Anaesthesiology and Intensive Care",
            },
            "children": [],
        },
        {
            "code": "PL-WSS-SOR",
            "kind": "department",
            "name": {
                "pl": "Szpitalny Oddział Ratunkowy",
                "en": "Hospital Emergency Department",
            },
            "children": [],
        },
        {
            "code": "PL-WSS-ONK",
            "kind": "department",
            "name": {
                "pl": "Oddział Onkologii Klinicznej z Pododdziałem Chemioterapii Dziennej",
                "en": "Department of Clinical Oncology with Day Chemotherapy Sub-unit",
            },
            "children": [
                {
                    "code": "PL-WSS-ONK-CHD",
                    "kind": "ward",
                    "name": {
                        "pl": "Pododdział Chemioterapii Dziennej",
                        "en": "Day Chemotherapy Sub-unit",
                    },
                    "children": [],
                },
            ],
        },
        {
            "code": "PL-WSS-GER",
            "kind": "department",
            "name": {"pl": "Oddział Geriatryczny", "en": "Department of Geriatrics"},
            "children": [],
        },
        {
            "code": "PL-WSS-ZOL",
            "kind": "department",
            "name": {
                "pl": "Zakład Opiekuńczo-Leczniczy",
                "en": "Long-Term Residential Care Unit",
            },
            "children": [
                {
                    "code": "PL-WSS-ZOL-DDOM",
                    "kind": "service",
                    "name": {
                        "pl": "Dzienny Dom Opieki Medycznej",
                        "en": "Medical Day Care Centre",
                    },
                    "children": [],
                },
            ],
        },
        {
            "code": "PL-WSS-PSY",
            "kind": "department",
            "name": {"pl": "Oddział Psychiatryczny", "en": "Department of Psychiatry"},
            "children": [
                {
                    "code": "PL-WSS-PSY-DZ",
                    "kind": "ward",
                    "name": {
                        "pl": "Pododdział Dzienny Psychiatryczny",
                        "en": "Psychiatric Day Unit",
                    },
                    "children": [],
                },
            ],
        },
        {
            "code": "PL-WSS-REH",
            "kind": "department",
            "name": {
                "pl": "Oddział Rehabilitacji Ogólnoustrojowej",
                "en": "Department of General Rehabilitation",
            },
            "children": [],
        },
        {
            "code": "PL-WSS-ZDO",
            "kind": "department",
            "name": {
                "pl": "Zakład Diagnostyki Obrazowej",
                "en": "Department of Diagnostic Imaging",
            },
            "children": [],
        },
        {
            "code": "PL-WSS-ZDL",
            "kind": "department",
            "name": {
                "pl": "Zakład Diagnostyki Laboratoryjnej",
                "en": "Department of Laboratory Diagnostics",
            },
            "children": [],
        },
        {
            "code": "PL-WSS-APT",
            "kind": "department",
            "name": {"pl": "Apteka Szpitalna", "en": "Hospital Pharmacy"},
            "children": [],
        },
        {
            "code": "PL-WSS-BLOK",
            "kind": "department",
            "name": {"pl": "Blok Operacyjny", "en": "Operating Theatre Suite"},
            "children": [],
        },
        {
            "code": "PL-WSS-AOS",
            "kind": "clinic",
            "name": {
                "pl": "Przychodnia Specjalistyczna",
                "en": "Specialist Outpatient Clinic",
            },
            "children": [],
        },
        {
            "code": "PL-WSS-DJ",
            "kind": "office",
            "name": {
                "pl": "Dział Jakości i Bezpieczeństwa Pacjenta",
                "en": "Quality and Patient Safety Office",
            },
            "children": [],
        },
        {
            "code": "PL-WSS-DI",
            "kind": "office",
            "name": {"pl": "Dział Informatyki", "en": "IT Department"},
            "children": [],
        },
        {
            "code": "PL-WSS-KADR",
            "kind": "office",
            "name": {"pl": "Dział Spraw Pracowniczych", "en": "Human Resources Office"},
            "children": [],
        },
        {
            "code": "PL-WSS-ZP",
            "kind": "office",
            "name": {"pl": "Dział Zamówień Publicznych", "en": "Public Procurement Office"},
            "children": [],
        },
        {
            "code": "PL-WSS-TECH",
            "kind": "office",
            "name": {
                "pl": "Dział Techniczno-Inwestycyjny",
                "en": "Technical and Investment Department",
            },
            "children": [],
        },
        {
            "code": "PL-WSS-ROZ",
            "kind": "office",
            "name": {"pl": "Dział Rozwoju i Projektów", "en": "Development and Projects Office"},
            "children": [],
        },
        {
            "code": "PL-WSS-KOM",
            "kind": "office",
            "name": {
                "pl": "Biuro Komunikacji i Promocji",
                "en": "Communications and Promotion Office",
            },
            "children": [],
        },
    ],
}

STRATEGY = {
    "code": "STRAT-2024-2028",
    "title": {
        "pl": "Strategia rozwoju Wojewódzkiego Szpitala Specjalistycznego w Stawnicy na lata 2024–2028",
        "en": "Development Strategy of the Provincial Specialist Hospital in Stawnica 2024–2028",
    },
    "approving_body": {
        "pl": "Rada Społeczna Wojewódzkiego Szpitala Specjalistycznego w Stawnicy",
        "en": "Social Council of the Provincial Specialist Hospital in Stawnica",
    },
    "decision_date": "2024-03-18",
    "valid_from": "2024-01-01",
    "valid_to": "2028-12-31",
    "mission": {
        "pl": "Zapewniamy mieszkańcom województwa bezpieczne, nowoczesne i życzliwe leczenie – "
        "przez całą dobę i na każdym etapie choroby.",
        "en": "We provide the people of our province with safe, modern and compassionate care – "
        "around the clock and at every stage of illness.",
    },
    "vision": {
        "pl": "W 2028 roku jesteśmy szpitalem pierwszego wyboru w regionie: w pełni cyfrowym, "
        "odpornym na zagrożenia, przyjaznym seniorom i dobrym miejscem pracy.",
        "en": "By 2028 we are the hospital of first choice in the region: fully digital, "
        "resilient to threats, senior-friendly and a good place to work.",
    },
    "values": [
        {
            "name": {"pl": "Bezpieczeństwo pacjenta", "en": "Patient safety"},
            "description": {
                "pl": "Każdą decyzję kliniczną i organizacyjną oceniamy pod kątem ryzyka dla "
                "pacjenta. Uczymy się na błędach, zamiast szukać winnych.",
                "en": "We assess every clinical and organisational decision for its risk to "
                "patients. We learn from mistakes rather than looking for someone to blame.",
            },
        },
        {
            "name": {"pl": "Profesjonalizm", "en": "Professionalism"},
            "description": {
                "pl": "Działamy zgodnie z aktualną wiedzą medyczną i stale podnosimy swoje "
                "kwalifikacje.",
                "en": "We act in line with current medical evidence and keep developing our "
                "skills.",
            },
        },
        {
            "name": {"pl": "Szacunek i empatia", "en": "Respect and empathy"},
            "description": {
                "pl": "Traktujemy pacjentów, ich bliskich i współpracowników z poszanowaniem "
                "ich godności, prywatności i potrzeb.",
                "en": "We treat patients, their families and colleagues with respect for their "
                "dignity, privacy and needs.",
            },
        },
        {
            "name": {"pl": "Współpraca", "en": "Collaboration"},
            "description": {
                "pl": "Leczymy zespołowo – ponad granicami oddziałów, zawodów i poziomów opieki.",
                "en": "We care for patients as one team – across departments, professions and "
                "levels of care.",
            },
        },
        {
            "name": {"pl": "Odpowiedzialność", "en": "Accountability"},
            "description": {
                "pl": "Gospodarujemy środkami publicznymi rzetelnie i przejrzyście.",
                "en": "We manage public funds diligently and transparently.",
            },
        },
    ],
    "priorities": [
        {
            "code": "P1",
            "title": {
                "pl": "Jakość i bezpieczeństwo świadczeń",
                "en": "Quality and safety of care",
            },
            "description": {
                "pl": "Kompleksowe zarządzanie jakością, utrzymanie akredytacji i ograniczanie "
                "zdarzeń niepożądanych.",
                "en": "Comprehensive quality management, maintaining accreditation and reducing "
                "adverse events.",
            },
        },
        {
            "code": "P2",
            "title": {
                "pl": "Szpital cyfrowy i cyberbezpieczny",
                "en": "A digital and cyber-secure hospital",
            },
            "description": {
                "pl": "Pełna elektroniczna dokumentacja medyczna, zintegrowane systemy "
                "informatyczne i skuteczna ochrona przed cyberzagrożeniami.",
                "en": "Fully electronic medical records, integrated information systems and "
                "effective protection against cyber threats.",
            },
        },
        {
            "code": "P3",
            "title": {
                "pl": "Kadry – rozwój i utrzymanie personelu",
                "en": "Workforce development and retention",
            },
            "description": {
                "pl": "Pozyskiwanie i zatrzymywanie lekarzy, pielęgniarek i położnych oraz "
                "systematyczne podnoszenie ich kompetencji.",
                "en": "Attracting and retaining doctors, nurses and midwives and systematically "
                "developing their skills.",
            },
        },
        {
            "code": "P4",
            "title": {
                "pl": "Nowoczesna i bezpieczna infrastruktura",
                "en": "Modern and safe infrastructure",
            },
            "description": {
                "pl": "Modernizacja budynków i wyposażenia zgodnie z wymaganiami prawa oraz "
                "ograniczenie zużycia energii.",
                "en": "Modernising buildings and equipment in line with legal requirements and "
                "reducing energy consumption.",
            },
        },
        {
            "code": "P5",
            "title": {"pl": "Opieka nad seniorami", "en": "Care for older people"},
            "description": {
                "pl": "Rozwój opieki geriatrycznej i długoterminowej w odpowiedzi na starzenie się "
                "mieszkańców regionu.",
                "en": "Developing geriatric and long-term care in response to the region's ageing "
                "population.",
            },
        },
    ],
    "success_factors": [
        {
            "code": "CSF1",
            "title": {"pl": "Stabilność finansowa", "en": "Financial stability"},
            "description": {
                "pl": "Zrównoważony wynik finansowy i skuteczne pozyskiwanie środków "
                "zewnętrznych, w tym z KPO i funduszy europejskich.",
                "en": "A balanced financial result and successful acquisition of external funds, "
                "including the National Recovery Plan and EU funds.",
            },
        },
        {
            "code": "CSF2",
            "title": {"pl": "Zaangażowani liderzy", "en": "Committed leaders"},
            "description": {
                "pl": "Kierownicy oddziałów i pielęgniarki oddziałowe biorą odpowiedzialność za "
                "realizację celów i przekazują je swoim zespołom.",
                "en": "Heads of department and ward sisters take ownership of the goals and "
                "communicate them to their teams.",
            },
        },
        {
            "code": "CSF3",
            "title": {
                "pl": "Współpraca z organem tworzącym i NFZ",
                "en": "Cooperation with the founding body and the National Health Fund",
            },
            "description": {
                "pl": "Dobra współpraca z samorządem województwa i Narodowym Funduszem Zdrowia "
                "w zakresie kontraktowania świadczeń i inwestycji.",
                "en": "Good cooperation with the provincial government and the National Health "
                "Fund on service contracts and investments.",
            },
        },
        {
            "code": "CSF4",
            "title": {"pl": "Zarządzanie oparte na danych", "en": "Data-driven management"},
            "description": {
                "pl": "Regularny monitoring wskaźników jakości, kosztów i obłożenia łóżek na "
                "poziomie oddziałów.",
                "en": "Regular monitoring of quality, cost and bed-occupancy indicators at "
                "department level.",
            },
        },
    ],
    "programmes": [
        # ------------------------------------------------------------------ personnel
        {
            "code": "PR-KADRY",
            "title": {"pl": "Program kadrowy", "en": "Workforce programme"},
            "description": {
                "pl": "Działania na rzecz pozyskania, utrzymania i rozwoju personelu medycznego "
                "i niemedycznego.",
                "en": "Actions to attract, retain and develop clinical and non-clinical staff.",
            },
            "owner_unit": "PL-WSS-KADR",
            "objectives": [
                {
                    "code": "O-KADRY-1",
                    "title": {
                        "pl": "Ograniczenie luki kadrowej w pielęgniarstwie i położnictwie",
                        "en": "Closing the nursing and midwifery staffing gap",
                    },
                    "description": {
                        "pl": "Zwiększenie zatrudnienia pielęgniarek i położnych o 40 etatów do "
                        "końca 2027 roku.",
                        "en": "Increase nursing and midwifery staffing by 40 full-time "
                        "equivalents by the end of 2027.",
                    },
                    "owner_unit": "PL-WSS-KADR",
                    "priority": "P3",
                    "initiatives": [
                        {
                            "code": "I-KADRY-1",
                            "title": {
                                "pl": "Program stypendialny dla studentów pielęgniarstwa i "
                                "położnictwa",
                                "en": "Scholarship programme for nursing and midwifery students",
                            },
                            "description": {
                                "pl": "Stypendia w zamian za zobowiązanie do trzyletniej pracy w "
                                "szpitalu po uzyskaniu prawa wykonywania zawodu.",
                                "en": "Scholarships in exchange for a commitment to work at the "
                                "hospital for three years after obtaining a licence to practise.",
                            },
                            "owner_unit": "PL-WSS-KADR",
                            "start": "2024-10-01",
                            "end": "2027-09-30",
                            "status": "in_progress",
                            "funding": [
                                {
                                    "programme_name": {
                                        "pl": "Wojewódzki program wsparcia kadr medycznych",
                                        "en": "Provincial medical workforce support programme",
                                    },
                                    "funder": {
                                        "pl": "Samorząd Województwa",
                                        "en": "Provincial Government",
                                    },
                                    "amount": "960000.00",
                                    "currency": "PLN",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {"pl": "Stypendia", "en": "Scholarships"},
                                    "planned": "960000.00",
                                    "spent": "412800.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Promocja i rekrutacja",
                                        "en": "Promotion and recruitment",
                                    },
                                    "planned": "60000.00",
                                    "spent": "38500.00",
                                    "currency": "PLN",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "pl": "Nabór pierwszej edycji (24 stypendystów)",
                                        "en": "First intake (24 scholarship holders)",
                                    },
                                    "due": "2024-11-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Nabór drugiej edycji (20 stypendystów)",
                                        "en": "Second intake (20 scholarship holders)",
                                    },
                                    "due": "2025-11-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Pierwsi absolwenci zatrudnieni na oddziałach",
                                        "en": "First graduates employed on the wards",
                                    },
                                    "due": "2026-10-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Ewaluacja programu i decyzja o kolejnych edycjach",
                                        "en": "Programme evaluation and decision on further "
                                        "intakes",
                                    },
                                    "due": "2027-06-30",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "pl": "Regulamin programu stypendialnego",
                                        "en": "Scholarship programme rules",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "pl": "Raport z ewaluacji programu",
                                        "en": "Programme evaluation report",
                                    },
                                    "status": "planned",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-KADRY-2",
                    "title": {
                        "pl": "Rozwój kompetencji personelu",
                        "en": "Developing staff competencies",
                    },
                    "description": {
                        "pl": "Każdy pracownik medyczny uczestniczy w co najmniej jednym "
                        "szkoleniu doskonalącym w roku.",
                        "en": "Every clinical staff member attends at least one professional "
                        "development course a year.",
                    },
                    "owner_unit": "PL-WSS-KADR",
                    "priority": "P3",
                    "initiatives": [
                        {
                            "code": "I-KADRY-2",
                            "title": {
                                "pl": "Szkolenia symulacyjne dla zespołów SOR i OAIT",
                                "en": "Simulation training for emergency and intensive care teams",
                            },
                            "description": {
                                "pl": "Cykl szkoleń w warunkach symulowanych z zakresu "
                                "resuscytacji, rozpoznawania sepsy i postępowania w urazach "
                                "wielonarządowych.",
                                "en": "A series of simulation-based courses on resuscitation, "
                                "sepsis recognition and the management of multiple trauma.",
                            },
                            "owner_unit": "PL-WSS-OAIT",
                            "start": "2024-04-01",
                            "end": "2025-12-31",
                            "status": "completed",
                            "funding": [
                                {
                                    "programme_name": {
                                        "pl": "Fundusze Europejskie dla Rozwoju Społecznego "
                                        "2021–2027",
                                        "en": "European Funds for Social Development 2021–2027",
                                    },
                                    "funder": {
                                        "pl": "Ministerstwo Zdrowia",
                                        "en": "Ministry of Health",
                                    },
                                    "amount": "420000.00",
                                    "currency": "PLN",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "pl": "Szkolenia i certyfikacja",
                                        "en": "Training and certification",
                                    },
                                    "planned": "480000.00",
                                    "spent": "468200.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Wynajem centrum symulacji medycznej",
                                        "en": "Medical simulation centre hire",
                                    },
                                    "planned": "90000.00",
                                    "spent": "86000.00",
                                    "currency": "PLN",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "pl": "Szkolenia ALS dla zespołów SOR",
                                        "en": "ALS courses for emergency department teams",
                                    },
                                    "due": "2024-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Szkolenia z wczesnego rozpoznawania sepsy",
                                        "en": "Courses on early recognition of sepsis",
                                    },
                                    "due": "2025-03-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Szkolenia z postępowania w urazach wielonarządowych",
                                        "en": "Courses on multiple-trauma management",
                                    },
                                    "due": "2025-10-31",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "pl": "120 przeszkolonych lekarzy, pielęgniarek i "
                                        "ratowników medycznych",
                                        "en": "120 trained doctors, nurses and paramedics",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ procurement
        {
            "code": "PR-ZAMOW",
            "title": {
                "pl": "Program zamówień i zaopatrzenia",
                "en": "Procurement and supply programme",
            },
            "description": {
                "pl": "Sprawne, przejrzyste i oszczędne zamówienia publiczne wspierające "
                "działalność kliniczną.",
                "en": "Efficient, transparent and cost-effective public procurement that "
                "supports clinical operations.",
            },
            "owner_unit": "PL-WSS-ZP",
            "objectives": [
                {
                    "code": "O-ZAMOW-1",
                    "title": {
                        "pl": "Elektroniczny obieg zamówień i umów",
                        "en": "Electronic procurement and contract workflow",
                    },
                    "description": {
                        "pl": "Wszystkie postępowania i umowy prowadzone w jednym systemie z "
                        "pełną ścieżką akceptacji.",
                        "en": "All tenders and contracts handled in a single system with a "
                        "complete approval trail.",
                    },
                    "owner_unit": "PL-WSS-ZP",
                    "priority": "P2",
                    "initiatives": [
                        {
                            "code": "I-ZAMOW-1",
                            "title": {
                                "pl": "Wdrożenie elektronicznego rejestru umów i planu zamówień",
                                "en": "Electronic contract register and procurement plan",
                            },
                            "description": {
                                "pl": "Wdrożenie modułu planowania zamówień, rejestru umów i "
                                "kontroli ich realizacji, zintegrowanego z systemem "
                                "finansowo-księgowym.",
                                "en": "Rolling out a module for procurement planning, contract "
                                "registration and monitoring, integrated with the finance and "
                                "accounting system.",
                            },
                            "owner_unit": "PL-WSS-ZP",
                            "start": "2024-05-01",
                            "end": "2025-06-30",
                            "status": "completed",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "pl": "Licencje i wdrożenie",
                                        "en": "Licences and implementation",
                                    },
                                    "planned": "185000.00",
                                    "spent": "179400.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Szkolenia użytkowników",
                                        "en": "User training",
                                    },
                                    "planned": "15000.00",
                                    "spent": "12600.00",
                                    "currency": "PLN",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "pl": "Analiza przedwdrożeniowa",
                                        "en": "Pre-implementation analysis",
                                    },
                                    "due": "2024-07-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Uruchomienie produkcyjne systemu",
                                        "en": "System go-live",
                                    },
                                    "due": "2025-03-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Migracja umów archiwalnych",
                                        "en": "Migration of archived contracts",
                                    },
                                    "due": "2025-06-30",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "pl": "Elektroniczny rejestr umów",
                                        "en": "Electronic contract register",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-ZAMOW-2",
                    "title": {
                        "pl": "Zakupy grupowe i zielone zamówienia",
                        "en": "Joint purchasing and green procurement",
                    },
                    "description": {
                        "pl": "Wspólne przetargi z innymi szpitalami wojewódzkimi na leki, energię "
                        "i materiały opatrunkowe oraz stosowanie kryteriów środowiskowych.",
                        "en": "Joint tenders with other provincial hospitals for medicines, "
                        "energy and dressings, and the use of environmental criteria.",
                    },
                    "owner_unit": "PL-WSS-APT",
                    "priority": "P4",
                    "initiatives": [],
                },
            ],
        },
        # ------------------------------------------------------------------ premises
        {
            "code": "PR-INFRA",
            "title": {
                "pl": "Program inwestycji i modernizacji infrastruktury",
                "en": "Infrastructure investment and modernisation programme",
            },
            "description": {
                "pl": "Modernizacja budynków szpitala, dostosowanie ich do wymogów prawa oraz "
                "poprawa efektywności energetycznej.",
                "en": "Modernising hospital buildings, bringing them into line with legal "
                "requirements and improving energy efficiency.",
            },
            "owner_unit": "PL-WSS-TECH",
            "objectives": [
                {
                    "code": "O-INFRA-1",
                    "title": {
                        "pl": "Nowy budynek Szpitalnego Oddziału Ratunkowego",
                        "en": "New Emergency Department building",
                    },
                    "description": {
                        "pl": "Skrócenie czasu oczekiwania i poprawa warunków przyjęć dzięki "
                        "nowemu budynkowi SOR z lądowiskiem dla śmigłowców.",
                        "en": "Shorter waiting times and better admission conditions thanks to a "
                        "new ED building with a helipad.",
                    },
                    "owner_unit": "PL-WSS-SOR",
                    "priority": "P4",
                    "initiatives": [
                        {
                            "code": "I-INFRA-1",
                            "title": {
                                "pl": "Budowa budynku SOR z lądowiskiem na dachu",
                                "en": "Construction of the ED building with a rooftop helipad",
                            },
                            "description": {
                                "pl": "Budowa trzykondygnacyjnego budynku SOR z obszarem "
                                "segregacji medycznej, salą resuscytacyjną na trzy stanowiska i "
                                "lądowiskiem na dachu.",
                                "en": "Construction of a three-storey ED building with a triage "
                                "area, a three-bay resuscitation room and a rooftop helipad.",
                            },
                            "owner_unit": "PL-WSS-TECH",
                            "start": "2025-03-01",
                            "end": "2027-09-30",
                            "status": "in_progress",
                            "funding": [
                                {
                                    "programme_name": {
                                        "pl": "Dotacja celowa na inwestycje w systemie "
                                        "Państwowego Ratownictwa Medycznego",
                                        "en": "Targeted grant for investments in the State "
                                        "Emergency Medical Services system",
                                    },
                                    "funder": {
                                        "pl": "Ministerstwo Zdrowia",
                                        "en": "Ministry of Health",
                                    },
                                    "amount": "18500000.00",
                                    "currency": "PLN",
                                },
                                {
                                    "programme_name": {
                                        "pl": "Budżet Województwa – dotacja inwestycyjna",
                                        "en": "Provincial budget – investment grant",
                                    },
                                    "funder": {
                                        "pl": "Samorząd Województwa",
                                        "en": "Provincial Government",
                                    },
                                    "amount": "6200000.00",
                                    "currency": "PLN",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "pl": "Roboty budowlane",
                                        "en": "Construction works",
                                    },
                                    "planned": "21400000.00",
                                    "spent": "9870000.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Wyposażenie medyczne",
                                        "en": "Medical equipment",
                                    },
                                    "planned": "2600000.00",
                                    "spent": "0.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Dokumentacja projektowa i nadzór inwestorski",
                                        "en": "Design documentation and site supervision",
                                    },
                                    "planned": "700000.00",
                                    "spent": "512000.00",
                                    "currency": "PLN",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "pl": "Ostateczne pozwolenie na budowę",
                                        "en": "Final building permit",
                                    },
                                    "due": "2025-03-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Stan surowy zamknięty",
                                        "en": "Building shell closed",
                                    },
                                    "due": "2026-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Instalacje wewnętrzne i konstrukcja lądowiska",
                                        "en": "Internal installations and helipad structure",
                                    },
                                    "due": "2026-10-31",
                                    "status": "late",
                                },
                                {
                                    "title": {
                                        "pl": "Odbiór techniczny i pozwolenie na użytkowanie",
                                        "en": "Technical acceptance and occupancy permit",
                                    },
                                    "due": "2027-06-30",
                                    "status": "planned",
                                },
                                {
                                    "title": {
                                        "pl": "Przeniesienie SOR do nowego budynku",
                                        "en": "ED moves into the new building",
                                    },
                                    "due": "2027-09-30",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "pl": "Budynek SOR oddany do użytkowania",
                                        "en": "ED building in use",
                                    },
                                    "status": "in_progress",
                                },
                                {
                                    "title": {
                                        "pl": "Wpis lądowiska do ewidencji lądowisk",
                                        "en": "Helipad entered in the official register",
                                    },
                                    "status": "planned",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-INFRA-2",
                    "title": {
                        "pl": "Poprawa efektywności energetycznej",
                        "en": "Improving energy efficiency",
                    },
                    "description": {
                        "pl": "Ograniczenie zużycia energii cieplnej o 30% w modernizowanych "
                        "budynkach.",
                        "en": "Reduce heat consumption by 30% in the modernised buildings.",
                    },
                    "owner_unit": "PL-WSS-TECH",
                    "priority": "P4",
                    "initiatives": [
                        {
                            "code": "I-INFRA-2",
                            "title": {
                                "pl": "Termomodernizacja budynków A i C z instalacją "
                                "fotowoltaiczną",
                                "en": "Thermal modernisation of buildings A and C with a "
                                "photovoltaic system",
                            },
                            "description": {
                                "pl": "Docieplenie ścian i stropodachów, wymiana stolarki "
                                "okiennej, modernizacja węzła cieplnego oraz montaż instalacji "
                                "fotowoltaicznej o mocy 400 kWp.",
                                "en": "Insulating walls and flat roofs, replacing windows, "
                                "upgrading the heat substation and installing a 400 kWp "
                                "photovoltaic system.",
                            },
                            "owner_unit": "PL-WSS-TECH",
                            "start": "2025-05-01",
                            "end": "2026-12-31",
                            "status": "in_progress",
                            "funding": [
                                {
                                    "programme_name": {
                                        "pl": "Fundusze Europejskie na Infrastrukturę, Klimat, "
                                        "Środowisko 2021–2027",
                                        "en": "European Funds for Infrastructure, Climate and "
                                        "Environment 2021–2027",
                                    },
                                    "funder": {
                                        "pl": "Narodowy Fundusz Ochrony Środowiska i Gospodarki "
                                        "Wodnej",
                                        "en": "National Fund for Environmental Protection and "
                                        "Water Management",
                                    },
                                    "amount": "5400000.00",
                                    "currency": "PLN",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "pl": "Roboty termomodernizacyjne",
                                        "en": "Thermal modernisation works",
                                    },
                                    "planned": "5100000.00",
                                    "spent": "4620000.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Instalacja fotowoltaiczna",
                                        "en": "Photovoltaic system",
                                    },
                                    "planned": "1250000.00",
                                    "spent": "1180000.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Audyt energetyczny i nadzór",
                                        "en": "Energy audit and supervision",
                                    },
                                    "planned": "150000.00",
                                    "spent": "131000.00",
                                    "currency": "PLN",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "pl": "Audyt energetyczny budynków",
                                        "en": "Energy audit of the buildings",
                                    },
                                    "due": "2025-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Zakończenie prac w budynku A",
                                        "en": "Works completed in building A",
                                    },
                                    "due": "2025-11-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Zakończenie prac w budynku C",
                                        "en": "Works completed in building C",
                                    },
                                    "due": "2026-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Przyłączenie instalacji fotowoltaicznej do sieci",
                                        "en": "Photovoltaic system connected to the grid",
                                    },
                                    "due": "2026-10-31",
                                    "status": "late",
                                },
                                {
                                    "title": {
                                        "pl": "Rozliczenie projektu",
                                        "en": "Final project settlement",
                                    },
                                    "due": "2026-12-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "pl": "Docieplone budynki A i C",
                                        "en": "Insulated buildings A and C",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "pl": "Instalacja fotowoltaiczna 400 kWp",
                                        "en": "400 kWp photovoltaic system",
                                    },
                                    "status": "in_progress",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ digital & cyber
        {
            "code": "PR-CYFRA",
            "title": {
                "pl": "Program transformacji cyfrowej i cyberbezpieczeństwa",
                "en": "Digital transformation and cybersecurity programme",
            },
            "description": {
                "pl": "Elektroniczna dokumentacja medyczna, nowoczesna infrastruktura IT i ochrona "
                "danych pacjentów przed cyberzagrożeniami.",
                "en": "Electronic medical records, modern IT infrastructure and protection of "
                "patient data against cyber threats.",
            },
            "owner_unit": "PL-WSS-DI",
            "objectives": [
                {
                    "code": "O-CYFRA-1",
                    "title": {
                        "pl": "Cyfrowy i cyberbezpieczny szpital",
                        "en": "A digital and cyber-secure hospital",
                    },
                    "description": {
                        "pl": "Odejście od papierowej dokumentacji medycznej, modernizacja sieci i "
                        "serwerów oraz całodobowe monitorowanie bezpieczeństwa systemów.",
                        "en": "Moving away from paper medical records, upgrading the network and "
                        "servers, and monitoring system security around the clock.",
                    },
                    "owner_unit": "PL-WSS-DI",
                    "priority": "P2",
                    "initiatives": [
                        {
                            "code": "I-CYFRA-1",
                            "title": {
                                "pl": "Projekt KPO „e-Szpital Stawnica” – transformacja cyfrowa "
                                "i cyberbezpieczeństwo",
                                "en": "NRP project 'e-Hospital Stawnica' – digital "
                                "transformation and cybersecurity",
                            },
                            "description": {
                                "pl": "Rozbudowa i integracja systemu HIS, digitalizacja "
                                "dokumentacji medycznej, uruchomienie centrum monitorowania "
                                "bezpieczeństwa, pilotaż narzędzi AI oraz podłączenie do "
                                "centralnego repozytorium danych medycznych.",
                                "en": "Extending and integrating the HIS, digitising medical "
                                "records, launching a security operations centre, piloting AI "
                                "tools and connecting to the central medical-data repository.",
                            },
                            "owner_unit": "PL-WSS-DI",
                            "start": "2024-09-01",
                            "end": "2026-12-31",
                            "status": "in_progress",
                            "funding": [
                                {
                                    "programme_name": {
                                        "pl": "Krajowy Plan Odbudowy i Zwiększania Odporności – "
                                        "komponent D „Efektywność, dostępność i jakość systemu "
                                        "ochrony zdrowia”",
                                        "en": "National Recovery and Resilience Plan – component "
                                        "D 'Effectiveness, accessibility and quality of the "
                                        "health system'",
                                    },
                                    "funder": {
                                        "pl": "Ministerstwo Zdrowia",
                                        "en": "Ministry of Health",
                                    },
                                    "amount": "8870000.00",
                                    "currency": "PLN",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "pl": "Infrastruktura sieciowa, serwery i komputery",
                                        "en": "Network infrastructure, servers and computers",
                                    },
                                    "planned": "3450000.00",
                                    "spent": "3412000.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Oprogramowanie i licencje (HIS, EDM)",
                                        "en": "Software and licences (HIS, EMR)",
                                    },
                                    "planned": "2600000.00",
                                    "spent": "2385000.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Usługi cyberbezpieczeństwa (SOC)",
                                        "en": "Cybersecurity services (SOC)",
                                    },
                                    "planned": "1720000.00",
                                    "spent": "1290000.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Digitalizacja dokumentacji i pilotaż AI",
                                        "en": "Records digitisation and AI pilot",
                                    },
                                    "planned": "1100000.00",
                                    "spent": "640000.00",
                                    "currency": "PLN",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "pl": "Rozbudowa sieci LAN/Wi-Fi i wymiana serwerów",
                                        "en": "LAN/Wi-Fi expansion and server replacement",
                                    },
                                    "due": "2025-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Digitalizacja archiwalnej dokumentacji medycznej "
                                        "(EDM)",
                                        "en": "Digitisation of archived medical records (EMR)",
                                    },
                                    "due": "2025-12-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Uruchomienie centrum operacji bezpieczeństwa "
                                        "(SOC) w trybie 24/7",
                                        "en": "Launch of a 24/7 security operations centre (SOC)",
                                    },
                                    "due": "2026-03-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Pilotaż AI wspomagającego opisy zdjęć RTG klatki "
                                        "piersiowej",
                                        "en": "Pilot of AI-assisted chest X-ray reporting",
                                    },
                                    "due": "2026-05-31",
                                    "status": "late",
                                },
                                {
                                    "title": {
                                        "pl": "Podłączenie do centralnego repozytorium danych "
                                        "medycznych",
                                        "en": "Connection to the central medical-data repository",
                                    },
                                    "due": "2026-06-30",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "pl": "Zmodernizowana infrastruktura sieciowa i serwerowa",
                                        "en": "Upgraded network and server infrastructure",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "pl": "Zdigitalizowane archiwum dokumentacji medycznej",
                                        "en": "Digitised medical-records archive",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "pl": "Raport z pilotażu AI w diagnostyce obrazowej",
                                        "en": "Report on the AI pilot in diagnostic imaging",
                                    },
                                    "status": "in_progress",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-CYFRA-2",
                    "title": {"pl": "E-usługi dla pacjentów", "en": "E-services for patients"},
                    "description": {
                        "pl": "Umożliwienie pacjentom rejestracji online, dostępu do wyników "
                        "badań i otrzymywania przypomnień SMS.",
                        "en": "Enabling patients to book appointments online, access test "
                        "results and receive SMS reminders.",
                    },
                    "owner_unit": "PL-WSS-DI",
                    "priority": "P2",
                    "initiatives": [
                        {
                            "code": "I-CYFRA-2",
                            "title": {
                                "pl": "Portal pacjenta z e-rejestracją do poradni",
                                "en": "Patient portal with online booking for outpatient clinics",
                            },
                            "description": {
                                "pl": "Udostępnienie portalu i aplikacji mobilnej do rejestracji i "
                                "odwoływania wizyt oraz pobierania wyników badań "
                                "laboratoryjnych.",
                                "en": "Launching a portal and mobile app for booking and "
                                "cancelling appointments and downloading laboratory results.",
                            },
                            "owner_unit": "PL-WSS-AOS",
                            "start": "2027-01-01",
                            "end": "2027-12-31",
                            "status": "planned",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "pl": "Licencje i wdrożenie portalu",
                                        "en": "Portal licences and implementation",
                                    },
                                    "planned": "420000.00",
                                    "spent": "0.00",
                                    "currency": "PLN",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "pl": "Specyfikacja wymagań",
                                        "en": "Requirements specification",
                                    },
                                    "due": "2027-03-31",
                                    "status": "planned",
                                },
                                {
                                    "title": {
                                        "pl": "Pilotaż w poradni kardiologicznej",
                                        "en": "Pilot in the cardiology outpatient clinic",
                                    },
                                    "due": "2027-09-30",
                                    "status": "planned",
                                },
                                {
                                    "title": {
                                        "pl": "Udostępnienie portalu wszystkim poradniom",
                                        "en": "Portal available in all outpatient clinics",
                                    },
                                    "due": "2027-12-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {"pl": "Portal pacjenta", "en": "Patient portal"},
                                    "status": "planned",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ quality & safety
        {
            "code": "PR-JAKOSC",
            "title": {
                "pl": "Program jakości i bezpieczeństwa pacjenta",
                "en": "Quality and patient safety programme",
            },
            "description": {
                "pl": "Kompleksowe zarządzanie jakością, akredytacja oraz systemowe uczenie się "
                "na zdarzeniach niepożądanych.",
                "en": "Comprehensive quality management, accreditation and system-wide learning "
                "from adverse events.",
            },
            "owner_unit": "PL-WSS-DJ",
            "objectives": [
                {
                    "code": "O-JAKOSC-1",
                    "title": {
                        "pl": "Utrzymanie akredytacji szpitala",
                        "en": "Maintaining hospital accreditation",
                    },
                    "description": {
                        "pl": "Uzyskanie ponownej akredytacji Centrum Monitorowania Jakości w "
                        "Ochronie Zdrowia w 2027 roku.",
                        "en": "Obtaining re-accreditation from the Centre for Quality Monitoring "
                        "in Health Care in 2027.",
                    },
                    "owner_unit": "PL-WSS-DJ",
                    "priority": "P1",
                    "initiatives": [
                        {
                            "code": "I-JAKOSC-1",
                            "title": {
                                "pl": "Przygotowanie do przeglądu akredytacyjnego",
                                "en": "Preparation for the accreditation survey",
                            },
                            "description": {
                                "pl": "Samoocena według standardów akredytacyjnych, aktualizacja "
                                "procedur i audyty wewnętrzne na wszystkich oddziałach.",
                                "en": "Self-assessment against accreditation standards, updating "
                                "procedures and internal audits in all departments.",
                            },
                            "owner_unit": "PL-WSS-DJ",
                            "start": "2025-09-01",
                            "end": "2027-06-30",
                            "status": "in_progress",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "pl": "Audyty wewnętrzne i szkolenia",
                                        "en": "Internal audits and training",
                                    },
                                    "planned": "140000.00",
                                    "spent": "52000.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Opłata za przegląd akredytacyjny",
                                        "en": "Accreditation survey fee",
                                    },
                                    "planned": "65000.00",
                                    "spent": "0.00",
                                    "currency": "PLN",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "pl": "Samoocena wszystkich oddziałów",
                                        "en": "Self-assessment of all departments",
                                    },
                                    "due": "2026-03-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Aktualizacja procedur szpitalnych",
                                        "en": "Hospital procedures updated",
                                    },
                                    "due": "2026-09-30",
                                    "status": "late",
                                },
                                {
                                    "title": {
                                        "pl": "Audyt próbny z udziałem zewnętrznych wizytatorów",
                                        "en": "Mock survey with external surveyors",
                                    },
                                    "due": "2027-02-28",
                                    "status": "planned",
                                },
                                {
                                    "title": {
                                        "pl": "Przegląd akredytacyjny",
                                        "en": "Accreditation survey",
                                    },
                                    "due": "2027-05-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "pl": "Raport z samooceny",
                                        "en": "Self-assessment report",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "pl": "Zaktualizowany zbiór procedur szpitalnych",
                                        "en": "Updated set of hospital procedures",
                                    },
                                    "status": "in_progress",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-JAKOSC-2",
                    "title": {
                        "pl": "Uczenie się na zdarzeniach niepożądanych",
                        "en": "Learning from adverse events",
                    },
                    "description": {
                        "pl": "Więcej zgłoszeń zdarzeń niepożądanych i sytuacji potencjalnie "
                        "niebezpiecznych przy jednoczesnym spadku liczby zdarzeń ze szkodą dla "
                        "pacjenta.",
                        "en": "More reports of adverse events and near misses, together with "
                        "fewer events that cause patient harm.",
                    },
                    "owner_unit": "PL-WSS-DJ",
                    "priority": "P1",
                    "initiatives": [
                        {
                            "code": "I-JAKOSC-2",
                            "title": {
                                "pl": "Elektroniczny system zgłaszania zdarzeń niepożądanych",
                                "en": "Electronic adverse-event reporting system",
                            },
                            "description": {
                                "pl": "Anonimowy formularz zgłoszeń w intranecie, analiza "
                                "przyczyn źródłowych i comiesięczna informacja zwrotna dla "
                                "oddziałów.",
                                "en": "An anonymous intranet reporting form, root-cause analysis "
                                "and monthly feedback to departments.",
                            },
                            "owner_unit": "PL-WSS-DJ",
                            "start": "2024-04-01",
                            "end": "2025-03-31",
                            "status": "completed",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {"pl": "Oprogramowanie", "en": "Software"},
                                    "planned": "48000.00",
                                    "spent": "46500.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Szkolenia z analizy przyczyn źródłowych",
                                        "en": "Root-cause analysis training",
                                    },
                                    "planned": "22000.00",
                                    "spent": "21800.00",
                                    "currency": "PLN",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "pl": "Uruchomienie formularza zgłoszeń",
                                        "en": "Reporting form launched",
                                    },
                                    "due": "2024-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Przeszkolenie koordynatorów oddziałowych",
                                        "en": "Departmental coordinators trained",
                                    },
                                    "due": "2024-12-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Pierwszy roczny raport o zdarzeniach niepożądanych",
                                        "en": "First annual adverse-event report",
                                    },
                                    "due": "2025-03-31",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "pl": "System zgłoszeń w intranecie",
                                        "en": "Intranet reporting system",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "pl": "Procedura analizy zdarzeń niepożądanych",
                                        "en": "Adverse-event analysis procedure",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-JAKOSC-3",
                    "title": {
                        "pl": "Ograniczenie zakażeń szpitalnych",
                        "en": "Reducing healthcare-associated infections",
                    },
                    "description": {
                        "pl": "Spadek wskaźnika zakażeń miejsca operowanego o 20% do 2028 roku.",
                        "en": "A 20% reduction in the surgical site infection rate by 2028.",
                    },
                    "owner_unit": "PL-WSS-BLOK",
                    "priority": "P1",
                    "initiatives": [],
                },
            ],
        },
        # ------------------------------------------------------------------ long-term care
        {
            "code": "PR-SENIOR",
            "title": {
                "pl": "Program opieki długoterminowej i geriatrycznej",
                "en": "Long-term and geriatric care programme",
            },
            "description": {
                "pl": "Zwiększenie dostępności i jakości opieki nad osobami starszymi, przewlekle "
                "chorymi i niesamodzielnymi.",
                "en": "Improving access to and quality of care for older, chronically ill and "
                "dependent people.",
            },
            "owner_unit": "PL-WSS-GER",
            "objectives": [
                {
                    "code": "O-SENIOR-1",
                    "title": {
                        "pl": "Większy potencjał opieki długoterminowej",
                        "en": "Greater long-term care capacity",
                    },
                    "description": {
                        "pl": "Zwiększenie liczby łóżek w Zakładzie Opiekuńczo-Leczniczym z 35 do "
                        "75 oraz uruchomienie dziennego domu opieki medycznej.",
                        "en": "Increase the number of beds in the Long-Term Residential Care Unit "
                        "from 35 to 75 and open a medical day care centre.",
                    },
                    "owner_unit": "PL-WSS-ZOL",
                    "priority": "P5",
                    "initiatives": [
                        {
                            "code": "I-SENIOR-1",
                            "title": {
                                "pl": "Rozbudowa Zakładu Opiekuńczo-Leczniczego i utworzenie "
                                "Dziennego Domu Opieki Medycznej",
                                "en": "Expansion of the Long-Term Residential Care Unit and "
                                "creation of a Medical Day Care Centre",
                            },
                            "description": {
                                "pl": "Przebudowa budynku B na 40 dodatkowych łóżek opieki "
                                "długoterminowej, zakup wyposażenia i utworzenie dziennego domu "
                                "opieki medycznej dla 20 pacjentów.",
                                "en": "Converting building B to provide 40 additional long-term "
                                "care beds, purchasing equipment and setting up a medical day "
                                "care centre for 20 patients.",
                            },
                            "owner_unit": "PL-WSS-ZOL",
                            "start": "2024-07-01",
                            "end": "2026-12-31",
                            "status": "in_progress",
                            "funding": [
                                {
                                    "programme_name": {
                                        "pl": "Krajowy Plan Odbudowy i Zwiększania Odporności – "
                                        "rozwój opieki długoterminowej",
                                        "en": "National Recovery and Resilience Plan – "
                                        "development of long-term care",
                                    },
                                    "funder": {
                                        "pl": "Ministerstwo Zdrowia",
                                        "en": "Ministry of Health",
                                    },
                                    "amount": "14650000.00",
                                    "currency": "PLN",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "pl": "Roboty budowlane w budynku B",
                                        "en": "Construction works in building B",
                                    },
                                    "planned": "9800000.00",
                                    "spent": "9420000.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Wyposażenie medyczne i rehabilitacyjne",
                                        "en": "Medical and rehabilitation equipment",
                                    },
                                    "planned": "3900000.00",
                                    "spent": "2760000.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Szkolenia personelu opiekuńczego",
                                        "en": "Training of care staff",
                                    },
                                    "planned": "350000.00",
                                    "spent": "210000.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Zarządzanie projektem",
                                        "en": "Project management",
                                    },
                                    "planned": "600000.00",
                                    "spent": "455000.00",
                                    "currency": "PLN",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "pl": "Zakończenie przebudowy budynku B",
                                        "en": "Building B conversion completed",
                                    },
                                    "due": "2025-11-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Dostawa i montaż wyposażenia",
                                        "en": "Equipment delivered and installed",
                                    },
                                    "due": "2026-04-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Uruchomienie 40 nowych łóżek ZOL",
                                        "en": "40 new long-term care beds opened",
                                    },
                                    "due": "2026-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Otwarcie Dziennego Domu Opieki Medycznej",
                                        "en": "Medical Day Care Centre opened",
                                    },
                                    "due": "2026-09-30",
                                    "status": "late",
                                },
                                {
                                    "title": {
                                        "pl": "Rozliczenie końcowe projektu",
                                        "en": "Final project settlement",
                                    },
                                    "due": "2026-12-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "pl": "40 nowych łóżek opieki długoterminowej",
                                        "en": "40 new long-term care beds",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "pl": "Dzienny Dom Opieki Medycznej dla 20 pacjentów",
                                        "en": "Medical Day Care Centre for 20 patients",
                                    },
                                    "status": "in_progress",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-SENIOR-2",
                    "title": {
                        "pl": "Koordynowana opieka geriatryczna",
                        "en": "Coordinated geriatric care",
                    },
                    "description": {
                        "pl": "Całościowa ocena geriatryczna u wszystkich pacjentów powyżej 75. "
                        "roku życia przyjmowanych na oddziały zachowawcze i zabiegowe.",
                        "en": "Comprehensive geriatric assessment for all patients over 75 "
                        "admitted to medical and surgical departments.",
                    },
                    "owner_unit": "PL-WSS-GER",
                    "priority": "P5",
                    "initiatives": [
                        {
                            "code": "I-SENIOR-2",
                            "title": {
                                "pl": "Konsultacyjny zespół geriatryczny",
                                "en": "Geriatric consultation team",
                            },
                            "description": {
                                "pl": "Interdyscyplinarny zespół (geriatra, pielęgniarka, "
                                "fizjoterapeuta, farmaceuta kliniczny) konsultuje seniorów na SOR "
                                "i oddziałach zabiegowych, w tym dokonuje przeglądu "
                                "farmakoterapii.",
                                "en": "An interdisciplinary team (geriatrician, nurse, "
                                "physiotherapist, clinical pharmacist) sees older patients in the "
                                "ED and surgical departments, including a medication review.",
                            },
                            "owner_unit": "PL-WSS-GER",
                            "start": "2026-01-01",
                            "end": "2027-12-31",
                            "status": "in_progress",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "pl": "Wynagrodzenia zespołu",
                                        "en": "Team salaries",
                                    },
                                    "planned": "1100000.00",
                                    "spent": "460000.00",
                                    "currency": "PLN",
                                },
                                {
                                    "category": {
                                        "pl": "Szkolenia z całościowej oceny geriatrycznej",
                                        "en": "Comprehensive geriatric assessment training",
                                    },
                                    "planned": "40000.00",
                                    "spent": "28000.00",
                                    "currency": "PLN",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "pl": "Powołanie zespołu konsultacyjnego",
                                        "en": "Consultation team established",
                                    },
                                    "due": "2026-02-28",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Wdrożenie skali ryzyka upadków na SOR",
                                        "en": "Falls-risk scale introduced in the ED",
                                    },
                                    "due": "2026-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Przegląd farmakoterapii u 80% konsultowanych "
                                        "pacjentów",
                                        "en": "Medication review for 80% of patients seen",
                                    },
                                    "due": "2026-12-31",
                                    "status": "in_progress",
                                },
                                {
                                    "title": {
                                        "pl": "Raport z pierwszego roku działalności zespołu",
                                        "en": "Report on the team's first year",
                                    },
                                    "due": "2027-03-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "pl": "Standard konsultacji geriatrycznej",
                                        "en": "Geriatric consultation standard",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "pl": "Raport roczny zespołu",
                                        "en": "Annual team report",
                                    },
                                    "status": "planned",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ communications
        {
            "code": "PR-KOMUN",
            "title": {"pl": "Program komunikacji", "en": "Communications programme"},
            "description": {
                "pl": "Czytelna informacja dla pacjentów i spójna komunikacja wewnętrzna, "
                "budująca zaufanie do szpitala.",
                "en": "Clear information for patients and consistent internal communication "
                "that builds trust in the hospital.",
            },
            "owner_unit": "PL-WSS-KOM",
            "objectives": [
                {
                    "code": "O-KOMUN-1",
                    "title": {
                        "pl": "Przejrzysta informacja dla pacjentów",
                        "en": "Clear information for patients",
                    },
                    "description": {
                        "pl": "Aktualne informacje o czasie oczekiwania na SOR i w poradniach "
                        "dostępne na stronie internetowej i w budynkach szpitala.",
                        "en": "Up-to-date information on ED and outpatient waiting times "
                        "available on the website and in hospital buildings.",
                    },
                    "owner_unit": "PL-WSS-KOM",
                    "priority": "P1",
                    "initiatives": [
                        {
                            "code": "I-KOMUN-1",
                            "title": {
                                "pl": "Nowa strona internetowa zgodna ze standardem dostępności "
                                "WCAG 2.1",
                                "en": "New website compliant with the WCAG 2.1 accessibility "
                                "standard",
                            },
                            "description": {
                                "pl": "Przebudowa serwisu internetowego z wyszukiwarką lekarzy i "
                                "poradni oraz informacją o czasie oczekiwania na SOR.",
                                "en": "Rebuilding the website with a doctor and clinic finder "
                                "and information on ED waiting times.",
                            },
                            "owner_unit": "PL-WSS-KOM",
                            "start": "2025-02-01",
                            "end": "2025-11-30",
                            "status": "completed",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "pl": "Projekt i wdrożenie serwisu",
                                        "en": "Website design and implementation",
                                    },
                                    "planned": "95000.00",
                                    "spent": "91300.00",
                                    "currency": "PLN",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "pl": "Audyt dostępności obecnej strony",
                                        "en": "Accessibility audit of the current website",
                                    },
                                    "due": "2025-03-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "pl": "Publikacja nowej strony",
                                        "en": "New website published",
                                    },
                                    "due": "2025-10-31",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "pl": "Nowy serwis internetowy szpitala",
                                        "en": "New hospital website",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "pl": "Deklaracja dostępności",
                                        "en": "Accessibility statement",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-KOMUN-2",
                    "title": {
                        "pl": "Skuteczna komunikacja wewnętrzna",
                        "en": "Effective internal communication",
                    },
                    "description": {
                        "pl": "Pracownicy regularnie otrzymują informacje o postępach realizacji "
                        "strategii i projektów.",
                        "en": "Staff regularly receive updates on the progress of the strategy "
                        "and projects.",
                    },
                    "owner_unit": "PL-WSS-KOM",
                    "priority": "P3",
                    "initiatives": [],
                },
            ],
        },
    ],
}
