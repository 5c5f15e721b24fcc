"""Fictional demo content: a Danish region.

Region Fjordland, its hospitals and every project below are invented for
demonstration purposes.
"""

ORGANISATION = {
    "code": "DK-RFJ",
    "kind": "region",
    "language": "da",
    "time_zone": "Europe/Copenhagen",
    "name": {"da": "Region Fjordland", "en": "Fjordland Region"},
    "children": [
        {
            "code": "DK-RFJ-HKB",
            "kind": "hospital",
            "name": {"da": "Hospitalsenheden Kildebjerg", "en": "Kildebjerg Hospital Unit"},
            "children": [
                {
                    "code": "DK-RFJ-HKB-AKUT",
                    "kind": "department",
                    "name": {"da": "Akutafdelingen", "en": "Emergency Department"},
                    "children": [],
                },
                {
                    "code": "DK-RFJ-HKB-MED",
                    "kind": "department",
                    "name": {"da": "Medicinsk Afdeling", "en": "Department of Internal Medicine"},
                    "children": [],
                },
                {
                    "code": "DK-RFJ-HKB-KIR",
                    "kind": "department",
                    "name": {"da": "Kirurgisk Afdeling", "en": "Department of Surgery"},
                    "children": [],
                },
                {
                    "code": "DK-RFJ-HKB-ONK",
                    "kind": "department",
                    "name": {"da": "Kræftafdelingen", "en": "Department of Oncology"},
                    "children": [],
                },
                {
                    "code": "DK-RFJ-HKB-ITA",
                    "kind": "department",
                    "name": {
                        "da": "Anæstesiologisk-Intensiv Afdeling",
                        "en": "Department of Anaesthesiology and Intensive Care",
                    },
                    "children": [],
                },
            ],
        },
        {
            "code": "DK-RFJ-SSV",
            "kind": "hospital",
            "name": {"da": "Strandvig Sygehus", "en": "Strandvig Hospital"},
            "children": [
                {
                    "code": "DK-RFJ-SSV-AKUT",
                    "kind": "department",
                    "name": {"da": "Akutmodtagelsen", "en": "Acute Admissions Unit"},
                    "children": [],
                },
                {
                    "code": "DK-RFJ-SSV-ORT",
                    "kind": "department",
                    "name": {
                        "da": "Ortopædkirurgisk Afdeling",
                        "en": "Department of Orthopaedic Surgery",
                    },
                    "children": [],
                },
                {
                    "code": "DK-RFJ-SSV-GYN",
                    "kind": "department",
                    "name": {
                        "da": "Gynækologisk-Obstetrisk Afdeling",
                        "en": "Department of Obstetrics and Gynaecology",
                    },
                    "children": [],
                },
                {
                    "code": "DK-RFJ-SSV-BUA",
                    "kind": "department",
                    "name": {
                        "da": "Børne- og Ungeafdelingen",
                        "en": "Department of Paediatrics and Adolescent Medicine",
                    },
                    "children": [],
                },
            ],
        },
        {
            "code": "DK-RFJ-SBL",
            "kind": "hospital",
            "name": {"da": "Sygehus Bøgelund", "en": "Bøgelund Hospital"},
            "children": [
                {
                    "code": "DK-RFJ-SBL-MED",
                    "kind": "department",
                    "name": {
                        "da": "Medicinsk Afdeling, Bøgelund",
                        "en": "Department of Internal Medicine, Bøgelund",
                    },
                    "children": [],
                },
                {
                    "code": "DK-RFJ-SBL-GER",
                    "kind": "department",
                    "name": {"da": "Geriatrisk Afdeling", "en": "Department of Geriatric Medicine"},
                    "children": [],
                },
                {
                    "code": "DK-RFJ-SBL-REH",
                    "kind": "department",
                    "name": {
                        "da": "Afdeling for Neurorehabilitering",
                        "en": "Department of Neurorehabilitation",
                    },
                    "children": [],
                },
                {
                    "code": "DK-RFJ-SBL-BDA",
                    "kind": "department",
                    "name": {
                        "da": "Billeddiagnostisk Afdeling",
                        "en": "Department of Diagnostic Imaging",
                    },
                    "children": [],
                },
            ],
        },
        {
            "code": "DK-RFJ-PSYK",
            "kind": "service",
            "name": {
                "da": "Psykiatrien i Region Fjordland",
                "en": "Mental Health Services, Fjordland Region",
            },
            "children": [
                {
                    "code": "DK-RFJ-PSYK-VOK",
                    "kind": "department",
                    "name": {
                        "da": "Psykiatrisk Center Kildebjerg",
                        "en": "Kildebjerg Psychiatric Centre",
                    },
                    "children": [],
                },
                {
                    "code": "DK-RFJ-PSYK-BUP",
                    "kind": "department",
                    "name": {
                        "da": "Børne- og Ungdomspsykiatrisk Afdeling",
                        "en": "Department of Child and Adolescent Psychiatry",
                    },
                    "children": [],
                },
                {
                    "code": "DK-RFJ-PSYK-DIST",
                    "kind": "clinic",
                    "name": {
                        "da": "Distriktspsykiatrien",
                        "en": "Community Mental Health Services",
                    },
                    "children": [],
                },
            ],
        },
        {
            "code": "DK-RFJ-PRAE",
            "kind": "rescue_service",
            "name": {"da": "Præhospitalet", "en": "Prehospital Emergency Services"},
            "children": [
                {
                    "code": "DK-RFJ-PRAE-AMK",
                    "kind": "service",
                    "name": {"da": "AMK-Vagtcentralen", "en": "Emergency Medical Dispatch Centre"},
                    "children": [],
                },
                {
                    "code": "DK-RFJ-PRAE-ALB",
                    "kind": "service",
                    "name": {
                        "da": "Akutlægebiler og akutbiler",
                        "en": "Physician-staffed and paramedic rapid response cars",
                    },
                    "children": [],
                },
            ],
        },
        {
            "code": "DK-RFJ-KVAL",
            "kind": "office",
            "name": {
                "da": "Enhed for Kvalitet og Patientsikkerhed",
                "en": "Quality and Patient Safety Unit",
            },
            "children": [],
        },
        {
            "code": "DK-RFJ-PAT",
            "kind": "office",
            "name": {"da": "Enhed for Patientinddragelse", "en": "Patient Involvement Unit"},
            "children": [],
        },
        {
            "code": "DK-RFJ-IT",
            "kind": "office",
            "name": {"da": "Regional IT", "en": "Regional IT"},
            "children": [],
        },
        {
            "code": "DK-RFJ-HR",
            "kind": "office",
            "name": {"da": "HR og Arbejdsmiljø", "en": "HR and Working Environment"},
            "children": [],
        },
    ],
}

STRATEGY = {
    "code": "STRAT-2024-2027",
    "title": {
        "da": "Sundhedsstrategi 2024–2027: Det gode møde",
        "en": "Health Strategy 2024–2027: The Good Encounter",
    },
    "approving_body": {
        "da": "Regionsrådet i Region Fjordland",
        "en": "Regional Council of Fjordland Region",
    },
    "decision_date": "2023-12-12",
    "valid_from": "2024-01-01",
    "valid_to": "2027-12-31",
    "mission": {
        "da": "Vi skaber trygge, sammenhængende og nærværende forløb for alle, der har brug for "
        "det regionale sundhedsvæsen i Region Fjordland.",
        "en": "We create safe, coherent and attentive care pathways for everyone who needs the "
        "regional health service in Fjordland Region.",
    },
    "vision": {
        "da": "I 2027 oplever patienter og pårørende, at de bliver mødt med respekt, taget med på "
        "råd og hjulpet godt videre – hver gang.",
        "en": "By 2027 patients and relatives feel that they are met with respect, consulted and "
        "helped safely on to the next step – every time.",
    },
    "values": [
        {
            "name": {"da": "Nærvær", "en": "Presence"},
            "description": {
                "da": "Vi giver os tid til at lytte og ser mennesket bag diagnosen.",
                "en": "We take time to listen and see the person behind the diagnosis.",
            },
        },
        {
            "name": {"da": "Respekt", "en": "Respect"},
            "description": {
                "da": "Vi møder patienter, pårørende og kolleger ligeværdigt og anerkender deres "
                "viden.",
                "en": "We treat patients, relatives and colleagues as equals and value their "
                "knowledge.",
            },
        },
        {
            "name": {"da": "Faglighed", "en": "Professional excellence"},
            "description": {
                "da": "Vi bygger vores behandling på den bedste tilgængelige viden og udvikler den "
                "løbende.",
                "en": "We base our treatment on the best available evidence and keep improving it.",
            },
        },
        {
            "name": {"da": "Åbenhed", "en": "Openness"},
            "description": {
                "da": "Vi taler åbent om fejl og lærer af dem sammen.",
                "en": "We talk openly about mistakes and learn from them together.",
            },
        },
    ],
    "priorities": [
        {
            "code": "P1",
            "title": {"da": "Det gode møde", "en": "The good encounter"},
            "description": {
                "da": "Patienter og pårørende oplever venlig, klar og rettidig kommunikation i "
                "alle dele af forløbet.",
                "en": "Patients and relatives experience friendly, clear and timely "
                "communication throughout their pathway.",
            },
        },
        {
            "code": "P2",
            "title": {
                "da": "Inddragelse af patienter og pårørende",
                "en": "Involving patients and relatives",
            },
            "description": {
                "da": "Patientens egne ønsker og viden indgår systematisk i beslutninger om "
                "behandlingen.",
                "en": "Patients' own wishes and knowledge are systematically taken into account "
                "in treatment decisions.",
            },
        },
        {
            "code": "P3",
            "title": {"da": "Sammenhængende forløb", "en": "Coherent pathways"},
            "description": {
                "da": "Overgange mellem hospital, praktiserende læge og kommune sker uden huller "
                "og dobbeltarbejde.",
                "en": "Transitions between hospital, GP and municipality happen without gaps or "
                "duplication.",
            },
        },
        {
            "code": "P4",
            "title": {"da": "Kvalitet og patientsikkerhed", "en": "Quality and patient safety"},
            "description": {
                "da": "Færre utilsigtede hændelser og systematisk læring på tværs af hospitalerne.",
                "en": "Fewer adverse events and systematic learning across the hospitals.",
            },
        },
        {
            "code": "P5",
            "title": {"da": "Attraktive arbejdspladser", "en": "Attractive workplaces"},
            "description": {
                "da": "Vi fastholder og tiltrækker medarbejdere gennem gode arbejdsvilkår, "
                "uddannelse og indflydelse på egen hverdag.",
                "en": "We retain and attract staff through good working conditions, training "
                "and influence over their working day.",
            },
        },
    ],
    "success_factors": [
        {
            "code": "CSF1",
            "title": {
                "da": "Ledelse tæt på patientoplevelsen",
                "en": "Leadership close to the patient experience",
            },
            "description": {
                "da": "Ledere på alle niveauer følger med i patienternes tilbagemeldinger og "
                "handler på dem.",
                "en": "Leaders at all levels keep track of patient feedback and act on it.",
            },
        },
        {
            "code": "CSF2",
            "title": {
                "da": "Systematisk brug af patientfeedback",
                "en": "Systematic use of patient feedback",
            },
            "description": {
                "da": "Resultater fra den landsdækkende patientundersøgelse (LUP) og lokale "
                "målinger bruges i det daglige forbedringsarbejde.",
                "en": "Results from the national patient experience survey (LUP) and local "
                "measurements feed into everyday improvement work.",
            },
        },
        {
            "code": "CSF3",
            "title": {"da": "Deling af god praksis", "en": "Sharing good practice"},
            "description": {
                "da": "Gode løsninger deles aktivt mellem hospitalerne, så patienterne får gavn af "
                "dem overalt i regionen.",
                "en": "Good solutions are actively shared between hospitals so that patients "
                "benefit from them throughout the region.",
            },
        },
        {
            "code": "CSF4",
            "title": {"da": "Stabil bemanding", "en": "Stable staffing"},
            "description": {
                "da": "Tilstrækkeligt og kompetent personale er forudsætningen for at have tid til "
                "det gode møde.",
                "en": "Sufficient and competent staff are a prerequisite for having time for the "
                "good encounter.",
            },
        },
    ],
    "programmes": [
        # ------------------------------------------------------------------ patient experience
        {
            "code": "PR-MOEDE",
            "title": {
                "da": "Det gode møde – fælles god praksis",
                "en": "The good encounter – shared good practice",
            },
            "description": {
                "da": "Regionens tværgående indsats for patientoplevet kvalitet, hvor gode "
                "eksempler fra hospitalerne samles, afprøves og udbredes.",
                "en": "The region's cross-cutting effort on patient-experienced quality, in "
                "which good examples from the hospitals are collected, tested and scaled up.",
            },
            "owner_unit": "DK-RFJ-PAT",
            "objectives": [
                {
                    "code": "O-MOEDE-1",
                    "title": {
                        "da": "Bedre kommunikation i akutmodtagelserne",
                        "en": "Better communication in the emergency departments",
                    },
                    "description": {
                        "da": "Andelen af akutpatienter, der føler sig godt informeret om ventetid "
                        "og forløb, øges fra 68 % til 85 %.",
                        "en": "The share of emergency patients who feel well informed about "
                        "waiting times and next steps rises from 68% to 85%.",
                    },
                    "owner_unit": "DK-RFJ-PAT",
                    "priority": "P1",
                    "initiatives": [
                        {
                            "code": "I-MOEDE-1",
                            "title": {
                                "da": "Ventetidsinformation og værtsfunktion i akutmodtagelserne",
                                "en": "Waiting-time information and hosts in the emergency "
                                "departments",
                            },
                            "description": {
                                "da": "Skærme med forventet ventetid og en fast værtsfunktion, der "
                                "byder velkommen og holder patienter og pårørende orienteret.",
                                "en": "Screens showing expected waiting times and a dedicated "
                                "host who welcomes patients and keeps them and their relatives "
                                "informed.",
                            },
                            "owner_unit": "DK-RFJ-HKB-AKUT",
                            "start": "2024-03-01",
                            "end": "2025-06-30",
                            "status": "completed",
                            "funding": [
                                {
                                    "programme_name": {
                                        "da": "Statens pulje til bedre patientoplevelser i "
                                        "akutmodtagelser",
                                        "en": "State pool for better patient experiences in "
                                        "emergency departments",
                                    },
                                    "funder": {
                                        "da": "Sundhedsstyrelsen",
                                        "en": "Danish Health Authority",
                                    },
                                    "amount": "3400000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "da": "Værtsfunktion (lønmidler)",
                                        "en": "Host function (salaries)",
                                    },
                                    "planned": "2600000.00",
                                    "spent": "2540000.00",
                                    "currency": "DKK",
                                },
                                {
                                    "category": {
                                        "da": "Skærme og integration til patientsystemet",
                                        "en": "Screens and integration with the patient system",
                                    },
                                    "planned": "1100000.00",
                                    "spent": "1062000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "da": "Pilot i Akutafdelingen, Kildebjerg",
                                        "en": "Pilot in the Emergency Department, Kildebjerg",
                                    },
                                    "due": "2024-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Evaluering af pilotprojektet",
                                        "en": "Evaluation of the pilot",
                                    },
                                    "due": "2024-10-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Udbredelse til Akutmodtagelsen, Strandvig",
                                        "en": "Roll-out to the Acute Admissions Unit, Strandvig",
                                    },
                                    "due": "2025-04-30",
                                    "status": "done",
                                },
                                {
                                    "title": {"da": "Slutevaluering", "en": "Final evaluation"},
                                    "due": "2025-06-30",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "da": "Ventetidsskærme i begge akutmodtagelser",
                                        "en": "Waiting-time screens in both emergency departments",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "da": "Drejebog for værtsfunktionen",
                                        "en": "Playbook for the host function",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                        {
                            "code": "I-MOEDE-2",
                            "title": {
                                "da": "Videnbank for god praksis",
                                "en": "Good-practice knowledge bank",
                            },
                            "description": {
                                "da": "En fælles digital samling af afprøvede eksempler på gode "
                                "patientmøder med kontaktpersoner og effektmål, så andre "
                                "afdelinger let kan tage dem i brug.",
                                "en": "A shared digital collection of tested examples of good "
                                "patient encounters, with contact persons and outcome measures, "
                                "so that other departments can easily adopt them.",
                            },
                            "owner_unit": "DK-RFJ-PAT",
                            "start": "2025-01-01",
                            "end": "2027-06-30",
                            "status": "in_progress",
                            "funding": [
                                {
                                    "programme_name": {
                                        "da": "Regionsrådets udviklingspulje",
                                        "en": "Regional Council development fund",
                                    },
                                    "funder": {"da": "Region Fjordland", "en": "Fjordland Region"},
                                    "amount": "1200000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "da": "Projektledelse og facilitering",
                                        "en": "Project management and facilitation",
                                    },
                                    "planned": "800000.00",
                                    "spent": "455000.00",
                                    "currency": "DKK",
                                },
                                {
                                    "category": {
                                        "da": "Digital platform",
                                        "en": "Digital platform",
                                    },
                                    "planned": "250000.00",
                                    "spent": "230000.00",
                                    "currency": "DKK",
                                },
                                {
                                    "category": {
                                        "da": "Netværksmøder og konferencer",
                                        "en": "Network meetings and conferences",
                                    },
                                    "planned": "150000.00",
                                    "spent": "62000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "da": "De første 20 eksempler offentliggjort",
                                        "en": "First 20 examples published",
                                    },
                                    "due": "2025-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Fælles netværksdag for alle hospitaler",
                                        "en": "Joint network day for all hospitals",
                                    },
                                    "due": "2025-11-20",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "50 eksempler og 10 dokumenterede udbredelser",
                                        "en": "50 examples and 10 documented adoptions",
                                    },
                                    "due": "2026-10-31",
                                    "status": "late",
                                },
                                {
                                    "title": {"da": "Evaluering", "en": "Evaluation"},
                                    "due": "2027-06-30",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "da": "Videnbanken online",
                                        "en": "Knowledge bank online",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "da": "Evalueringsrapport",
                                        "en": "Evaluation report",
                                    },
                                    "status": "planned",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-MOEDE-2",
                    "title": {"da": "Pårørende som partnere", "en": "Relatives as partners"},
                    "description": {
                        "da": "Alle afdelinger har en pårørendepolitik, og pårørende tilbydes en "
                        "fast kontaktperson i længerevarende forløb.",
                        "en": "All departments have a policy for relatives, and relatives are "
                        "offered a named contact person in longer pathways.",
                    },
                    "owner_unit": "DK-RFJ-PAT",
                    "priority": "P2",
                    "initiatives": [
                        {
                            "code": "I-MOEDE-3",
                            "title": {
                                "da": "Fast kontaktperson og pårørendesamtaler i kræftforløb",
                                "en": "Named contact person and consultations for relatives in "
                                "cancer pathways",
                            },
                            "description": {
                                "da": "Kræftpatienter og deres pårørende får en fast "
                                "kontaktsygeplejerske og tilbud om en pårørendesamtale ved "
                                "diagnose og ved skift i behandlingen.",
                                "en": "Cancer patients and their relatives get a named contact "
                                "nurse and are offered a consultation for relatives at diagnosis "
                                "and whenever treatment changes.",
                            },
                            "owner_unit": "DK-RFJ-HKB-ONK",
                            "start": "2025-09-01",
                            "end": "2026-08-31",
                            "status": "completed",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "da": "Lønmidler til kontaktsygeplejersker",
                                        "en": "Salaries for contact nurses",
                                    },
                                    "planned": "1400000.00",
                                    "spent": "1385000.00",
                                    "currency": "DKK",
                                },
                                {
                                    "category": {"da": "Undervisning", "en": "Training"},
                                    "planned": "80000.00",
                                    "spent": "76000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "da": "Kontaktsygeplejersker udpeget",
                                        "en": "Contact nurses appointed",
                                    },
                                    "due": "2025-10-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Pårørendesamtale tilbydes alle nye patienter",
                                        "en": "Consultation for relatives offered to all new "
                                        "patients",
                                    },
                                    "due": "2026-02-28",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Evaluering med patient- og pårørendepanel",
                                        "en": "Evaluation with the patient and relatives panel",
                                    },
                                    "due": "2026-08-31",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "da": "Kontaktpersonordning i Kræftafdelingen",
                                        "en": "Contact person scheme in the Department of Oncology",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ quality & safety
        {
            "code": "PR-KVAL",
            "title": {"da": "Kvalitet og patientsikkerhed", "en": "Quality and patient safety"},
            "description": {
                "da": "Systematisk forbedringsarbejde og læring af utilsigtede hændelser på tværs "
                "af regionens hospitaler.",
                "en": "Systematic improvement work and learning from adverse events across the "
                "region's hospitals.",
            },
            "owner_unit": "DK-RFJ-KVAL",
            "objectives": [
                {
                    "code": "O-KVAL-1",
                    "title": {
                        "da": "Færre faldskader hos ældre patienter",
                        "en": "Fewer fall injuries among older patients",
                    },
                    "description": {
                        "da": "Antallet af fald med skade blandt indlagte over 65 år reduceres med "
                        "30 % inden udgangen af 2026.",
                        "en": "Falls with injury among inpatients over 65 are reduced by 30% by "
                        "the end of 2026.",
                    },
                    "owner_unit": "DK-RFJ-SBL-GER",
                    "priority": "P4",
                    "initiatives": [
                        {
                            "code": "I-KVAL-1",
                            "title": {
                                "da": "Faldforebyggelse på de medicinske afsnit",
                                "en": "Falls prevention on medical wards",
                            },
                            "description": {
                                "da": "Systematisk vurdering af faldrisiko ved indlæggelse, "
                                "medicingennemgang og mobilisering efter fast plan.",
                                "en": "Systematic falls-risk assessment on admission, medication "
                                "review and mobilisation according to a fixed plan.",
                            },
                            "owner_unit": "DK-RFJ-SBL-GER",
                            "start": "2025-01-01",
                            "end": "2026-12-31",
                            "status": "in_progress",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "da": "Forbedringsagenter og undervisning",
                                        "en": "Improvement facilitators and training",
                                    },
                                    "planned": "650000.00",
                                    "spent": "498000.00",
                                    "currency": "DKK",
                                },
                                {
                                    "category": {
                                        "da": "Sensormåtter og alarmer",
                                        "en": "Sensor mats and alarms",
                                    },
                                    "planned": "300000.00",
                                    "spent": "289000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {"da": "Baselinemåling", "en": "Baseline measurement"},
                                    "due": "2025-03-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Afprøvning på Geriatrisk Afdeling",
                                        "en": "Trial in the Department of Geriatric Medicine",
                                    },
                                    "due": "2025-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Udbredelse til alle medicinske afsnit",
                                        "en": "Roll-out to all medical wards",
                                    },
                                    "due": "2026-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {"da": "Slutmåling", "en": "Final measurement"},
                                    "due": "2026-12-31",
                                    "status": "in_progress",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "da": "Faldforebyggelsespakke",
                                        "en": "Falls prevention bundle",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {"da": "Resultatrapport", "en": "Results report"},
                                    "status": "planned",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-KVAL-2",
                    "title": {
                        "da": "Læring af utilsigtede hændelser",
                        "en": "Learning from adverse events",
                    },
                    "description": {
                        "da": "Alle alvorlige utilsigtede hændelser analyseres inden for 60 dage, "
                        "og læringen deles i hele regionen.",
                        "en": "All serious adverse events are analysed within 60 days and the "
                        "lessons are shared across the region.",
                    },
                    "owner_unit": "DK-RFJ-KVAL",
                    "priority": "P4",
                    "initiatives": [
                        {
                            "code": "I-KVAL-2",
                            "title": {
                                "da": "Læringsteams på afsnitsniveau",
                                "en": "Ward-level learning teams",
                            },
                            "description": {
                                "da": "Tværfaglige læringsteams mødes ugentligt i 15 minutter og "
                                "drøfter både det, der gik godt, og det, der gik galt.",
                                "en": "Multidisciplinary learning teams meet weekly for 15 "
                                "minutes to discuss both what went well and what went wrong.",
                            },
                            "owner_unit": "DK-RFJ-KVAL",
                            "start": "2025-04-01",
                            "end": "2027-03-31",
                            "status": "in_progress",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "da": "Uddannelse af facilitatorer",
                                        "en": "Facilitator training",
                                    },
                                    "planned": "420000.00",
                                    "spent": "260000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "da": "20 facilitatorer uddannet",
                                        "en": "20 facilitators trained",
                                    },
                                    "due": "2025-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Læringsteams på 25 afsnit",
                                        "en": "Learning teams on 25 wards",
                                    },
                                    "due": "2026-06-30",
                                    "status": "late",
                                },
                                {
                                    "title": {
                                        "da": "Læringsteams på alle afsnit",
                                        "en": "Learning teams on all wards",
                                    },
                                    "due": "2027-03-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "da": "Metodehåndbog for læringsteams",
                                        "en": "Learning team method handbook",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ psychiatry
        {
            "code": "PR-PSYK",
            "title": {"da": "Psykiatri", "en": "Psychiatry"},
            "description": {
                "da": "Bedre adgang, mindre tvang og bedre sammenhæng mellem psykiatri, somatik og "
                "kommuner.",
                "en": "Better access, less coercion and better coordination between psychiatry, "
                "somatic care and municipalities.",
            },
            "owner_unit": "DK-RFJ-PSYK",
            "objectives": [
                {
                    "code": "O-PSYK-1",
                    "title": {"da": "Mindre tvang", "en": "Less coercion"},
                    "description": {
                        "da": "Antallet af bæltefikseringer halveres i forhold til 2023.",
                        "en": "The number of mechanical restraints is halved compared with 2023.",
                    },
                    "owner_unit": "DK-RFJ-PSYK-VOK",
                    "priority": "P4",
                    "initiatives": [
                        {
                            "code": "I-PSYK-1",
                            "title": {
                                "da": "Sanserum og recovery-mentorer på de lukkede afsnit",
                                "en": "Sensory rooms and peer recovery mentors on locked wards",
                            },
                            "description": {
                                "da": "Indretning af sanserum og ansættelse af medarbejdere med "
                                "egen erfaring fra psykiatrien, som hjælper med at nedtrappe "
                                "konflikter.",
                                "en": "Setting up sensory rooms and hiring staff with lived "
                                "experience of mental illness who help de-escalate conflicts.",
                            },
                            "owner_unit": "DK-RFJ-PSYK-VOK",
                            "start": "2024-06-01",
                            "end": "2026-12-31",
                            "status": "in_progress",
                            "funding": [
                                {
                                    "programme_name": {
                                        "da": "Statens pulje til nedbringelse af tvang i "
                                        "psykiatrien",
                                        "en": "State pool for reducing coercion in psychiatry",
                                    },
                                    "funder": {
                                        "da": "Sundhedsstyrelsen",
                                        "en": "Danish Health Authority",
                                    },
                                    "amount": "4800000.00",
                                    "currency": "DKK",
                                },
                                {
                                    "programme_name": {
                                        "da": "Region Fjordlands budget – Psykiatrien",
                                        "en": "Fjordland Region budget – Mental Health Services",
                                    },
                                    "funder": {"da": "Region Fjordland", "en": "Fjordland Region"},
                                    "amount": "1500000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "da": "Ombygning og indretning af sanserum",
                                        "en": "Conversion and fit-out of sensory rooms",
                                    },
                                    "planned": "1800000.00",
                                    "spent": "1760000.00",
                                    "currency": "DKK",
                                },
                                {
                                    "category": {
                                        "da": "Løn til recovery-mentorer",
                                        "en": "Salaries for recovery mentors",
                                    },
                                    "planned": "3900000.00",
                                    "spent": "2950000.00",
                                    "currency": "DKK",
                                },
                                {
                                    "category": {
                                        "da": "Kompetenceudvikling i konfliktnedtrapning",
                                        "en": "De-escalation training",
                                    },
                                    "planned": "600000.00",
                                    "spent": "410000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "da": "Fire sanserum taget i brug",
                                        "en": "Four sensory rooms in use",
                                    },
                                    "due": "2024-12-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Seks recovery-mentorer ansat",
                                        "en": "Six recovery mentors hired",
                                    },
                                    "due": "2025-03-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Alle medarbejdere på lukkede afsnit uddannet i "
                                        "konfliktnedtrapning",
                                        "en": "All staff on locked wards trained in de-escalation",
                                    },
                                    "due": "2026-06-30",
                                    "status": "late",
                                },
                                {
                                    "title": {
                                        "da": "Afrapportering til Sundhedsstyrelsen",
                                        "en": "Final report to the Danish Health Authority",
                                    },
                                    "due": "2026-12-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "da": "Fire sanserum",
                                        "en": "Four sensory rooms",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {"da": "Slutrapport", "en": "Final report"},
                                    "status": "planned",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-PSYK-2",
                    "title": {
                        "da": "Kortere ventetid i børne- og ungdomspsykiatrien",
                        "en": "Shorter waiting times in child and adolescent psychiatry",
                    },
                    "description": {
                        "da": "Retten til udredning inden for 30 dage overholdes for mindst 90 % "
                        "af de henviste børn og unge.",
                        "en": "The right to assessment within 30 days is met for at least 90% of "
                        "referred children and young people.",
                    },
                    "owner_unit": "DK-RFJ-PSYK-BUP",
                    "priority": "P3",
                    "initiatives": [
                        {
                            "code": "I-PSYK-2",
                            "title": {
                                "da": "Visitationsteam og differentierede udredningsspor",
                                "en": "Referral triage team and differentiated assessment tracks",
                            },
                            "description": {
                                "da": "Et tværfagligt visitationsteam fordeler henvisninger til et "
                                "kort eller et udvidet udredningsspor og samarbejder tæt med "
                                "kommunernes PPR.",
                                "en": "A multidisciplinary triage team assigns referrals to a "
                                "short or an extended assessment track and works closely with "
                                "the municipal educational psychology services (PPR).",
                            },
                            "owner_unit": "DK-RFJ-PSYK-BUP",
                            "start": "2024-02-01",
                            "end": "2025-10-31",
                            "status": "completed",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "da": "Lønmidler til visitationsteam",
                                        "en": "Triage team salaries",
                                    },
                                    "planned": "2200000.00",
                                    "spent": "2180000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "da": "Visitationsteam etableret",
                                        "en": "Triage team established",
                                    },
                                    "due": "2024-04-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Kort udredningsspor i drift",
                                        "en": "Short assessment track in operation",
                                    },
                                    "due": "2024-11-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Samarbejdsaftale med kommunerne",
                                        "en": "Cooperation agreement with the municipalities",
                                    },
                                    "due": "2025-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {"da": "Evaluering", "en": "Evaluation"},
                                    "due": "2025-10-31",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "da": "Samarbejdsaftale med kommunerne",
                                        "en": "Cooperation agreement with the municipalities",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {"da": "Evalueringsnotat", "en": "Evaluation memo"},
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ digitalisation
        {
            "code": "PR-DIGI",
            "title": {"da": "Digitalisering", "en": "Digitalisation"},
            "description": {
                "da": "Digitale løsninger, der gør det lettere at være patient og frigør tid hos "
                "personalet, samt stabil og sikker IT-drift.",
                "en": "Digital solutions that make life easier for patients and free up staff "
                "time, together with stable and secure IT operations.",
            },
            "owner_unit": "DK-RFJ-IT",
            "objectives": [
                {
                    "code": "O-DIGI-1",
                    "title": {
                        "da": "Flere digitale konsultationer",
                        "en": "More digital consultations",
                    },
                    "description": {
                        "da": "25 % af de ambulante kontroller gennemføres som video- eller "
                        "telefonkonsultation, når det er fagligt forsvarligt.",
                        "en": "25% of outpatient follow-ups take place by video or phone where "
                        "clinically appropriate.",
                    },
                    "owner_unit": "DK-RFJ-IT",
                    "priority": "P3",
                    "initiatives": [
                        {
                            "code": "I-DIGI-1",
                            "title": {
                                "da": "Videokonsultationer og PRO i ambulatorierne",
                                "en": "Video consultations and patient-reported outcomes (PRO) "
                                "in outpatient clinics",
                            },
                            "description": {
                                "da": "Patienterne udfylder digitale spørgeskemaer før kontrol, så "
                                "kun de, der har behov for det, indkaldes til fremmøde.",
                                "en": "Patients fill in online questionnaires before follow-up, "
                                "so only those who need it are called in for an in-person visit.",
                            },
                            "owner_unit": "DK-RFJ-IT",
                            "start": "2025-02-01",
                            "end": "2026-12-31",
                            "status": "in_progress",
                            "funding": [
                                {
                                    "programme_name": {
                                        "da": "Statens pulje til digitale løsninger i "
                                        "sundhedsvæsenet",
                                        "en": "State pool for digital solutions in the health "
                                        "service",
                                    },
                                    "funder": {
                                        "da": "Sundhedsstyrelsen",
                                        "en": "Danish Health Authority",
                                    },
                                    "amount": "2100000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "da": "Licenser og integration til den elektroniske "
                                        "patientjournal",
                                        "en": "Licences and integration with the electronic "
                                        "patient record",
                                    },
                                    "planned": "1600000.00",
                                    "spent": "1150000.00",
                                    "currency": "DKK",
                                },
                                {
                                    "category": {
                                        "da": "Implementering i ambulatorierne",
                                        "en": "Implementation in outpatient clinics",
                                    },
                                    "planned": "900000.00",
                                    "spent": "610000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "da": "Videokonsultation i alle ambulatorier",
                                        "en": "Video consultations in all outpatient clinics",
                                    },
                                    "due": "2025-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "PRO i diabetes- og hjerteambulatorierne",
                                        "en": "PRO in the diabetes and cardiology clinics",
                                    },
                                    "due": "2025-12-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "PRO i yderligere fem specialer",
                                        "en": "PRO in five more specialties",
                                    },
                                    "due": "2026-09-30",
                                    "status": "late",
                                },
                                {
                                    "title": {
                                        "da": "Evaluering af effekten på antal fremmøder",
                                        "en": "Evaluation of the effect on in-person visits",
                                    },
                                    "due": "2026-12-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "da": "Løsning til videokonsultation",
                                        "en": "Video consultation solution",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "da": "PRO-skemaer i syv specialer",
                                        "en": "PRO questionnaires in seven specialties",
                                    },
                                    "status": "in_progress",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-DIGI-2",
                    "title": {
                        "da": "Sikker og robust IT-drift",
                        "en": "Secure and resilient IT operations",
                    },
                    "description": {
                        "da": "Regionen efterlever kravene i NIS2 og kan holde kritiske systemer "
                        "kørende under et cyberangreb.",
                        "en": "The region complies with NIS2 requirements and can keep critical "
                        "systems running during a cyberattack.",
                    },
                    "owner_unit": "DK-RFJ-IT",
                    "priority": "P4",
                    "initiatives": [
                        {
                            "code": "I-DIGI-2",
                            "title": {
                                "da": "NIS2-parathed og nøddriftsøvelser",
                                "en": "NIS2 readiness and contingency exercises",
                            },
                            "description": {
                                "da": "Risikovurdering af kritiske systemer, segmentering af "
                                "netværket og årlige øvelser i drift uden IT.",
                                "en": "Risk assessment of critical systems, network segmentation "
                                "and annual exercises in running services without IT.",
                            },
                            "owner_unit": "DK-RFJ-IT",
                            "start": "2024-09-01",
                            "end": "2026-06-30",
                            "status": "completed",
                            "funding": [
                                {
                                    "programme_name": {
                                        "da": "Region Fjordlands anlægsbudget – IT",
                                        "en": "Fjordland Region capital budget – IT",
                                    },
                                    "funder": {"da": "Region Fjordland", "en": "Fjordland Region"},
                                    "amount": "5900000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "da": "Netværkssegmentering",
                                        "en": "Network segmentation",
                                    },
                                    "planned": "3200000.00",
                                    "spent": "3150000.00",
                                    "currency": "DKK",
                                },
                                {
                                    "category": {
                                        "da": "Sikkerhedsovervågning (SOC)",
                                        "en": "Security monitoring (SOC)",
                                    },
                                    "planned": "2400000.00",
                                    "spent": "2380000.00",
                                    "currency": "DKK",
                                },
                                {
                                    "category": {
                                        "da": "Øvelser og uddannelse",
                                        "en": "Exercises and training",
                                    },
                                    "planned": "300000.00",
                                    "spent": "264000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "da": "Risikovurdering af kritiske systemer",
                                        "en": "Risk assessment of critical systems",
                                    },
                                    "due": "2024-12-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Hospitalsnetværket segmenteret",
                                        "en": "Hospital network segmented",
                                    },
                                    "due": "2025-10-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Første regionale nøddriftsøvelse",
                                        "en": "First regional contingency exercise",
                                    },
                                    "due": "2026-03-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Ledelseserklæring om efterlevelse af NIS2",
                                        "en": "Management statement on NIS2 compliance",
                                    },
                                    "due": "2026-06-30",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "da": "Opdateret IT-beredskabsplan",
                                        "en": "Updated IT contingency plan",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "da": "Segmenteret netværk",
                                        "en": "Segmented network",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ staff
        {
            "code": "PR-PERS",
            "title": {"da": "Personale og arbejdsmiljø", "en": "Staff and working environment"},
            "description": {
                "da": "Fastholdelse og rekruttering gennem gode vagtordninger, karriereveje og et "
                "godt arbejdsmiljø.",
                "en": "Retention and recruitment through good rota systems, career paths and a "
                "good working environment.",
            },
            "owner_unit": "DK-RFJ-HR",
            "objectives": [
                {
                    "code": "O-PERS-1",
                    "title": {"da": "Fastholdelse af sygeplejersker", "en": "Retaining nurses"},
                    "description": {
                        "da": "Personaleomsætningen blandt sygeplejersker reduceres fra 16 % til "
                        "12 %.",
                        "en": "Nurse turnover is reduced from 16% to 12%.",
                    },
                    "owner_unit": "DK-RFJ-HR",
                    "priority": "P5",
                    "initiatives": [
                        {
                            "code": "I-PERS-1",
                            "title": {
                                "da": "Fleksible vagtordninger og karriereveje",
                                "en": "Flexible rota systems and career paths",
                            },
                            "description": {
                                "da": "Selvvalgte vagtplaner, mulighed for fast nattevagt og nye "
                                "specialistfunktioner for erfarne sygeplejersker.",
                                "en": "Self-rostering, the option of permanent night shifts and "
                                "new specialist roles for experienced nurses.",
                            },
                            "owner_unit": "DK-RFJ-HR",
                            "start": "2024-09-01",
                            "end": "2026-12-31",
                            "status": "in_progress",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "da": "Specialistfunktioner (løn)",
                                        "en": "Specialist roles (salaries)",
                                    },
                                    "planned": "3000000.00",
                                    "spent": "2050000.00",
                                    "currency": "DKK",
                                },
                                {
                                    "category": {
                                        "da": "Vagtplanlægningssystem",
                                        "en": "Rostering system",
                                    },
                                    "planned": "700000.00",
                                    "spent": "690000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "da": "Selvvalgte vagtplaner på 10 afsnit",
                                        "en": "Self-rostering on 10 wards",
                                    },
                                    "due": "2025-03-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "20 specialistfunktioner oprettet",
                                        "en": "20 specialist roles created",
                                    },
                                    "due": "2025-12-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Udbredelse til alle hospitaler",
                                        "en": "Roll-out to all hospitals",
                                    },
                                    "due": "2026-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Opgørelse af personaleomsætning",
                                        "en": "Staff turnover measured",
                                    },
                                    "due": "2026-12-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "da": "Karrieremodel for sygeplejersker",
                                        "en": "Career model for nurses",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-PERS-2",
                    "title": {
                        "da": "Mindre brug af vikarbureauer",
                        "en": "Less use of temporary staffing agencies",
                    },
                    "description": {
                        "da": "Udgifterne til eksterne vikarer nedbringes med 40 % i forhold til "
                        "2023.",
                        "en": "Spending on external agency staff is cut by 40% compared with 2023.",
                    },
                    "owner_unit": "DK-RFJ-HR",
                    "priority": "P5",
                    "initiatives": [],
                },
            ],
        },
        # ------------------------------------------------------------------ prehospital
        {
            "code": "PR-PRAE",
            "title": {
                "da": "Præhospital og sammenhængende akutforløb",
                "en": "Prehospital care and coherent emergency pathways",
            },
            "description": {
                "da": "Hurtig hjælp i hele regionen og gode overgange mellem præhospitalet, "
                "akutmodtagelsen og kommunen.",
                "en": "Fast help throughout the region and smooth transitions between prehospital "
                "care, the emergency department and the municipality.",
            },
            "owner_unit": "DK-RFJ-PRAE",
            "objectives": [
                {
                    "code": "O-PRAE-1",
                    "title": {
                        "da": "Kortere responstider i yderområderne",
                        "en": "Shorter response times in outlying areas",
                    },
                    "description": {
                        "da": "Ambulancen er fremme inden for 15 minutter ved 90 % af de "
                        "livstruende kørsler i alle kommuner.",
                        "en": "An ambulance arrives within 15 minutes for 90% of life-threatening "
                        "calls in every municipality.",
                    },
                    "owner_unit": "DK-RFJ-PRAE",
                    "priority": "P3",
                    "initiatives": [
                        {
                            "code": "I-PRAE-1",
                            "title": {
                                "da": "Akutbiler og hjerteløbere i yderområderne",
                                "en": "Rapid response cars and volunteer first responders in "
                                "outlying areas",
                            },
                            "description": {
                                "da": "To nye akutbiler bemandet med paramedicinere og et netværk "
                                "af frivillige hjerteløbere, der alarmeres via en app.",
                                "en": "Two new rapid response cars staffed by paramedics and a "
                                "network of volunteer first responders alerted through an app.",
                            },
                            "owner_unit": "DK-RFJ-PRAE-ALB",
                            "start": "2025-05-01",
                            "end": "2026-12-31",
                            "status": "in_progress",
                            "funding": [
                                {
                                    "programme_name": {
                                        "da": "Statens pulje til styrket akutberedskab i "
                                        "yderområder",
                                        "en": "State pool for stronger emergency preparedness in "
                                        "outlying areas",
                                    },
                                    "funder": {
                                        "da": "Sundhedsstyrelsen",
                                        "en": "Danish Health Authority",
                                    },
                                    "amount": "5200000.00",
                                    "currency": "DKK",
                                },
                                {
                                    "programme_name": {
                                        "da": "Region Fjordlands budget – Præhospitalet",
                                        "en": "Fjordland Region budget – Prehospital Emergency "
                                        "Services",
                                    },
                                    "funder": {"da": "Region Fjordland", "en": "Fjordland Region"},
                                    "amount": "1000000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "da": "Akutbiler og udstyr",
                                        "en": "Rapid response cars and equipment",
                                    },
                                    "planned": "2400000.00",
                                    "spent": "2360000.00",
                                    "currency": "DKK",
                                },
                                {
                                    "category": {"da": "Bemanding", "en": "Staffing"},
                                    "planned": "3600000.00",
                                    "spent": "2250000.00",
                                    "currency": "DKK",
                                },
                                {
                                    "category": {
                                        "da": "Rekruttering af hjerteløbere",
                                        "en": "Recruitment of volunteer first responders",
                                    },
                                    "planned": "200000.00",
                                    "spent": "140000.00",
                                    "currency": "DKK",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "da": "Første akutbil i drift",
                                        "en": "First rapid response car in service",
                                    },
                                    "due": "2025-10-01",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "Anden akutbil i drift",
                                        "en": "Second rapid response car in service",
                                    },
                                    "due": "2026-04-01",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "da": "500 hjerteløbere tilmeldt",
                                        "en": "500 volunteer first responders registered",
                                    },
                                    "due": "2026-09-30",
                                    "status": "late",
                                },
                                {
                                    "title": {
                                        "da": "Evaluering af responstider",
                                        "en": "Evaluation of response times",
                                    },
                                    "due": "2026-12-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "da": "To akutbiler i drift",
                                        "en": "Two rapid response cars in service",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "da": "Evalueringsrapport om responstider",
                                        "en": "Response-time evaluation report",
                                    },
                                    "status": "planned",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-PRAE-2",
                    "title": {
                        "da": "Trygge overgange efter akut kontakt",
                        "en": "Safe transitions after emergency contact",
                    },
                    "description": {
                        "da": "Ældre patienter, der udskrives direkte fra akutmodtagelsen, får "
                        "opfølgning fra kommunen inden for 24 timer.",
                        "en": "Older patients discharged directly from the emergency department "
                        "receive follow-up from the municipality within 24 hours.",
                    },
                    "owner_unit": "DK-RFJ-SSV-AKUT",
                    "priority": "P3",
                    "initiatives": [],
                },
            ],
        },
    ],
}
