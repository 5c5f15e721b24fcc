"""Fictional demo content: a Vietnamese provincial oncology hospital.

Lam Giang province, the hospital and every project below are invented for
demonstration purposes.
"""

ORGANISATION = {
    "code": "VN-UBLG",
    "kind": "hospital",
    "language": "vi",
    "time_zone": "Asia/Ho_Chi_Minh",
    "name": {
        "vi": "Bệnh viện Ung bướu tỉnh Lam Giang",
        "en": "Lam Giang Provincial Oncology Hospital",
    },
    "children": [
        {
            "code": "VN-UBLG-KKB",
            "kind": "department",
            "name": {"vi": "Khoa Khám bệnh", "en": "Outpatient Examination Department"},
            "children": [],
        },
        {
            "code": "VN-UBLG-XT",
            "kind": "department",
            "name": {"vi": "Khoa Xạ trị", "en": "Radiotherapy Department"},
            "children": [
                {
                    "code": "VN-UBLG-XT-APSAT",
                    "kind": "ward",
                    "name": {"vi": "Đơn vị Xạ trị áp sát", "en": "Brachytherapy Unit"},
                    "children": [],
                },
                {
                    "code": "VN-UBLG-XT-VL",
                    "kind": "service",
                    "name": {"vi": "Tổ Vật lý xạ trị", "en": "Radiotherapy Physics Team"},
                    "children": [],
                },
            ],
        },
        {
            "code": "VN-UBLG-HT",
            "kind": "department",
            "name": {
                "vi": "Khoa Nội – Hóa trị",
                "en": "Medical Oncology and Chemotherapy Department",
            },
            "children": [
                {
                    "code": "VN-UBLG-HT-BN",
                    "kind": "ward",
                    "name": {"vi": "Đơn vị Hóa trị ban ngày", "en": "Day-care Chemotherapy Unit"},
                    "children": [],
                },
            ],
        },
        {
            "code": "VN-UBLG-NGOAI",
            "kind": "department",
            "name": {"vi": "Khoa Ngoại Ung bướu", "en": "Surgical Oncology Department"},
            "children": [
                {
                    "code": "VN-UBLG-NGOAI-GMHS",
                    "kind": "ward",
                    "name": {
                        "vi": "Đơn vị Gây mê hồi sức",
                        "en": "Anaesthesia and Recovery Unit",
                    },
                    "children": [],
                },
            ],
        },
        {
            "code": "VN-UBLG-YHHN",
            "kind": "department",
            "name": {"vi": "Khoa Y học hạt nhân", "en": "Nuclear Medicine Department"},
            "children": [],
        },
        {
            "code": "VN-UBLG-CSGN",
            "kind": "department",
            "name": {"vi": "Khoa Chăm sóc giảm nhẹ", "en": "Palliative Care Department"},
            "children": [],
        },
        {
            "code": "VN-UBLG-NHI",
            "kind": "department",
            "name": {"vi": "Khoa Ung bướu Nhi", "en": "Paediatric Oncology Department"},
            "children": [],
        },
        {
            "code": "VN-UBLG-GPB",
            "kind": "department",
            "name": {
                "vi": "Khoa Giải phẫu bệnh – Tế bào học",
                "en": "Pathology and Cytology Department",
            },
            "children": [],
        },
        {
            "code": "VN-UBLG-CDHA",
            "kind": "department",
            "name": {"vi": "Khoa Chẩn đoán hình ảnh", "en": "Diagnostic Imaging Department"},
            "children": [],
        },
        {
            "code": "VN-UBLG-DUOC",
            "kind": "department",
            "name": {"vi": "Khoa Dược", "en": "Pharmacy Department"},
            "children": [],
        },
        {
            "code": "VN-UBLG-KHTH",
            "kind": "office",
            "name": {"vi": "Phòng Kế hoạch tổng hợp", "en": "General Planning Office"},
            "children": [],
        },
        {
            "code": "VN-UBLG-QLCL",
            "kind": "office",
            "name": {"vi": "Phòng Quản lý chất lượng", "en": "Quality Management Office"},
            "children": [],
        },
        {
            "code": "VN-UBLG-DD",
            "kind": "office",
            "name": {"vi": "Phòng Điều dưỡng", "en": "Nursing Office"},
            "children": [],
        },
        {
            "code": "VN-UBLG-TCCB",
            "kind": "office",
            "name": {"vi": "Phòng Tổ chức cán bộ", "en": "Personnel and Organisation Office"},
            "children": [],
        },
        {
            "code": "VN-UBLG-TCKT",
            "kind": "office",
            "name": {"vi": "Phòng Tài chính – Kế toán", "en": "Finance and Accounting Office"},
            "children": [],
        },
        {
            "code": "VN-UBLG-CNTT",
            "kind": "office",
            "name": {"vi": "Phòng Công nghệ thông tin", "en": "Information Technology Office"},
            "children": [],
        },
        {
            "code": "VN-UBLG-VTTB",
            "kind": "office",
            "name": {
                "vi": "Phòng Vật tư – Thiết bị y tế",
                "en": "Medical Supplies and Equipment Office",
            },
            "children": [],
        },
        {
            "code": "VN-UBLG-HCQT",
            "kind": "office",
            "name": {
                "vi": "Phòng Hành chính quản trị",
                "en": "Administration and Facilities Office",
            },
            "children": [],
        },
    ],
}

STRATEGY = {
    "code": "STRAT-2025-2030",
    "title": {
        "vi": "Kế hoạch chiến lược phát triển Bệnh viện Ung bướu tỉnh Lam Giang giai đoạn "
        "2025–2030",
        "en": "Strategic Development Plan of Lam Giang Provincial Oncology Hospital 2025–2030",
    },
    "approving_body": {
        "vi": "Sở Y tế tỉnh Lam Giang",
        "en": "Lam Giang Provincial Department of Health",
    },
    "decision_date": "2025-03-12",
    "valid_from": "2025-01-01",
    "valid_to": "2030-12-31",
    "mission": {
        "vi": "Cung cấp dịch vụ phòng chống, chẩn đoán, điều trị và chăm sóc ung thư toàn diện, "
        "an toàn, hiệu quả và nhân văn cho người dân trong tỉnh và khu vực.",
        "en": "To provide comprehensive, safe, effective and humane cancer prevention, "
        "diagnosis, treatment and care for people in the province and the wider region.",
    },
    "vision": {
        "vi": "Đến năm 2030, trở thành trung tâm ung bướu hiện đại hàng đầu khu vực, làm chủ "
        "các kỹ thuật chuyên sâu và được người bệnh tin tưởng lựa chọn.",
        "en": "By 2030, to be the region's leading modern cancer centre, mastering advanced "
        "techniques and chosen by patients with confidence.",
    },
    "values": [
        {
            "name": {"vi": "Tận tâm", "en": "Dedication"},
            "description": {
                "vi": "Đặt người bệnh ở vị trí trung tâm, chăm sóc bằng cả chuyên môn và sự "
                "cảm thông.",
                "en": "We put patients at the centre and care for them with both expertise and "
                "compassion.",
            },
        },
        {
            "name": {"vi": "Chuyên nghiệp", "en": "Professionalism"},
            "description": {
                "vi": "Tuân thủ quy trình chuyên môn, không ngừng học hỏi và nâng cao trình độ.",
                "en": "We follow clinical protocols and never stop learning and improving our "
                "skills.",
            },
        },
        {
            "name": {"vi": "An toàn", "en": "Safety"},
            "description": {
                "vi": "Bảo đảm an toàn cho người bệnh, nhân viên y tế và cộng đồng, đặc biệt "
                "trong xạ trị và y học hạt nhân.",
                "en": "We ensure the safety of patients, staff and the community, especially in "
                "radiotherapy and nuclear medicine.",
            },
        },
        {
            "name": {"vi": "Đổi mới", "en": "Innovation"},
            "description": {
                "vi": "Chủ động ứng dụng kỹ thuật mới và chuyển đổi số trong khám, chữa bệnh và "
                "quản lý.",
                "en": "We proactively adopt new techniques and digital tools in clinical care "
                "and management.",
            },
        },
    ],
    "priorities": [
        {
            "code": "P1",
            "title": {
                "vi": "Chất lượng chuyên môn và an toàn người bệnh",
                "en": "Clinical quality and patient safety",
            },
            "description": {
                "vi": "Thực hiện đầy đủ Bộ tiêu chí chất lượng bệnh viện Việt Nam và quản lý rủi "
                "ro lâm sàng.",
                "en": "Fully applying the Vietnamese hospital quality criteria and managing "
                "clinical risk.",
            },
        },
        {
            "code": "P2",
            "title": {
                "vi": "Phát triển kỹ thuật chuyên sâu",
                "en": "Developing advanced techniques",
            },
            "description": {
                "vi": "Mở rộng năng lực xạ trị, y học hạt nhân và phẫu thuật ung thư để giảm "
                "chuyển tuyến trung ương.",
                "en": "Expanding radiotherapy, nuclear medicine and cancer surgery capacity to "
                "reduce referrals to central hospitals.",
            },
        },
        {
            "code": "P3",
            "title": {
                "vi": "Chuyển đổi số toàn diện",
                "en": "Comprehensive digital transformation",
            },
            "description": {
                "vi": "Triển khai bệnh án điện tử, thanh toán không dùng tiền mặt và liên thông "
                "dữ liệu.",
                "en": "Implementing electronic medical records, cashless payment and "
                "interoperable data exchange.",
            },
        },
        {
            "code": "P4",
            "title": {
                "vi": "Phát triển nguồn nhân lực chất lượng cao",
                "en": "Developing a highly skilled workforce",
            },
            "description": {
                "vi": "Đào tạo chuyên sâu cho bác sĩ, điều dưỡng, kỹ sư vật lý y khoa và nâng "
                "cao y đức.",
                "en": "Advanced training for doctors, nurses and medical physicists, and "
                "strengthening medical ethics.",
            },
        },
        {
            "code": "P5",
            "title": {"vi": "Lấy người bệnh làm trung tâm", "en": "Patient-centred care"},
            "description": {
                "vi": "Đơn giản hóa thủ tục hành chính, giảm thời gian chờ và nâng cao sự hài lòng "
                "của người bệnh.",
                "en": "Simplifying administrative procedures, cutting waiting times and raising "
                "patient satisfaction.",
            },
        },
    ],
    "success_factors": [
        {
            "code": "CSF1",
            "title": {"vi": "Sự lãnh đạo thống nhất", "en": "Unified leadership"},
            "description": {
                "vi": "Đảng ủy và Ban Giám đốc lãnh đạo thống nhất, quyết liệt; mọi khoa, phòng và "
                "nhân viên cùng chung mục tiêu.",
                "en": "Consistent, determined leadership by the Party Committee and the Board of "
                "Directors, with every department and staff member sharing the same goals.",
            },
        },
        {
            "code": "CSF2",
            "title": {"vi": "Tự chủ tài chính bền vững", "en": "Sustainable financial autonomy"},
            "description": {
                "vi": "Tăng nguồn thu hợp pháp và sử dụng hiệu quả Quỹ phát triển hoạt động sự "
                "nghiệp để tái đầu tư.",
                "en": "Increasing legitimate revenue and using the hospital development fund "
                "efficiently for reinvestment.",
            },
        },
        {
            "code": "CSF3",
            "title": {"vi": "Hợp tác với tuyến trên", "en": "Partnership with central hospitals"},
            "description": {
                "vi": "Tiếp nhận chuyển giao kỹ thuật và đào tạo từ các bệnh viện ung bướu tuyến "
                "trung ương.",
                "en": "Receiving technology transfer and training from central-level cancer "
                "hospitals.",
            },
        },
        {
            "code": "CSF4",
            "title": {
                "vi": "Cơ sở hạ tầng và trang thiết bị hiện đại",
                "en": "Modern infrastructure and equipment",
            },
            "description": {
                "vi": "Đầu tư đồng bộ trang thiết bị và hạ tầng, đáp ứng yêu cầu an toàn bức xạ.",
                "en": "Coordinated investment in equipment and infrastructure that meets "
                "radiation-safety requirements.",
            },
        },
    ],
    "programmes": [
        # ------------------------------------------------------------------ clinical services
        {
            "code": "PR-KCB",
            "title": {"vi": "Chương trình khám, chữa bệnh", "en": "Clinical services programme"},
            "description": {
                "vi": "Bảo đảm đạt và vượt chỉ tiêu khám bệnh, điều trị ngoại trú và nội trú được "
                "giao.",
                "en": "Meeting or exceeding the assigned outpatient and inpatient targets.",
            },
            "owner_unit": "VN-UBLG-KHTH",
            "objectives": [
                {
                    "code": "O-KCB-1",
                    "title": {
                        "vi": "Đạt 110.000 lượt khám bệnh mỗi năm",
                        "en": "Reach 110,000 outpatient visits a year",
                    },
                    "description": {
                        "vi": "Tăng số lượt khám và giảm thời gian chờ khám trung bình xuống dưới "
                        "60 phút.",
                        "en": "Increase outpatient visits and reduce the average waiting time to "
                        "under 60 minutes.",
                    },
                    "owner_unit": "VN-UBLG-KKB",
                    "priority": "P5",
                    "initiatives": [
                        {
                            "code": "I-KCB-1",
                            "title": {
                                "vi": "Cải tiến quy trình khám bệnh và hệ thống xếp hàng tự động",
                                "en": "Outpatient pathway redesign with an automated queuing "
                                "system",
                            },
                            "description": {
                                "vi": "Lắp đặt ki-ốt lấy số tự động, triển khai đặt lịch khám "
                                "trực tuyến và bố trí lại khu vực chờ khám.",
                                "en": "Installing self-service ticket kiosks, introducing online "
                                "appointment booking and redesigning the waiting area.",
                            },
                            "owner_unit": "VN-UBLG-KKB",
                            "start": "2025-02-01",
                            "end": "2025-10-31",
                            "status": "completed",
                            "funding": [
                                {
                                    "programme_name": {
                                        "vi": "Quỹ phát triển hoạt động sự nghiệp",
                                        "en": "Hospital development fund",
                                    },
                                    "funder": {
                                        "vi": "Bệnh viện Ung bướu tỉnh Lam Giang",
                                        "en": "Lam Giang Provincial Oncology Hospital",
                                    },
                                    "amount": "1850000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "vi": "Ki-ốt và màn hình gọi số",
                                        "en": "Kiosks and queue display screens",
                                    },
                                    "planned": "1250000000.00",
                                    "spent": "1198000000.00",
                                    "currency": "VND",
                                },
                                {
                                    "category": {
                                        "vi": "Phần mềm đặt lịch khám",
                                        "en": "Appointment booking software",
                                    },
                                    "planned": "450000000.00",
                                    "spent": "432000000.00",
                                    "currency": "VND",
                                },
                                {
                                    "category": {
                                        "vi": "Cải tạo khu vực chờ khám",
                                        "en": "Waiting area refurbishment",
                                    },
                                    "planned": "150000000.00",
                                    "spent": "147500000.00",
                                    "currency": "VND",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "vi": "Khảo sát thời gian chờ khám ban đầu",
                                        "en": "Baseline waiting-time survey",
                                    },
                                    "due": "2025-02-28",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Lắp đặt ki-ốt và màn hình gọi số",
                                        "en": "Kiosks and queue screens installed",
                                    },
                                    "due": "2025-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Đưa đặt lịch khám trực tuyến vào vận hành",
                                        "en": "Online booking goes live",
                                    },
                                    "due": "2025-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Đánh giá hiệu quả sau triển khai",
                                        "en": "Post-implementation review",
                                    },
                                    "due": "2025-10-31",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "vi": "Hệ thống xếp hàng tự động",
                                        "en": "Automated queuing system",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "vi": "Báo cáo thời gian chờ khám sau cải tiến",
                                        "en": "Report on waiting times after the redesign",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-KCB-2",
                    "title": {
                        "vi": "Hoàn thành kế hoạch điều trị nội trú",
                        "en": "Meeting the inpatient treatment plan",
                    },
                    "description": {
                        "vi": "Đạt 100% chỉ tiêu điều trị nội trú được giao và giảm tình trạng "
                        "nằm ghép xuống dưới 5% số ngày giường.",
                        "en": "Reach 100% of the assigned inpatient target and reduce bed "
                        "sharing to under 5% of bed-days.",
                    },
                    "owner_unit": "VN-UBLG-KHTH",
                    "priority": "P1",
                    "initiatives": [
                        {
                            "code": "I-KCB-2",
                            "title": {
                                "vi": "Mở rộng Đơn vị Hóa trị ban ngày",
                                "en": "Expansion of the Day-care Chemotherapy Unit",
                            },
                            "description": {
                                "vi": "Nâng lên 40 ghế truyền hóa chất để phần lớn người bệnh "
                                "hóa trị được điều trị ban ngày, giảm tải cho khu nội trú.",
                                "en": "Increasing capacity to 40 infusion chairs so that most "
                                "chemotherapy patients are treated as day cases, easing pressure "
                                "on the inpatient wards.",
                            },
                            "owner_unit": "VN-UBLG-HT-BN",
                            "start": "2025-06-01",
                            "end": "2026-12-31",
                            "status": "in_progress",
                            "funding": [
                                {
                                    "programme_name": {
                                        "vi": "Quỹ phát triển hoạt động sự nghiệp",
                                        "en": "Hospital development fund",
                                    },
                                    "funder": {
                                        "vi": "Bệnh viện Ung bướu tỉnh Lam Giang",
                                        "en": "Lam Giang Provincial Oncology Hospital",
                                    },
                                    "amount": "3400000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "vi": "Ghế truyền và bơm tiêm điện",
                                        "en": "Infusion chairs and syringe pumps",
                                    },
                                    "planned": "2100000000.00",
                                    "spent": "1860000000.00",
                                    "currency": "VND",
                                },
                                {
                                    "category": {
                                        "vi": "Tủ an toàn sinh học pha chế hóa chất",
                                        "en": "Biosafety cabinets for cytotoxic compounding",
                                    },
                                    "planned": "900000000.00",
                                    "spent": "890000000.00",
                                    "currency": "VND",
                                },
                                {
                                    "category": {"vi": "Cải tạo mặt bằng", "en": "Refurbishment"},
                                    "planned": "400000000.00",
                                    "spent": "395000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "vi": "Cải tạo mặt bằng tầng 3 nhà B",
                                        "en": "Third floor of building B refurbished",
                                    },
                                    "due": "2025-10-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Đưa 20 ghế truyền đầu tiên vào hoạt động",
                                        "en": "First 20 infusion chairs in use",
                                    },
                                    "due": "2025-12-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Vận hành khu pha chế hóa chất tập trung",
                                        "en": "Central cytotoxic compounding area in operation",
                                    },
                                    "due": "2026-06-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Vận hành đủ 40 ghế truyền",
                                        "en": "All 40 infusion chairs in use",
                                    },
                                    "due": "2026-10-31",
                                    "status": "late",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "vi": "Đơn vị Hóa trị ban ngày quy mô 40 ghế",
                                        "en": "40-chair day-care chemotherapy unit",
                                    },
                                    "status": "in_progress",
                                },
                                {
                                    "title": {
                                        "vi": "Quy trình pha chế hóa chất tập trung",
                                        "en": "Central cytotoxic compounding procedure",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ radiotherapy
        {
            "code": "PR-XT",
            "title": {
                "vi": "Chương trình phát triển xạ trị và y học hạt nhân",
                "en": "Radiotherapy and nuclear medicine development programme",
            },
            "description": {
                "vi": "Tăng năng lực và chất lượng xạ trị, rút ngắn thời gian chờ và giảm chuyển "
                "tuyến.",
                "en": "Increasing radiotherapy capacity and quality, shortening waiting times and "
                "reducing referrals.",
            },
            "owner_unit": "VN-UBLG-XT",
            "objectives": [
                {
                    "code": "O-XT-1",
                    "title": {
                        "vi": "Tăng năng lực xạ trị",
                        "en": "Increasing radiotherapy capacity",
                    },
                    "description": {
                        "vi": "Rút ngắn thời gian chờ xạ trị xuống dưới 2 tuần nhờ đưa máy gia "
                        "tốc tuyến tính thứ hai vào hoạt động.",
                        "en": "Cut the radiotherapy waiting time to under two weeks by bringing "
                        "a second linear accelerator into service.",
                    },
                    "owner_unit": "VN-UBLG-XT",
                    "priority": "P2",
                    "initiatives": [
                        {
                            "code": "I-XT-1",
                            "title": {
                                "vi": "Đầu tư máy gia tốc tuyến tính thứ hai và xây dựng phòng "
                                "xạ trị (bunker)",
                                "en": "Second linear accelerator and construction of a treatment "
                                "bunker",
                            },
                            "description": {
                                "vi": "Xây dựng bunker đạt chuẩn an toàn bức xạ và lắp đặt máy "
                                "gia tốc có khả năng xạ trị điều biến liều (IMRT/VMAT).",
                                "en": "Building a radiation-shielded bunker and installing a "
                                "linear accelerator capable of intensity-modulated radiotherapy "
                                "(IMRT/VMAT).",
                            },
                            "owner_unit": "VN-UBLG-XT",
                            "start": "2025-04-01",
                            "end": "2027-06-30",
                            "status": "in_progress",
                            "funding": [
                                {
                                    "programme_name": {
                                        "vi": "Ngân sách nhà nước – vốn đầu tư công trung hạn của "
                                        "tỉnh",
                                        "en": "State budget – provincial medium-term public "
                                        "investment capital",
                                    },
                                    "funder": {
                                        "vi": "Ủy ban nhân dân tỉnh Lam Giang",
                                        "en": "Lam Giang Provincial People's Committee",
                                    },
                                    "amount": "72000000000.00",
                                    "currency": "VND",
                                },
                                {
                                    "programme_name": {
                                        "vi": "Quỹ phát triển hoạt động sự nghiệp",
                                        "en": "Hospital development fund",
                                    },
                                    "funder": {
                                        "vi": "Bệnh viện Ung bướu tỉnh Lam Giang",
                                        "en": "Lam Giang Provincial Oncology Hospital",
                                    },
                                    "amount": "12500000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "vi": "Xây dựng bunker",
                                        "en": "Bunker construction",
                                    },
                                    "planned": "18500000000.00",
                                    "spent": "15900000000.00",
                                    "currency": "VND",
                                },
                                {
                                    "category": {
                                        "vi": "Máy gia tốc tuyến tính và phụ kiện",
                                        "en": "Linear accelerator and accessories",
                                    },
                                    "planned": "61000000000.00",
                                    "spent": "30500000000.00",
                                    "currency": "VND",
                                },
                                {
                                    "category": {
                                        "vi": "Hệ thống lập kế hoạch điều trị",
                                        "en": "Treatment planning system",
                                    },
                                    "planned": "3800000000.00",
                                    "spent": "0.00",
                                    "currency": "VND",
                                },
                                {
                                    "category": {
                                        "vi": "Đào tạo, kiểm định và cấp phép",
                                        "en": "Training, testing and licensing",
                                    },
                                    "planned": "1200000000.00",
                                    "spent": "150000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "vi": "Hoàn thành thiết kế bunker và thẩm định an toàn "
                                        "bức xạ",
                                        "en": "Bunker design and radiation-safety appraisal "
                                        "completed",
                                    },
                                    "due": "2025-08-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Lựa chọn nhà thầu cung cấp máy gia tốc",
                                        "en": "Linear accelerator supplier selected",
                                    },
                                    "due": "2025-12-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Hoàn thành xây dựng bunker",
                                        "en": "Bunker construction completed",
                                    },
                                    "due": "2026-09-30",
                                    "status": "late",
                                },
                                {
                                    "title": {
                                        "vi": "Lắp đặt, nghiệm thu máy và cấp giấy phép tiến hành "
                                        "công việc bức xạ",
                                        "en": "Installation, acceptance testing and radiation "
                                        "work licence",
                                    },
                                    "due": "2027-03-31",
                                    "status": "planned",
                                },
                                {
                                    "title": {
                                        "vi": "Điều trị cho người bệnh đầu tiên",
                                        "en": "First patient treated",
                                    },
                                    "due": "2027-06-30",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "vi": "Bunker xạ trị đạt chuẩn an toàn bức xạ",
                                        "en": "Treatment bunker meeting radiation-safety standards",
                                    },
                                    "status": "in_progress",
                                },
                                {
                                    "title": {
                                        "vi": "Máy gia tốc thứ hai được đưa vào sử dụng",
                                        "en": "Second linear accelerator in clinical use",
                                    },
                                    "status": "planned",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-XT-2",
                    "title": {
                        "vi": "Làm chủ kỹ thuật xạ trị chuyên sâu",
                        "en": "Mastering advanced radiotherapy techniques",
                    },
                    "description": {
                        "vi": "Triển khai thường quy kỹ thuật IMRT/VMAT và xạ trị áp sát suất "
                        "liều cao.",
                        "en": "Routine use of IMRT/VMAT and high-dose-rate brachytherapy.",
                    },
                    "owner_unit": "VN-UBLG-XT",
                    "priority": "P2",
                    "initiatives": [
                        {
                            "code": "I-XT-2",
                            "title": {
                                "vi": "Tiếp nhận chuyển giao kỹ thuật xạ trị điều biến liều từ "
                                "bệnh viện tuyến trung ương",
                                "en": "Transfer of IMRT techniques from a central-level hospital",
                            },
                            "description": {
                                "vi": "Gói chuyển giao kỹ thuật gồm đào tạo bác sĩ, kỹ sư vật lý "
                                "và kỹ thuật viên, có chuyên gia hỗ trợ tại chỗ trong 6 tháng "
                                "đầu.",
                                "en": "A technology transfer package training doctors, "
                                "physicists and radiographers, with on-site expert support for "
                                "the first six months.",
                            },
                            "owner_unit": "VN-UBLG-XT-VL",
                            "start": "2024-10-01",
                            "end": "2025-09-30",
                            "status": "completed",
                            "funding": [
                                {
                                    "programme_name": {
                                        "vi": "Đề án Bệnh viện vệ tinh chuyên ngành ung bướu",
                                        "en": "Satellite Hospital Scheme for oncology",
                                    },
                                    "funder": {"vi": "Bộ Y tế", "en": "Ministry of Health"},
                                    "amount": "850000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "vi": "Chi phí chuyển giao kỹ thuật",
                                        "en": "Technology transfer fees",
                                    },
                                    "planned": "1100000000.00",
                                    "spent": "1080000000.00",
                                    "currency": "VND",
                                },
                                {
                                    "category": {
                                        "vi": "Công tác phí đào tạo",
                                        "en": "Training travel expenses",
                                    },
                                    "planned": "250000000.00",
                                    "spent": "236000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "vi": "Ký hợp đồng chuyển giao kỹ thuật",
                                        "en": "Technology transfer contract signed",
                                    },
                                    "due": "2024-10-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Hoàn thành đào tạo lý thuyết tại tuyến trên",
                                        "en": "Theoretical training at the central hospital "
                                        "completed",
                                    },
                                    "due": "2025-02-28",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Điều trị 30 ca IMRT có chuyên gia giám sát",
                                        "en": "30 IMRT cases treated under expert supervision",
                                    },
                                    "due": "2025-07-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Nghiệm thu chuyển giao kỹ thuật",
                                        "en": "Technology transfer signed off",
                                    },
                                    "due": "2025-09-30",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "vi": "Quy trình kỹ thuật IMRT được phê duyệt",
                                        "en": "Approved IMRT procedure",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "vi": "12 nhân viên được cấp chứng nhận",
                                        "en": "12 staff members certified",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ digital
        {
            "code": "PR-CDS",
            "title": {"vi": "Chương trình chuyển đổi số", "en": "Digital transformation programme"},
            "description": {
                "vi": "Xây dựng bệnh viện thông minh với bệnh án điện tử, thanh toán không dùng "
                "tiền mặt và dữ liệu liên thông.",
                "en": "Building a smart hospital with electronic medical records, cashless "
                "payment and interoperable data.",
            },
            "owner_unit": "VN-UBLG-CNTT",
            "objectives": [
                {
                    "code": "O-CDS-1",
                    "title": {
                        "vi": "Triển khai bệnh án điện tử toàn viện",
                        "en": "Hospital-wide electronic medical records",
                    },
                    "description": {
                        "vi": "Thay thế hoàn toàn bệnh án giấy bằng bệnh án điện tử tại tất cả "
                        "các khoa lâm sàng vào cuối năm 2026.",
                        "en": "Completely replace paper records with electronic medical records "
                        "in all clinical departments by the end of 2026.",
                    },
                    "owner_unit": "VN-UBLG-CNTT",
                    "priority": "P3",
                    "initiatives": [
                        {
                            "code": "I-CDS-1",
                            "title": {
                                "vi": "Dự án bệnh án điện tử (EMR)",
                                "en": "Electronic medical record (EMR) project",
                            },
                            "description": {
                                "vi": "Nâng cấp hệ thống thông tin bệnh viện, cấp chữ ký số cho "
                                "nhân viên y tế và kết nối hệ thống lưu trữ và truyền hình ảnh "
                                "(PACS).",
                                "en": "Upgrading the hospital information system, issuing "
                                "digital signatures to clinical staff and integrating the picture "
                                "archiving and communication system (PACS).",
                            },
                            "owner_unit": "VN-UBLG-CNTT",
                            "start": "2025-03-01",
                            "end": "2026-12-31",
                            "status": "in_progress",
                            "funding": [
                                {
                                    "programme_name": {
                                        "vi": "Ngân sách nhà nước – kinh phí chuyển đổi số ngành "
                                        "y tế",
                                        "en": "State budget – health sector digital "
                                        "transformation funds",
                                    },
                                    "funder": {
                                        "vi": "Sở Y tế tỉnh Lam Giang",
                                        "en": "Lam Giang Provincial Department of Health",
                                    },
                                    "amount": "6500000000.00",
                                    "currency": "VND",
                                },
                                {
                                    "programme_name": {
                                        "vi": "Quỹ phát triển hoạt động sự nghiệp",
                                        "en": "Hospital development fund",
                                    },
                                    "funder": {
                                        "vi": "Bệnh viện Ung bướu tỉnh Lam Giang",
                                        "en": "Lam Giang Provincial Oncology Hospital",
                                    },
                                    "amount": "2300000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "vi": "Phần mềm HIS/EMR và bản quyền",
                                        "en": "HIS/EMR software and licences",
                                    },
                                    "planned": "4800000000.00",
                                    "spent": "3900000000.00",
                                    "currency": "VND",
                                },
                                {
                                    "category": {
                                        "vi": "Máy chủ, thiết bị lưu trữ và mạng",
                                        "en": "Servers, storage and network equipment",
                                    },
                                    "planned": "2600000000.00",
                                    "spent": "2540000000.00",
                                    "currency": "VND",
                                },
                                {
                                    "category": {
                                        "vi": "Chữ ký số và máy tính bảng",
                                        "en": "Digital signatures and tablets",
                                    },
                                    "planned": "900000000.00",
                                    "spent": "610000000.00",
                                    "currency": "VND",
                                },
                                {
                                    "category": {"vi": "Đào tạo người dùng", "en": "User training"},
                                    "planned": "500000000.00",
                                    "spent": "280000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "vi": "Thí điểm bệnh án điện tử tại Khoa Nội – Hóa trị",
                                        "en": "EMR pilot in the Medical Oncology and "
                                        "Chemotherapy Department",
                                    },
                                    "due": "2025-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Cấp chữ ký số cho toàn bộ bác sĩ, điều dưỡng",
                                        "en": "Digital signatures issued to all doctors and nurses",
                                    },
                                    "due": "2026-03-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Triển khai bệnh án điện tử tại tất cả khoa lâm sàng",
                                        "en": "EMR rolled out in all clinical departments",
                                    },
                                    "due": "2026-09-30",
                                    "status": "late",
                                },
                                {
                                    "title": {
                                        "vi": "Sở Y tế thẩm định, công nhận triển khai bệnh án "
                                        "điện tử",
                                        "en": "Provincial Department of Health appraises and "
                                        "recognises the EMR",
                                    },
                                    "due": "2026-12-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "vi": "Bệnh án điện tử vận hành tại các khoa lâm sàng",
                                        "en": "EMR in use in clinical departments",
                                    },
                                    "status": "in_progress",
                                },
                                {
                                    "title": {
                                        "vi": "Quy chế sử dụng bệnh án điện tử",
                                        "en": "EMR usage regulations",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-CDS-2",
                    "title": {"vi": "Thanh toán không dùng tiền mặt", "en": "Cashless payment"},
                    "description": {
                        "vi": "Ít nhất 70% giao dịch viện phí được thanh toán qua chuyển khoản, mã "
                        "QR hoặc thẻ.",
                        "en": "At least 70% of hospital fee transactions paid by bank transfer, "
                        "QR code or card.",
                    },
                    "owner_unit": "VN-UBLG-TCKT",
                    "priority": "P3",
                    "initiatives": [
                        {
                            "code": "I-CDS-2",
                            "title": {
                                "vi": "Triển khai thanh toán viện phí điện tử",
                                "en": "Electronic payment of hospital fees",
                            },
                            "description": {
                                "vi": "Kết nối hệ thống viện phí với ngân hàng, thanh toán bằng mã "
                                "QR động tại quầy thu và trên ứng dụng di động.",
                                "en": "Linking the billing system to banks, with dynamic QR-code "
                                "payment at the cashier's desk and in the mobile app.",
                            },
                            "owner_unit": "VN-UBLG-TCKT",
                            "start": "2024-09-01",
                            "end": "2025-06-30",
                            "status": "completed",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "vi": "Tích hợp phần mềm viện phí",
                                        "en": "Billing software integration",
                                    },
                                    "planned": "380000000.00",
                                    "spent": "365000000.00",
                                    "currency": "VND",
                                },
                                {
                                    "category": {
                                        "vi": "Thiết bị POS và màn hình hiển thị mã QR",
                                        "en": "POS terminals and QR display screens",
                                    },
                                    "planned": "120000000.00",
                                    "spent": "112000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "vi": "Ký thỏa thuận hợp tác với ngân hàng",
                                        "en": "Cooperation agreement signed with the bank",
                                    },
                                    "due": "2024-10-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Thanh toán QR tại quầy thu viện phí",
                                        "en": "QR payment at the cashier's desk",
                                    },
                                    "due": "2025-01-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Thanh toán trên ứng dụng di động",
                                        "en": "Payment in the mobile app",
                                    },
                                    "due": "2025-06-30",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "vi": "Hệ thống thanh toán viện phí bằng mã QR",
                                        "en": "QR-code hospital fee payment system",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ personnel
        {
            "code": "PR-NNL",
            "title": {
                "vi": "Chương trình phát triển nguồn nhân lực",
                "en": "Human resources development programme",
            },
            "description": {
                "vi": "Đào tạo, thu hút và giữ chân đội ngũ chuyên môn chất lượng cao.",
                "en": "Training, attracting and retaining highly qualified clinical staff.",
            },
            "owner_unit": "VN-UBLG-TCCB",
            "objectives": [
                {
                    "code": "O-NNL-1",
                    "title": {
                        "vi": "Đào tạo chuyên sâu về ung bướu",
                        "en": "Advanced oncology training",
                    },
                    "description": {
                        "vi": "Đến năm 2028, 100% bác sĩ lâm sàng có chứng chỉ chuyên khoa ung "
                        "bướu và 30% có trình độ sau đại học.",
                        "en": "By 2028, all clinical doctors hold an oncology specialty "
                        "certificate and 30% have a postgraduate qualification.",
                    },
                    "owner_unit": "VN-UBLG-TCCB",
                    "priority": "P4",
                    "initiatives": [
                        {
                            "code": "I-NNL-1",
                            "title": {
                                "vi": "Đào tạo bác sĩ chuyên khoa và kỹ sư vật lý y khoa",
                                "en": "Training specialist doctors and medical physicists",
                            },
                            "description": {
                                "vi": "Cử 15 bác sĩ đi học chuyên khoa cấp I, cấp II và 4 kỹ sư "
                                "học vật lý y khoa để vận hành máy gia tốc mới.",
                                "en": "Sending 15 doctors on level I and II specialist courses "
                                "and 4 engineers on medical physics training to operate the new "
                                "linear accelerator.",
                            },
                            "owner_unit": "VN-UBLG-TCCB",
                            "start": "2025-01-01",
                            "end": "2028-12-31",
                            "status": "in_progress",
                            "funding": [
                                {
                                    "programme_name": {
                                        "vi": "Ngân sách nhà nước – kinh phí đào tạo nhân lực y tế",
                                        "en": "State budget – health workforce training funds",
                                    },
                                    "funder": {
                                        "vi": "Sở Y tế tỉnh Lam Giang",
                                        "en": "Lam Giang Provincial Department of Health",
                                    },
                                    "amount": "1600000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "vi": "Học phí và công tác phí",
                                        "en": "Tuition fees and travel expenses",
                                    },
                                    "planned": "2400000000.00",
                                    "spent": "870000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "vi": "Cử đợt 1 (8 bác sĩ) đi học",
                                        "en": "First group (8 doctors) starts training",
                                    },
                                    "due": "2025-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Cử đợt 2 (7 bác sĩ) đi học",
                                        "en": "Second group (7 doctors) starts training",
                                    },
                                    "due": "2026-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "4 kỹ sư hoàn thành khóa vật lý y khoa",
                                        "en": "4 engineers complete medical physics training",
                                    },
                                    "due": "2026-12-31",
                                    "status": "in_progress",
                                },
                                {
                                    "title": {
                                        "vi": "Toàn bộ học viên tốt nghiệp",
                                        "en": "All trainees graduate",
                                    },
                                    "due": "2028-12-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "vi": "Kế hoạch đào tạo giai đoạn 2025–2028",
                                        "en": "Training plan 2025–2028",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-NNL-2",
                    "title": {
                        "vi": "Nâng cao y đức và kỹ năng giao tiếp",
                        "en": "Strengthening medical ethics and communication skills",
                    },
                    "description": {
                        "vi": "Không có phản ánh về thái độ phục vụ được xác minh là đúng.",
                        "en": "No substantiated complaints about staff attitude.",
                    },
                    "owner_unit": "VN-UBLG-DD",
                    "priority": "P5",
                    "initiatives": [
                        {
                            "code": "I-NNL-2",
                            "title": {
                                "vi": "Tập huấn kỹ năng giao tiếp với người bệnh ung thư",
                                "en": "Communication skills training for cancer care",
                            },
                            "description": {
                                "vi": "Tập huấn cho điều dưỡng và bác sĩ về cách thông báo tin "
                                "xấu, tư vấn cho người bệnh và người nhà.",
                                "en": "Training nurses and doctors in breaking bad news and in "
                                "counselling patients and their families.",
                            },
                            "owner_unit": "VN-UBLG-DD",
                            "start": "2025-03-01",
                            "end": "2025-12-31",
                            "status": "completed",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "vi": "Giảng viên và tài liệu",
                                        "en": "Trainers and materials",
                                    },
                                    "planned": "180000000.00",
                                    "spent": "171000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "vi": "Tập huấn cho điều dưỡng trưởng khoa",
                                        "en": "Training for head nurses",
                                    },
                                    "due": "2025-05-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Tập huấn cho toàn bộ bác sĩ, điều dưỡng",
                                        "en": "Training for all doctors and nurses",
                                    },
                                    "due": "2025-11-30",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "vi": "Bộ tài liệu tập huấn kỹ năng giao tiếp",
                                        "en": "Communication skills training pack",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ quality
        {
            "code": "PR-CL",
            "title": {
                "vi": "Chương trình quản lý chất lượng và sự hài lòng người bệnh",
                "en": "Quality management and patient satisfaction programme",
            },
            "description": {
                "vi": "Cải tiến chất lượng liên tục theo Bộ tiêu chí chất lượng bệnh viện Việt Nam "
                "và đo lường sự hài lòng của người bệnh.",
                "en": "Continuous quality improvement based on the Vietnamese hospital quality "
                "criteria, and measurement of patient satisfaction.",
            },
            "owner_unit": "VN-UBLG-QLCL",
            "objectives": [
                {
                    "code": "O-CL-1",
                    "title": {
                        "vi": "Đạt điểm chất lượng bệnh viện từ 4,0 trở lên",
                        "en": "Hospital quality score of 4.0 or higher",
                    },
                    "description": {
                        "vi": "Nâng điểm trung bình theo Bộ tiêu chí chất lượng bệnh viện Việt "
                        "Nam từ 3,62 (năm 2024) lên tối thiểu 4,0 vào năm 2027.",
                        "en": "Raise the average score under the Vietnamese hospital quality "
                        "criteria from 3.62 (2024) to at least 4.0 by 2027.",
                    },
                    "owner_unit": "VN-UBLG-QLCL",
                    "priority": "P1",
                    "initiatives": [
                        {
                            "code": "I-CL-1",
                            "title": {
                                "vi": "Đề án cải tiến các tiêu chí chất lượng đạt điểm thấp",
                                "en": "Improvement projects for low-scoring quality criteria",
                            },
                            "description": {
                                "vi": "Mỗi khoa, phòng chọn ít nhất một tiêu chí đạt điểm thấp, "
                                "xây dựng đề án cải tiến và báo cáo kết quả hằng quý.",
                                "en": "Each department chooses at least one low-scoring "
                                "criterion, draws up an improvement plan and reports results "
                                "every quarter.",
                            },
                            "owner_unit": "VN-UBLG-QLCL",
                            "start": "2025-01-01",
                            "end": "2027-12-31",
                            "status": "in_progress",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "vi": "Đánh giá và tập huấn quản lý chất lượng",
                                        "en": "Quality assessment and training",
                                    },
                                    "planned": "320000000.00",
                                    "spent": "140000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "vi": "Tự đánh giá chất lượng bệnh viện năm 2025",
                                        "en": "2025 hospital quality self-assessment",
                                    },
                                    "due": "2025-12-15",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Sở Y tế kiểm tra, đánh giá chất lượng năm 2025",
                                        "en": "2025 quality inspection by the Department of Health",
                                    },
                                    "due": "2026-01-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Tự đánh giá chất lượng bệnh viện năm 2026",
                                        "en": "2026 hospital quality self-assessment",
                                    },
                                    "due": "2026-12-15",
                                    "status": "in_progress",
                                },
                                {
                                    "title": {
                                        "vi": "Đạt điểm trung bình từ 4,0 trở lên",
                                        "en": "Average score of 4.0 or higher achieved",
                                    },
                                    "due": "2027-12-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "vi": "Báo cáo tự đánh giá chất lượng năm 2025",
                                        "en": "2025 quality self-assessment report",
                                    },
                                    "status": "delivered",
                                },
                                {
                                    "title": {
                                        "vi": "Báo cáo tự đánh giá chất lượng năm 2026",
                                        "en": "2026 quality self-assessment report",
                                    },
                                    "status": "in_progress",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-CL-2",
                    "title": {
                        "vi": "Tỷ lệ hài lòng của người bệnh đạt từ 95% trở lên",
                        "en": "Patient satisfaction of at least 95%",
                    },
                    "description": {
                        "vi": "Khảo sát hài lòng người bệnh nội trú và ngoại trú hằng quý theo "
                        "mẫu của Bộ Y tế.",
                        "en": "Quarterly satisfaction surveys of inpatients and outpatients using "
                        "the Ministry of Health questionnaire.",
                    },
                    "owner_unit": "VN-UBLG-QLCL",
                    "priority": "P5",
                    "initiatives": [
                        {
                            "code": "I-CL-2",
                            "title": {
                                "vi": "Khảo sát hài lòng người bệnh trực tuyến",
                                "en": "Online patient satisfaction survey",
                            },
                            "description": {
                                "vi": "Người bệnh quét mã QR khi ra viện hoặc sau khi khám để "
                                "đánh giá; kết quả được phản hồi cho các khoa, phòng hằng tháng.",
                                "en": "Patients scan a QR code at discharge or after their visit "
                                "to give feedback; results are reported back to departments "
                                "monthly.",
                            },
                            "owner_unit": "VN-UBLG-QLCL",
                            "start": "2025-04-01",
                            "end": "2025-12-31",
                            "status": "completed",
                            "funding": [],
                            "budget": [
                                {
                                    "category": {
                                        "vi": "Phần mềm khảo sát",
                                        "en": "Survey software",
                                    },
                                    "planned": "60000000.00",
                                    "spent": "58000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "vi": "Thiết kế phiếu khảo sát trực tuyến",
                                        "en": "Online questionnaire designed",
                                    },
                                    "due": "2025-05-31",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Triển khai tại tất cả các khoa lâm sàng",
                                        "en": "Rolled out in all clinical departments",
                                    },
                                    "due": "2025-09-30",
                                    "status": "done",
                                },
                                {
                                    "title": {
                                        "vi": "Báo cáo tổng hợp năm 2025",
                                        "en": "2025 summary report",
                                    },
                                    "due": "2025-12-31",
                                    "status": "done",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "vi": "Bảng theo dõi mức độ hài lòng của người bệnh",
                                        "en": "Patient satisfaction dashboard",
                                    },
                                    "status": "delivered",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ palliative care
        {
            "code": "PR-CSGN",
            "title": {"vi": "Chương trình chăm sóc giảm nhẹ", "en": "Palliative care programme"},
            "description": {
                "vi": "Bảo đảm người bệnh ung thư giai đoạn muộn được kiểm soát đau và chăm sóc "
                "toàn diện tại bệnh viện và tại nhà.",
                "en": "Ensuring that patients with advanced cancer receive pain control and "
                "holistic care, both in hospital and at home.",
            },
            "owner_unit": "VN-UBLG-CSGN",
            "objectives": [
                {
                    "code": "O-CSGN-1",
                    "title": {
                        "vi": "Chăm sóc giảm nhẹ tại nhà",
                        "en": "Home-based palliative care",
                    },
                    "description": {
                        "vi": "Thành lập đội chăm sóc giảm nhẹ tại nhà phục vụ người bệnh trong "
                        "bán kính 30 km.",
                        "en": "Set up a home palliative care team serving patients within 30 km.",
                    },
                    "owner_unit": "VN-UBLG-CSGN",
                    "priority": "P5",
                    "initiatives": [
                        {
                            "code": "I-CSGN-1",
                            "title": {
                                "vi": "Thí điểm mô hình chăm sóc giảm nhẹ tại nhà",
                                "en": "Pilot of a home-based palliative care model",
                            },
                            "description": {
                                "vi": "Đội liên ngành gồm bác sĩ, điều dưỡng và nhân viên công "
                                "tác xã hội thăm khám định kỳ tại nhà, phối hợp với trạm y tế "
                                "xã.",
                                "en": "An interdisciplinary team of a doctor, nurses and a social "
                                "worker makes regular home visits in cooperation with commune "
                                "health stations.",
                            },
                            "owner_unit": "VN-UBLG-CSGN",
                            "start": "2027-01-01",
                            "end": "2027-12-31",
                            "status": "planned",
                            "funding": [
                                {
                                    "programme_name": {
                                        "vi": "Quỹ phát triển hoạt động sự nghiệp",
                                        "en": "Hospital development fund",
                                    },
                                    "funder": {
                                        "vi": "Bệnh viện Ung bướu tỉnh Lam Giang",
                                        "en": "Lam Giang Provincial Oncology Hospital",
                                    },
                                    "amount": "540000000.00",
                                    "currency": "VND",
                                },
                            ],
                            "budget": [
                                {
                                    "category": {
                                        "vi": "Phương tiện và trang thiết bị",
                                        "en": "Vehicle and equipment",
                                    },
                                    "planned": "300000000.00",
                                    "spent": "0.00",
                                    "currency": "VND",
                                },
                                {
                                    "category": {
                                        "vi": "Phụ cấp cho đội chăm sóc",
                                        "en": "Care team allowances",
                                    },
                                    "planned": "240000000.00",
                                    "spent": "0.00",
                                    "currency": "VND",
                                },
                            ],
                            "milestones": [
                                {
                                    "title": {
                                        "vi": "Xây dựng quy trình và phối hợp với trạm y tế xã",
                                        "en": "Procedure agreed with commune health stations",
                                    },
                                    "due": "2027-03-31",
                                    "status": "planned",
                                },
                                {
                                    "title": {
                                        "vi": "Bắt đầu thăm khám tại nhà",
                                        "en": "Home visits begin",
                                    },
                                    "due": "2027-05-31",
                                    "status": "planned",
                                },
                                {
                                    "title": {
                                        "vi": "Đánh giá kết quả thí điểm",
                                        "en": "Pilot evaluation",
                                    },
                                    "due": "2027-12-31",
                                    "status": "planned",
                                },
                            ],
                            "deliverables": [
                                {
                                    "title": {
                                        "vi": "Báo cáo đánh giá mô hình chăm sóc giảm nhẹ tại nhà",
                                        "en": "Evaluation report on the home palliative care model",
                                    },
                                    "status": "planned",
                                },
                            ],
                        },
                    ],
                },
                {
                    "code": "O-CSGN-2",
                    "title": {"vi": "Kiểm soát đau hiệu quả", "en": "Effective pain control"},
                    "description": {
                        "vi": "100% người bệnh nội trú được đánh giá đau hằng ngày và ít nhất 90% "
                        "được kiểm soát đau tốt trong vòng 48 giờ.",
                        "en": "All inpatients have a daily pain assessment and at least 90% "
                        "achieve good pain control within 48 hours.",
                    },
                    "owner_unit": "VN-UBLG-CSGN",
                    "priority": "P1",
                    "initiatives": [],
                },
            ],
        },
    ],
}
