"""Fictional demo content: a Finnish wellbeing services county (hyvinvointialue).

Järvilaakso, its municipalities and every project below are invented for
demonstration purposes.
"""

ORGANISATION = {
    "code": "FI-JVL",
    "kind": "county",
    "language": "fi",
    "time_zone": "Europe/Helsinki",
    "name": {
        "fi": "Järvilaakson hyvinvointialue",
        "en": "Järvilaakso Wellbeing Services County",
    },
    "children": [
        {
            "code": "FI-JVL-KS",
            "kind": "hospital",
            "name": {"fi": "Järvilaakson keskussairaala", "en": "Järvilaakso Central Hospital"},
            "children": [
                {
                    "code": "FI-JVL-KS-YPAI",
                    "kind": "department",
                    "name": {"fi": "Yhteispäivystys", "en": "Joint Emergency Department"},
                    "children": [],
                },
                {
                    "code": "FI-JVL-KS-SIS",
                    "kind": "department",
                    "name": {"fi": "Sisätautien klinikka", "en": "Internal Medicine Clinic"},
                    "children": [],
                },
                {
                    "code": "FI-JVL-KS-KIR",
                    "kind": "department",
                    "name": {"fi": "Kirurgian klinikka", "en": "Surgical Clinic"},
                    "children": [],
                },
                {
                    "code": "FI-JVL-KS-NAIS",
                    "kind": "department",
                    "name": {
                        "fi": "Naistentautien ja synnytysten klinikka",
                        "en": "Obstetrics and Gynaecology Clinic",
                    },
                    "children": [
                        {
                            "code": "FI-JVL-KS-NAIS-SYN",
                            "kind": "ward",
                            "name": {"fi": "Synnytysosasto", "en": "Maternity Ward"},
                            "children": [],
                        },
                    ],
                },
                {
                    "code": "FI-JVL-KS-LAST",
                    "kind": "department",
                    "name": {"fi": "Lastentautien klinikka", "en": "Paediatric Clinic"},
                    "children": [],
                },
                {
                    "code": "FI-JVL-KS-PSY",
                    "kind": "department",
                    "name": {"fi": "Psykiatrian klinikka", "en": "Psychiatric Clinic"},
                    "children": [],
                },
                {
                    "code": "FI-JVL-KS-TEHO",
                    "kind": "department",
                    "name": {"fi": "Teho-osasto", "en": "Intensive Care Unit"},
                    "children": [],
                },
                {
                    "code": "FI-JVL-KS-KUVA",
                    "kind": "service",
                    "name": {"fi": "Kuvantamiskeskus", "en": "Imaging Centre"},
                    "children": [],
                },
            ],
        },
        {
            "code": "FI-JVL-TA-HARJ",
            "kind": "health_centre",
            "name": {"fi": "Harjulan terveysasema", "en": "Harjula Health Centre"},
            "children": [],
        },
        {
            "code": "FI-JVL-TA-KOIV",
            "kind": "health_centre",
            "name": {"fi": "Koivurannan terveysasema", "en": "Koivuranta Health Centre"},
            "children": [],
        },
        {
            "code": "FI-JVL-TA-SAAR",
            "kind": "health_centre",
            "name": {"fi": "Saarikosken terveysasema", "en": "Saarikoski Health Centre"},
            "children": [],
        },
        {
            "code": "FI-JVL-TA-LEHT",
            "kind": "health_centre",
            "name": {"fi": "Lehtovaaran terveysasema", "en": "Lehtovaara Health Centre"},
            "children": [],
        },
        {
            "code": "FI-JVL-TA-MYLL",
            "kind": "health_centre",
            "name": {"fi": "Myllykylän terveysasema", "en": "Myllykylä Health Centre"},
            "children": [],
        },
        {
            "code": "FI-JVL-PEL",
            "kind": "rescue_service",
            "name": {"fi": "Järvilaakson pelastuslaitos", "en": "Järvilaakso Rescue Department"},
            "children": [
                {
                    "code": "FI-JVL-PEL-ENSI",
                    "kind": "service",
                    "name": {"fi": "Ensihoitopalvelu", "en": "Emergency Medical Services"},
                    "children": [],
                },
                {
                    "code": "FI-JVL-PEL-VALV",
                    "kind": "service",
                    "name": {
                        "fi": "Valvonta ja onnettomuuksien ehkäisy",
                        "en": "Fire Safety Inspections and Accident Prevention",
                    },
                    "children": [],
                },
            ],
        },
        {
            "code": "FI-JVL-IKA",
            "kind": "service",
            "name": {"fi": "Ikääntyneiden palvelut", "en": "Services for Older People"},
            "children": [
                {
                    "code": "FI-JVL-IKA-KOTI",
                    "kind": "service",
                    "name": {"fi": "Kotihoito", "en": "Home Care"},
                    "children": [],
                },
                {
                    "code": "FI-JVL-IKA-YHT",
                    "kind": "service",
                    "name": {
                        "fi": "Ympärivuorokautinen palveluasuminen",
                        "en": "24-Hour Assisted Living",
                    },
                    "children": [],
                },
                {
                    "code": "FI-JVL-IKA-ASOH",
                    "kind": "service",
                    "name": {"fi": "Asiakasohjaus", "en": "Client Guidance"},
                    "children": [],
                },
            ],
        },
        {
            "code": "FI-JVL-HENK",
            "kind": "office",
            "name": {"fi": "Henkilöstöpalvelut", "en": "HR Services"},
            "children": [],
        },
        {
            "code": "FI-JVL-TILA",
            "kind": "office",
            "name": {"fi": "Tilapalvelut", "en": "Premises Services"},
            "children": [],
        },
        {
            "code": "FI-JVL-DIGI",
            "kind": "office",
            "name": {"fi": "Digipalvelut ja tietohallinto", "en": "Digital Services and ICT"},
            "children": [],
        },
        {
            "code": "FI-JVL-HANK",
            "kind": "office",
            "name": {"fi": "Hankintapalvelut", "en": "Procurement Services"},
            "children": [],
        },
        {
            "code": "FI-JVL-VIES",
            "kind": "office",
            "name": {"fi": "Viestintä ja osallisuus", "en": "Communications and Participation"},
            "children": [],
        },
        {
            "code": "FI-JVL-LAATU",
            "kind": "office",
            "name": {
                "fi": "Laatu- ja potilasturvallisuusyksikkö",
                "en": "Quality and Patient Safety Unit",
            },
            "children": [],
        },
    ],
}

STRATEGY = {
    "code": "STRAT-2023-2030",
    "title": {
        "fi": "Järvilaakson hyvinvointialuestrategia 2023–2030",
        "en": "Järvilaakso Wellbeing Services County Strategy 2023–2030",
    },
    "approving_body": {
        "fi": "Järvilaakson hyvinvointialueen aluevaltuusto",
        "en": "Järvilaakso County Council",
    },
    "decision_date": "2022-11-28",
    "valid_from": "2023-01-01",
    "valid_to": "2030-12-31",
    "mission": {
        "fi": "Turvaamme jokaiselle järvilaaksolaiselle avun oikeaan aikaan, terveyttä tukevan "
        "arjen ja turvallisen elinympäristön.",
        "en": "We ensure that everyone in Järvilaakso gets help at the right time, an everyday "
        "life that supports good health and a safe living environment.",
    },
    "vision": {
        "fi": "Vuonna 2030 Järvilaakso on hyvinvointialue, jonka palveluihin asukkaat luottavat "
        "ja jossa halutaan tehdä työtä.",
        "en": "In 2030 Järvilaakso is a wellbeing services county whose services residents "
        "trust and where people want to work.",
    },
    "values": [
        {
            "name": {"fi": "Ihmisläheisyys", "en": "Human-centredness"},
            "description": {
                "fi": "Kohtaamme asukkaat ja työkaverit kunnioittavasti ja kuunnellen.",
                "en": "We treat residents and colleagues with respect and take the time to listen.",
            },
        },
        {
            "name": {"fi": "Yhdenvertaisuus", "en": "Equality"},
            "description": {
                "fi": "Palvelut ovat saavutettavia asuinpaikasta, iästä ja taustasta riippumatta.",
                "en": "Services are accessible regardless of where people live, their age or "
                "their background.",
            },
        },
        {
            "name": {"fi": "Vastuullisuus", "en": "Responsibility"},
            "description": {
                "fi": "Käytämme yhteisiä varoja harkiten ja kestävästi.",
                "en": "We use common resources prudently and sustainably.",
            },
        },
        {
            "name": {"fi": "Luottamus", "en": "Trust"},
            "description": {
                "fi": "Toimimme avoimesti ja pidämme lupauksemme.",
                "en": "We act openly and keep our promises.",
            },
        },
        {
            "name": {"fi": "Uudistumiskyky", "en": "Capacity for renewal"},
            "description": {
                "fi": "Kokeilemme rohkeasti uusia toimintatapoja ja opimme kokemuksistamme.",
                "en": "We are bold in trying out new ways of working and we learn from experience.",
            },
        },
    ],
    "priorities": [
        {
            "code": "P1",
            "title": {
                "fi": "Ennaltaehkäisevät ja sujuvat palvelupolut",
                "en": "Preventive and seamless service pathways",
            },
            "description": {
                "fi": "Asukas saa avun yhdellä yhteydenotolla, ja palvelut ketjuuntuvat ilman "
                "katkoksia.",
                "en": "Residents get help with a single contact, and services link up without "
                "gaps.",
            },
        },
        {
            "code": "P2",
            "title": {
                "fi": "Vahvat lähipalvelut ja ympärivuorokautisesti päivystävä keskussairaala",
                "en": "Strong local services and a central hospital with 24/7 emergency care",
            },
            "description": {
                "fi": "Lähipalvelut turvataan koko alueella, ja keskussairaala päivystää ympäri "
                "vuorokauden.",
                "en": "Local services are secured across the county, and the central hospital "
                "provides round-the-clock emergency care.",
            },
        },
        {
            "code": "P3",
            "title": {
                "fi": "Riittävä, osaava ja sitoutunut henkilöstö",
                "en": "A sufficient, skilled and committed workforce",
            },
            "description": {
                "fi": "Henkilöstön saatavuus turvataan hyvällä johtamisella, joustavilla "
                "työaikamalleilla ja koulutuksella.",
                "en": "Staff availability is secured through good leadership, flexible "
                "working-time models and training.",
            },
        },
        {
            "code": "P4",
            "title": {
                "fi": "Talous tasapainoon vaikuttavilla ratkaisuilla",
                "en": "Balanced finances through effective solutions",
            },
            "description": {
                "fi": "Alijäämä katetaan lakisääteisessä määräajassa, ja voimavarat kohdennetaan "
                "vaikuttavimpiin palveluihin.",
                "en": "The deficit is covered within the statutory deadline, and resources are "
                "directed to the most effective services.",
            },
        },
        {
            "code": "P5",
            "title": {
                "fi": "Turvallinen arki ja varautuminen",
                "en": "Everyday safety and preparedness",
            },
            "description": {
                "fi": "Pelastustoimi ja ensihoito tavoittavat avun tarvitsijan nopeasti, ja alue "
                "on varautunut häiriötilanteisiin.",
                "en": "Rescue and emergency medical services reach people in need quickly, and "
                "the county is prepared for disruptions.",
            },
        },
    ],
    "success_factors": [
        {
            "code": "CSF1",
            "title": {"fi": "Tiedolla johtaminen", "en": "Knowledge-based management"},
            "description": {
                "fi": "Päätökset perustuvat ajantasaiseen tietoon palvelujen tarpeesta, laadusta "
                "ja kustannuksista.",
                "en": "Decisions are based on up-to-date data on service needs, quality and costs.",
            },
        },
        {
            "code": "CSF2",
            "title": {
                "fi": "Henkilöstön saatavuus ja pysyvyys",
                "en": "Staff availability and retention",
            },
            "description": {
                "fi": "Avoimet tehtävät saadaan täytettyä, ja henkilöstön vaihtuvuus pysyy "
                "maltillisena.",
                "en": "Vacancies get filled and staff turnover remains moderate.",
            },
        },
        {
            "code": "CSF3",
            "title": {
                "fi": "Yhteistyö kuntien ja järjestöjen kanssa",
                "en": "Cooperation with municipalities and NGOs",
            },
            "description": {
                "fi": "Hyvinvointia ja terveyttä edistetään yhdessä kuntien, järjestöjen ja "
                "seurakuntien kanssa.",
                "en": "Health and wellbeing are promoted together with municipalities, NGOs and "
                "parishes.",
            },
        },
        {
            "code": "CSF4",
            "title": {"fi": "Toimiva digitaalinen asiointi", "en": "Working digital services"},
            "description": {
                "fi": "Sähköiset palvelut ovat helppokäyttöisiä ja vapauttavat vastaanottoaikoja "
                "niitä eniten tarvitseville.",
                "en": "Digital services are easy to use and free up appointments for those who "
                "need them most.",
            },
        },
    ],
    "programmes": [
        # ------------------------------------------------------------------ personnel
        {
            "code": "PR-HENK",
            "title": {"fi": "Henkilöstöohjelma", "en": "Personnel programme"},
            "description": {
                "fi": "Henkilöstön saatavuuden, osaamisen ja työhyvinvoinnin vahvistaminen.",
                "en": "Strengthening staff availability, skills and wellbeing at work.",
            },
            "owner_unit": "FI-JVL-HENK",
            "objectives": [
                {
                    "code": "O-HENK-1",
                    "title": {
                        "fi": "Hoitohenkilöstön saatavuuden turvaaminen",
                        "en": "Securing the availability of nursing staff",
                    },
                    "description": {
                        "fi": "Sairaanhoitajien ja lähihoitajien avoimista tehtävistä täytetään "
                        "vähintään 95 % vuoteen 2027 mennessä.",
                        "en": "At least 95% of registered and practical nurse vacancies are "
                        "filled by 2027.",
                    },
                    "owner_unit": "FI-JVL-HENK",
                    "priority": "P3",
                    "initiatives": [
                        {
                            "code": "I-HENK-1",
                            "title": {
                                "fi": "Kansainvälisen rekrytoinnin toimintamalli",
                                "en": "International recruitment model",
                            },
                            "description": {
                                "fi": "Rekrytoidaan hoitajia EU:n ulkopuolelta yhteistyössä "
                                "ammattiopiston kanssa; polkuun sisältyvät suomen kielen opinnot "
                                "ja pätevöityminen.",
                                "en": "Recruiting nurses from outside the EU in partnership with "
                                "a vocational college; the pathway includes Finnish language "
                                "studies and professional qualification.",
                            },
                            "owner_unit": "FI-JVL-HENK",
                            "start": "2024-03-01",
                            "end": "2026-12-31",
                            "status": "in_progress",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "fi": "Rekrytointi ja matkat",
                                        "en": "Recruitment and travel",
                                    },
                                    "planned": "380000.00",
                                    "spent": "301000.00",
                                    "currency": "EUR",
                                },
                                {
                                    "category": {
                                        "fi": "Kielikoulutus ja perehdytys",
                                        "en": "Language training and induction",
                                    },
                                    "planned": "520000.00",
                                    "spent": "466000.00",
                                    "currency": "EUR",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "fi": "Ensimmäiset 12 hoitajaa aloittavat",
                                        "en": "First 12 nurses start work",
                                    },
                                    "due": "2024-10-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Toinen ryhmä (18 hoitajaa) aloittaa",
                                        "en": "Second group (18 nurses) starts work",
                                    },
                                    "due": "2025-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Ensimmäinen ryhmä pätevöityy lähihoitajiksi",
                                        "en": "First group qualifies as practical nurses",
                                    },
                                    "due": "2026-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Mallin arviointi ja jatkopäätös",
                                        "en": "Evaluation of the model and decision on "
                                        "continuation",
                                    },
                                    "due": "2026-12-31",
                                    "status": "in_progress",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "fi": "Kansainvälisen rekrytoinnin toimintamalli",
                                        "en": "International recruitment operating model",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {"fi": "Arviointiraportti", "en": "Evaluation report"},
                                    "status": "in_progress",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-HENK-2",
                    "title": {
                        "fi": "Vuokratyövoiman käytön vähentäminen",
                        "en": "Reducing the use of agency staff",
                    },
                    "description": {
                        "fi": "Vuokratyövoiman kustannukset puolitetaan vuoden 2024 tasosta "
                        "vuoteen 2026 mennessä.",
                        "en": "Agency staff costs are halved from the 2024 level by 2026.",
                    },
                    "owner_unit": "FI-JVL-HENK",
                    "priority": "P4",
                    "initiatives": [
                        {
                            "code": "I-HENK-2",
                            "title": {
                                "fi": "Sisäinen varahenkilöstö",
                                "en": "Internal substitute staff pool",
                            },
                            "description": {
                                "fi": "Perustetaan keskitetty varahenkilöstö, jolla korvataan "
                                "lyhyitä poissaoloja ja vähennetään vuokratyövoiman käyttöä.",
                                "en": "Setting up a central pool of substitute staff to cover "
                                "short absences and reduce the use of agency staff.",
                            },
                            "owner_unit": "FI-JVL-HENK",
                            "start": "2025-01-01",
                            "end": "2025-12-31",
                            "status": "completed",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "fi": "Varahenkilöstön palkat",
                                        "en": "Substitute staff salaries",
                                    },
                                    "planned": "2400000.00",
                                    "spent": "2310000.00",
                                    "currency": "EUR",
                                },
                                {
                                    "category": {
                                        "fi": "Työvuorosuunnittelujärjestelmä",
                                        "en": "Rostering system",
                                    },
                                    "planned": "150000.00",
                                    "spent": "142000.00",
                                    "currency": "EUR",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "fi": "Varahenkilöstö perustettu (40 vakanssia)",
                                        "en": "Substitute pool set up (40 posts)",
                                    },
                                    "due": "2025-03-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Vapaiden vuorojen sähköinen täyttö käytössä",
                                        "en": "Electronic filling of open shifts in use",
                                    },
                                    "due": "2025-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {"fi": "Vuosiarviointi", "en": "Annual review"},
                                    "due": "2025-12-31",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "fi": "Varahenkilöstö, 40 vakanssia",
                                        "en": "Substitute pool of 40 posts",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ service network & premises
        {
            "code": "PR-TILA",
            "title": {
                "fi": "Palveluverkko- ja tilaohjelma",
                "en": "Service network and premises programme",
            },
            "description": {
                "fi": "Palveluverkon ja kiinteistöjen sopeuttaminen väestön tarpeisiin ja talouden "
                "raameihin.",
                "en": "Adapting the service network and property portfolio to population needs "
                "and the financial framework.",
            },
            "owner_unit": "FI-JVL-TILA",
            "objectives": [
                {
                    "code": "O-TILA-1",
                    "title": {
                        "fi": "Tarkoituksenmukainen palveluverkko",
                        "en": "A fit-for-purpose service network",
                    },
                    "description": {
                        "fi": "Terveysasemaverkko kootaan vahvemmiksi hyvinvointikeskuksiksi, ja "
                        "harvaan asutuilla alueilla palveluja täydennetään liikkuvilla ja "
                        "etäpalveluilla.",
                        "en": "The health centre network is consolidated into stronger wellbeing "
                        "centres, and services in sparsely populated areas are supplemented by "
                        "mobile and remote services.",
                    },
                    "owner_unit": "FI-JVL-TILA",
                    "priority": "P2",
                    "initiatives": [
                        {
                            "code": "I-TILA-1",
                            "title": {
                                "fi": "Koivurannan hyvinvointikeskus",
                                "en": "Koivuranta wellbeing centre",
                            },
                            "description": {
                                "fi": "Koivurannan ja Saarikosken terveysasemien toiminnot "
                                "yhdistetään uuteen hyvinvointikeskukseen, johon tulevat myös "
                                "suun terveydenhuolto ja mielenterveyspalvelut.",
                                "en": "The Koivuranta and Saarikoski health centres are merged "
                                "into a new wellbeing centre that will also house dental and "
                                "mental health services.",
                            },
                            "owner_unit": "FI-JVL-TA-KOIV",
                            "start": "2025-06-01",
                            "end": "2027-08-31",
                            "status": "in_progress",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "fi": "Peruskorjaus ja laajennus",
                                        "en": "Renovation and extension",
                                    },
                                    "planned": "7800000.00",
                                    "spent": "3150000.00",
                                    "currency": "EUR",
                                },
                                {
                                    "category": {
                                        "fi": "Kalusteet ja laitteet",
                                        "en": "Furniture and equipment",
                                    },
                                    "planned": "650000.00",
                                    "spent": "0.00",
                                    "currency": "EUR",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "fi": "Hankesuunnitelma hyväksytty aluehallituksessa",
                                        "en": "Project plan approved by the county executive board",
                                    },
                                    "due": "2025-06-16",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Urakkasopimus allekirjoitettu",
                                        "en": "Construction contract signed",
                                    },
                                    "due": "2025-11-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Laajennusosa harjakorkeudessa",
                                        "en": "Topping-out of the extension",
                                    },
                                    "due": "2026-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Käyttöönotto ja muutto",
                                        "en": "Commissioning and move-in",
                                    },
                                    "due": "2027-08-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "fi": "Hyvinvointikeskuksen toimintakonsepti",
                                        "en": "Wellbeing centre operating concept",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "fi": "Valmis hyvinvointikeskus",
                                        "en": "Completed wellbeing centre",
                                    },
                                    "status": "in_progress",
                                },
                            ],
                        },
                        {
                            "code": "I-TILA-2",
                            "title": {"fi": "Terveysauto syrjäkylille", "en": "Mobile health unit"},
                            "description": {
                                "fi": "Terveysauto kiertää syrjäkyliä viikoittain: rokotukset, "
                                "verenpaineen ja verensokerin seuranta sekä etävastaanotto "
                                "lääkärille.",
                                "en": "A health van visits remote villages every week, offering "
                                "vaccinations, blood pressure and blood glucose checks, and "
                                "remote consultations with a doctor.",
                            },
                            "owner_unit": "FI-JVL-TA-LEHT",
                            "start": "2026-03-01",
                            "end": "2026-12-31",
                            "status": "in_progress",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "fi": "Ajoneuvo ja varustelu",
                                        "en": "Vehicle and fit-out",
                                    },
                                    "planned": "240000.00",
                                    "spent": "236000.00",
                                    "currency": "EUR",
                                },
                                {
                                    "category": {"fi": "Henkilöstökulut", "en": "Staff costs"},
                                    "planned": "180000.00",
                                    "spent": "132000.00",
                                    "currency": "EUR",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "fi": "Ajoneuvo hankittu ja varusteltu",
                                        "en": "Vehicle procured and fitted out",
                                    },
                                    "due": "2026-04-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Kiertoreitit ja aikataulut julkaistu",
                                        "en": "Routes and timetables published",
                                    },
                                    "due": "2026-05-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Kokeilun väliarviointi",
                                        "en": "Interim evaluation of the pilot",
                                    },
                                    "due": "2026-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Loppuarviointi ja jatkopäätös",
                                        "en": "Final evaluation and decision on continuation",
                                    },
                                    "due": "2026-12-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "fi": "Terveysauto käytössä",
                                        "en": "Health van in service",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-TILA-2",
                    "title": {
                        "fi": "Energiatehokkaat ja terveelliset tilat",
                        "en": "Energy-efficient and healthy premises",
                    },
                    "description": {
                        "fi": "Kiinteistöjen energiankulutus vähenee 15 %, ja sisäilmaongelmaiset "
                        "tilat poistetaan käytöstä vuoteen 2028 mennessä.",
                        "en": "Energy consumption in buildings falls by 15%, and premises with "
                        "indoor-air problems are taken out of use by 2028.",
                    },
                    "owner_unit": "FI-JVL-TILA",
                    "priority": "P4",
                    "initiatives": [],
                },
            ],
        },
        # ------------------------------------------------------------------ digital services
        {
            "code": "PR-DIGI",
            "title": {"fi": "Digitaalisten palvelujen ohjelma", "en": "Digital services programme"},
            "description": {
                "fi": "Sähköisen asioinnin, etäpalvelujen ja tiedolla johtamisen kehittäminen.",
                "en": "Developing online services, remote care and knowledge-based management.",
            },
            "owner_unit": "FI-JVL-DIGI",
            "objectives": [
                {
                    "code": "O-DIGI-1",
                    "title": {
                        "fi": "Digitaalinen asiointi arjen tukena",
                        "en": "Digital services that make everyday life easier",
                    },
                    "description": {
                        "fi": "Perusterveydenhuollon yhteydenotoista 30 % hoidetaan digitaalisesti "
                        "vuoteen 2027 mennessä.",
                        "en": "30% of primary care contacts are handled digitally by 2027.",
                    },
                    "owner_unit": "FI-JVL-DIGI",
                    "priority": "P1",
                    "initiatives": [
                        {
                            "code": "I-DIGI-1",
                            "title": {
                                "fi": "Digitaalinen sote-keskus",
                                "en": "Digital health and social services centre",
                            },
                            "description": {
                                "fi": "Ympärivuorokautinen chat, oirearviot ja etävastaanotot "
                                "kaikille alueen asukkaille yhden digitaalisen palvelukanavan "
                                "kautta.",
                                "en": "Round-the-clock chat, symptom checkers and remote "
                                "consultations for all residents through a single digital service "
                                "channel.",
                            },
                            "owner_unit": "FI-JVL-DIGI",
                            "start": "2023-03-01",
                            "end": "2025-12-31",
                            "status": "completed",
                            "funding": [
                                {
                                    "programme_name": {
                                        "fi": "Suomen kestävän kasvun ohjelma – EU:n elpymis- ja "
                                        "palautumistukiväline (RRF)",
                                        "en": "Sustainable Growth Programme for Finland – EU "
                                        "Recovery and Resilience Facility (RRF)",
                                    },
                                    "funder": {
                                        "fi": "Sosiaali- ja terveysministeriö",
                                        "en": "Ministry of Social Affairs and Health",
                                    },
                                    "amount": "2350000.00",
                                    "currency": "EUR",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "fi": "Chat- ja etävastaanottoalusta",
                                        "en": "Chat and remote consultation platform",
                                    },
                                    "planned": "1450000.00",
                                    "spent": "1421000.00",
                                    "currency": "EUR",
                                },
                                {
                                    "category": {
                                        "fi": "Oirearviot ja integraatiot",
                                        "en": "Symptom checkers and integrations",
                                    },
                                    "planned": "620000.00",
                                    "spent": "598000.00",
                                    "currency": "EUR",
                                },
                                {
                                    "category": {
                                        "fi": "Koulutus ja käyttöönotto",
                                        "en": "Training and roll-out",
                                    },
                                    "planned": "380000.00",
                                    "spent": "362000.00",
                                    "currency": "EUR",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "fi": "Chat-palvelu auki arkisin",
                                        "en": "Chat service open on weekdays",
                                    },
                                    "due": "2023-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Etävastaanotot kaikilla terveysasemilla",
                                        "en": "Remote consultations at all health centres",
                                    },
                                    "due": "2024-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Palvelu auki ympäri vuorokauden",
                                        "en": "Service open around the clock",
                                    },
                                    "due": "2025-03-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Loppuraportti rahoittajalle",
                                        "en": "Final report to the funder",
                                    },
                                    "due": "2025-12-31",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "fi": "Digitaalinen sote-keskus tuotantokäytössä",
                                        "en": "Digital health and social services centre in "
                                        "production",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "fi": "Hankkeen loppuraportti",
                                        "en": "Final project report",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-DIGI-2",
                    "title": {
                        "fi": "Tiedolla johtamisen kokonaisuus",
                        "en": "Knowledge-based management framework",
                    },
                    "description": {
                        "fi": "Johdolla ja esihenkilöillä on käytössään yhteinen, päivittyvä "
                        "mittaristo palveluista, henkilöstöstä ja taloudesta.",
                        "en": "Managers at all levels share a common, continuously updated "
                        "dashboard on services, staff and finances.",
                    },
                    "owner_unit": "FI-JVL-DIGI",
                    "priority": "P4",
                    "initiatives": [
                        {
                            "code": "I-DIGI-2",
                            "title": {
                                "fi": "Tietoallas ja johdon mittaristo",
                                "en": "Data lake and management dashboard",
                            },
                            "description": {
                                "fi": "Potilas- ja asiakastietojärjestelmien sekä talous- ja "
                                "henkilöstöhallinnon tiedot kootaan tietoaltaaseen ja "
                                "raportoidaan yhteisellä mittaristolla.",
                                "en": "Data from patient and client record systems and from "
                                "finance and HR are brought together in a data lake and reported "
                                "through a shared dashboard.",
                            },
                            "owner_unit": "FI-JVL-DIGI",
                            "start": "2025-02-01",
                            "end": "2027-06-30",
                            "status": "in_progress",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "fi": "Tietoalusta ja lisenssit",
                                        "en": "Data platform and licences",
                                    },
                                    "planned": "900000.00",
                                    "spent": "520000.00",
                                    "currency": "EUR",
                                },
                                {
                                    "category": {"fi": "Integraatiot", "en": "Integrations"},
                                    "planned": "600000.00",
                                    "spent": "340000.00",
                                    "currency": "EUR",
                                },
                                {
                                    "category": {
                                        "fi": "Mittaristojen kehittäminen",
                                        "en": "Dashboard development",
                                    },
                                    "planned": "300000.00",
                                    "spent": "120000.00",
                                    "currency": "EUR",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "fi": "Tietoalustan kilpailutus",
                                        "en": "Data platform tender",
                                    },
                                    "due": "2025-05-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Talous- ja henkilöstötiedot tietoaltaassa",
                                        "en": "Finance and HR data in the data lake",
                                    },
                                    "due": "2025-12-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Potilastietojärjestelmän integraatio",
                                        "en": "Patient record system integration",
                                    },
                                    "due": "2026-10-31",
                                    "status": "late",
                                },
                                {
                                    "title": {
                                        "fi": "Johdon mittaristo käytössä kaikilla toimialoilla",
                                        "en": "Management dashboard in use in all divisions",
                                    },
                                    "due": "2027-06-30",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "fi": "Talouden ja henkilöstön raportit",
                                        "en": "Finance and HR reports",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "fi": "Johdon mittaristo",
                                        "en": "Management dashboard",
                                    },
                                    "status": "in_progress",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ rescue readiness
        {
            "code": "PR-PEL",
            "title": {
                "fi": "Pelastustoimen palvelutaso ja valmius",
                "en": "Rescue services level of service and readiness",
            },
            "description": {
                "fi": "Pelastustoimen palvelutasopäätöksen toimeenpano ja alueen varautumisen "
                "vahvistaminen.",
                "en": "Implementing the rescue services level-of-service decision and "
                "strengthening the county's preparedness.",
            },
            "owner_unit": "FI-JVL-PEL",
            "objectives": [
                {
                    "code": "O-PEL-1",
                    "title": {
                        "fi": "Toimintavalmiusaikatavoitteiden saavuttaminen",
                        "en": "Meeting response-time targets",
                    },
                    "description": {
                        "fi": "Kiireellisissä tehtävissä ensimmäinen pelastusyksikkö on "
                        "riskiluokan I alueilla kohteessa 6 minuutissa vähintään 50 %:ssa "
                        "tehtävistä.",
                        "en": "In urgent missions in risk category I areas, the first rescue "
                        "unit arrives within 6 minutes in at least 50% of cases.",
                    },
                    "owner_unit": "FI-JVL-PEL",
                    "priority": "P5",
                    "initiatives": [
                        {
                            "code": "I-PEL-1",
                            "title": {
                                "fi": "Sopimuspalokuntien valmiuden vahvistaminen",
                                "en": "Strengthening volunteer fire brigade readiness",
                            },
                            "description": {
                                "fi": "Sopimuspalokunnille hankitaan uutta kalustoa ja koulutetaan "
                                "lisää päivystäviä palokuntalaisia harvaan asutuille alueille.",
                                "en": "Buying new equipment for contract fire brigades and "
                                "training more on-call firefighters for sparsely populated "
                                "areas.",
                            },
                            "owner_unit": "FI-JVL-PEL",
                            "start": "2024-01-01",
                            "end": "2026-12-31",
                            "status": "in_progress",
                            "funding": [
                                {
                                    "programme_name": {
                                        "fi": "Palosuojelurahaston erityisavustus",
                                        "en": "Fire Protection Fund special grant",
                                    },
                                    "funder": {
                                        "fi": "Palosuojelurahasto",
                                        "en": "Fire Protection Fund",
                                    },
                                    "amount": "180000.00",
                                    "currency": "EUR",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "fi": "Kalusto ja suojavarusteet",
                                        "en": "Vehicles and protective equipment",
                                    },
                                    "planned": "620000.00",
                                    "spent": "548000.00",
                                    "currency": "EUR",
                                },
                                {
                                    "category": {"fi": "Koulutus", "en": "Training"},
                                    "planned": "140000.00",
                                    "spent": "118000.00",
                                    "currency": "EUR",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "fi": "Vuoden 2024 kalustohankinnat",
                                        "en": "2024 equipment purchases",
                                    },
                                    "due": "2024-12-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "30 uutta palokuntalaista koulutettu",
                                        "en": "30 new firefighters trained",
                                    },
                                    "due": "2025-12-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Kaksi uutta sammutusautoa käytössä",
                                        "en": "Two new fire engines in service",
                                    },
                                    "due": "2026-06-30",
                                    "status": "late",
                                },
                                {
                                    "title": {
                                        "fi": "Toimintavalmiuden vuosiarvio",
                                        "en": "Annual response-readiness review",
                                    },
                                    "due": "2026-12-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "fi": "Päivitetyt sopimuspalokuntasopimukset",
                                        "en": "Updated contract fire brigade agreements",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "fi": "Uudet sammutusautot",
                                        "en": "New fire engines",
                                    },
                                    "status": "in_progress",
                                },
                            ],
                        },
                        {
                            "code": "I-PEL-2",
                            "title": {
                                "fi": "Harjulan uusi paloasema",
                                "en": "New fire station in Harjula",
                            },
                            "description": {
                                "fi": "Käyttöikänsä päähän tullut paloasema korvataan uudella "
                                "asemalla, jota pelastustoimi ja ensihoito käyttävät yhdessä.",
                                "en": "An ageing fire station is replaced by a new station shared "
                                "by the rescue service and emergency medical services.",
                            },
                            "owner_unit": "FI-JVL-PEL",
                            "start": "2027-01-01",
                            "end": "2028-12-31",
                            "status": "planned",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {"fi": "Rakentaminen", "en": "Construction"},
                                    "planned": "6900000.00",
                                    "spent": "0.00",
                                    "currency": "EUR",
                                },
                                {
                                    "category": {"fi": "Suunnittelu", "en": "Design"},
                                    "planned": "420000.00",
                                    "spent": "0.00",
                                    "currency": "EUR",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "fi": "Hankesuunnitelma hyväksytty",
                                        "en": "Project plan approved",
                                    },
                                    "due": "2027-03-31",
                                    "status": "planned",
                                },
                                {
                                    "title": {"fi": "Rakennuslupa", "en": "Building permit"},
                                    "due": "2027-08-31",
                                    "status": "planned",
                                },
                                {
                                    "title": {
                                        "fi": "Paloasema käyttöön",
                                        "en": "Fire station in use",
                                    },
                                    "due": "2028-12-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {"fi": "Uusi paloasema", "en": "New fire station"},
                                    "status": "planned",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-PEL-2",
                    "title": {
                        "fi": "Alueen varautuminen häiriötilanteisiin",
                        "en": "County preparedness for disruptions",
                    },
                    "description": {
                        "fi": "Valmiussuunnitelmat ovat ajan tasalla, ja niitä harjoitellaan "
                        "säännöllisesti yhdessä kuntien kanssa.",
                        "en": "Preparedness plans are up to date and regularly exercised together "
                        "with the municipalities.",
                    },
                    "owner_unit": "FI-JVL-PEL",
                    "priority": "P5",
                    "initiatives": [
                        {
                            "code": "I-PEL-3",
                            "title": {
                                "fi": "Alueellinen valmiusharjoitus",
                                "en": "Regional preparedness exercise",
                            },
                            "description": {
                                "fi": "Laaja harjoitus, jossa testataan keskussairaalan, "
                                "ensihoidon ja pelastustoimen toimintaa pitkittyneessä "
                                "sähkökatkossa.",
                                "en": "A full-scale exercise testing how the central hospital, "
                                "emergency medical services and the rescue service cope with a "
                                "prolonged power cut.",
                            },
                            "owner_unit": "FI-JVL-PEL",
                            "start": "2025-01-15",
                            "end": "2025-11-30",
                            "status": "completed",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "fi": "Harjoituksen suunnittelu ja toteutus",
                                        "en": "Exercise planning and delivery",
                                    },
                                    "planned": "85000.00",
                                    "spent": "79500.00",
                                    "currency": "EUR",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "fi": "Harjoitussuunnitelma valmis",
                                        "en": "Exercise plan completed",
                                    },
                                    "due": "2025-04-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Harjoitus toteutettu",
                                        "en": "Exercise held",
                                    },
                                    "due": "2025-10-15",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Harjoituksen palauteraportti",
                                        "en": "Exercise feedback report",
                                    },
                                    "due": "2025-11-30",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "fi": "Päivitetty valmiussuunnitelma",
                                        "en": "Updated preparedness plan",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {"fi": "Palauteraportti", "en": "Feedback report"},
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ elderly care
        {
            "code": "PR-IKA",
            "title": {
                "fi": "Ikääntyneiden palvelujen ohjelma",
                "en": "Programme for services for older people",
            },
            "description": {
                "fi": "Kotona asumisen tukeminen ja ympärivuorokautisen hoidon laadun "
                "varmistaminen.",
                "en": "Supporting older people to live at home and ensuring the quality of "
                "24-hour care.",
            },
            "owner_unit": "FI-JVL-IKA",
            "objectives": [
                {
                    "code": "O-IKA-1",
                    "title": {"fi": "Kotona asumisen tukeminen", "en": "Supporting living at home"},
                    "description": {
                        "fi": "Yli 75-vuotiaista 92 % asuu kotona joko itsenäisesti tai kotihoidon "
                        "tuella.",
                        "en": "92% of people aged over 75 live at home, either independently or "
                        "with home care support.",
                    },
                    "owner_unit": "FI-JVL-IKA-KOTI",
                    "priority": "P1",
                    "initiatives": [
                        {
                            "code": "I-IKA-1",
                            "title": {
                                "fi": "Etäkotihoito ja lääkeannostelurobotit",
                                "en": "Remote home care and automated medication dispensers",
                            },
                            "description": {
                                "fi": "Osa kotihoidon käynneistä korvataan videokäynneillä, ja "
                                "asiakkaille otetaan käyttöön lääkeannostelurobotit.",
                                "en": "Some home care visits are replaced by video visits, and "
                                "clients are given automated medication dispensers.",
                            },
                            "owner_unit": "FI-JVL-IKA-KOTI",
                            "start": "2024-05-01",
                            "end": "2026-12-31",
                            "status": "in_progress",
                            "funding": [
                                {
                                    "programme_name": {
                                        "fi": "Suomen kestävän kasvun ohjelma – EU:n elpymis- ja "
                                        "palautumistukiväline (RRF)",
                                        "en": "Sustainable Growth Programme for Finland – EU "
                                        "Recovery and Resilience Facility (RRF)",
                                    },
                                    "funder": {
                                        "fi": "Sosiaali- ja terveysministeriö",
                                        "en": "Ministry of Social Affairs and Health",
                                    },
                                    "amount": "420000.00",
                                    "currency": "EUR",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "fi": "Laitteet ja palvelut",
                                        "en": "Devices and services",
                                    },
                                    "planned": "780000.00",
                                    "spent": "612000.00",
                                    "currency": "EUR",
                                },
                                {
                                    "category": {
                                        "fi": "Henkilöstön koulutus",
                                        "en": "Staff training",
                                    },
                                    "planned": "90000.00",
                                    "spent": "84000.00",
                                    "currency": "EUR",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "fi": "Pilotti Harjulan kotihoidossa",
                                        "en": "Pilot in Harjula home care",
                                    },
                                    "due": "2024-10-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Etäkotihoito koko alueella",
                                        "en": "Remote home care across the county",
                                    },
                                    "due": "2025-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "200 lääkeannostelurobottia käytössä",
                                        "en": "200 medication dispensers in use",
                                    },
                                    "due": "2026-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Vaikutusten arviointi",
                                        "en": "Impact assessment",
                                    },
                                    "due": "2026-12-31",
                                    "status": "in_progress",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "fi": "Etäkotihoidon toimintamalli",
                                        "en": "Remote home care operating model",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "fi": "Vaikutusten arviointiraportti",
                                        "en": "Impact assessment report",
                                    },
                                    "status": "in_progress",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-IKA-2",
                    "title": {
                        "fi": "Laadukas ympärivuorokautinen hoito",
                        "en": "High-quality 24-hour care",
                    },
                    "description": {
                        "fi": "Jokaiselle asukkaalle tehdään RAI-arviointi puolen vuoden välein, "
                        "ja tuloksia käytetään hoidon suunnittelussa.",
                        "en": "Every resident has a RAI assessment every six months, and the "
                        "results are used in care planning.",
                    },
                    "owner_unit": "FI-JVL-IKA-YHT",
                    "priority": "P1",
                    "initiatives": [
                        {
                            "code": "I-IKA-2",
                            "title": {
                                "fi": "RAI-tieto yksiköiden johtamisen tueksi",
                                "en": "Using RAI data to manage care units",
                            },
                            "description": {
                                "fi": "Yksiköiden esihenkilöt käyvät neljännesvuosittain läpi "
                                "RAI-laatuindikaattorit ja sopivat parannustoimista.",
                                "en": "Unit managers review RAI quality indicators every quarter "
                                "and agree on improvement actions.",
                            },
                            "owner_unit": "FI-JVL-IKA-YHT",
                            "start": "2025-01-01",
                            "end": "2025-12-31",
                            "status": "completed",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "fi": "Koulutus ja raportointi",
                                        "en": "Training and reporting",
                                    },
                                    "planned": "45000.00",
                                    "spent": "41200.00",
                                    "currency": "EUR",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "fi": "Esihenkilöiden koulutus",
                                        "en": "Managers trained",
                                    },
                                    "due": "2025-03-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Ensimmäiset laatukatselmukset",
                                        "en": "First quality reviews held",
                                    },
                                    "due": "2025-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {"fi": "Vuosiyhteenveto", "en": "Annual summary"},
                                    "due": "2025-12-31",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "fi": "Neljännesvuosittaisten laatukatselmusten malli",
                                        "en": "Quarterly quality review model",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ communications
        {
            "code": "PR-VIES",
            "title": {
                "fi": "Viestintä- ja osallisuusohjelma",
                "en": "Communications and participation programme",
            },
            "description": {
                "fi": "Avoin viestintä ja asukkaiden osallistaminen palvelujen kehittämiseen.",
                "en": "Open communication and involving residents in developing services.",
            },
            "owner_unit": "FI-JVL-VIES",
            "objectives": [
                {
                    "code": "O-VIES-1",
                    "title": {
                        "fi": "Asukkaat mukana kehittämässä",
                        "en": "Residents involved in development",
                    },
                    "description": {
                        "fi": "Asukkaita kuullaan jokaisesta merkittävästä palveluverkon "
                        "muutoksesta ennen päätöksentekoa.",
                        "en": "Residents are consulted on every significant change to the "
                        "service network before decisions are made.",
                    },
                    "owner_unit": "FI-JVL-VIES",
                    "priority": "P1",
                    "initiatives": [
                        {
                            "code": "I-VIES-1",
                            "title": {
                                "fi": "Asukasraadit ja palautekanava",
                                "en": "Residents' panels and feedback channel",
                            },
                            "description": {
                                "fi": "Perustetaan kolme alueellista asukasraatia ja yhtenäinen "
                                "sähköinen palautekanava, jonka palautteisiin vastataan viiden "
                                "arkipäivän kuluessa.",
                                "en": "Three local residents' panels and a single online "
                                "feedback channel are set up; feedback is answered within five "
                                "working days.",
                            },
                            "owner_unit": "FI-JVL-VIES",
                            "start": "2024-02-01",
                            "end": "2024-12-31",
                            "status": "completed",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "fi": "Palautejärjestelmä",
                                        "en": "Feedback system",
                                    },
                                    "planned": "60000.00",
                                    "spent": "57400.00",
                                    "currency": "EUR",
                                },
                                {
                                    "category": {
                                        "fi": "Asukasraatien kokouskulut",
                                        "en": "Residents' panel meeting costs",
                                    },
                                    "planned": "15000.00",
                                    "spent": "11900.00",
                                    "currency": "EUR",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "fi": "Asukasraadit koottu",
                                        "en": "Residents' panels formed",
                                    },
                                    "due": "2024-04-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "fi": "Palautekanava avattu",
                                        "en": "Feedback channel opened",
                                    },
                                    "due": "2024-09-30",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "fi": "Asukasraatien toimintaohje",
                                        "en": "Residents' panel guidelines",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-VIES-2",
                    "title": {
                        "fi": "Selkeä ja saavutettava palveluviestintä",
                        "en": "Clear and accessible service communication",
                    },
                    "description": {
                        "fi": "Palveluista kerrotaan selkokielellä, ja keskeinen tieto on "
                        "saatavilla suomeksi, ruotsiksi ja englanniksi.",
                        "en": "Services are described in plain language, and key information is "
                        "available in Finnish, Swedish and English.",
                    },
                    "owner_unit": "FI-JVL-VIES",
                    "priority": "P2",
                    "initiatives": [],
                },
            ],
        },
    ],
}
