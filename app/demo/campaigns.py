"""Demo year, part 3: the campaigns and documents the article names, the 2022 plan with its
criteria, four quarterly peak drives (illustrative), registrations and the two exemplars."""

from datetime import UTC, date, datetime, time

from sqlmodel import Session, select

from app.demo.units import CUC, DISTRICTS
from app.models.campaigns import (
    Campaign,
    CampaignCreate,
    CampaignKind,
    CriterionCreate,
    DocumentCreate,
    DocumentKind,
    ExemplarCreate,
    RegistrationCreate,
    ReviewCreate,
    ReviewKind,
)
from app.models.units import Unit
from app.services.campaigns import campaigns, criteria, documents, participation
from app.services.scope import Actor

KEY_CONTENT_2022 = (
    "Thực hiện hiệu quả công tác vận động giáo dục, thuyết phục và tổ chức thi hành án dân sự "
    "tại các Chi cục Thi hành án dân sự huyện, thành phố năm 2022"
)
EXEMPLAR_REASON = (
    "Tập thể có nhiều giải pháp hay, thiết thực, thực hiện đạt kết quả cao trong công tác vận động, "
    "giáo dục, thuyết phục thời gian qua; gương điển hình tiêu biểu để các địa phương, tập thể khác "
    "noi theo, cùng học hỏi, chia sẻ kinh nghiệm."
)
EXEMPLAR_SOLUTIONS = (
    "Tham mưu Ban Chỉ đạo thi hành án dân sự cùng cấp; phối hợp chặt chẽ với chính quyền, công an và "
    "các ngành ở địa phương trong vận động, giáo dục, thuyết phục người phải thi hành án tự nguyện thi hành."
)
DRIVES = [
    # (title, starts, ends, period judged, case threshold, money threshold)
    (
        "Đợt thi đua cao điểm quý I năm 2022",
        date(2022, 1, 1),
        date(2022, 3, 31),
        "2022-Q2",
        50.0,
        22.0,
    ),
    (
        "Đợt thi đua cao điểm quý II năm 2022",
        date(2022, 4, 1),
        date(2022, 6, 30),
        "2022-Q3",
        68.0,
        30.0,
    ),
    (
        "Đợt thi đua cao điểm quý III năm 2022",
        date(2022, 7, 1),
        date(2022, 9, 30),
        "2022-Q4",
        81.5,
        40.1,
    ),
    (
        "Đợt thi đua cao điểm quý IV năm 2022",
        date(2022, 10, 1),
        date(2022, 12, 31),
        "2023-Q1",
        30.0,
        12.0,
    ),
]
REGISTERED = {  # Chi cục → titles aimed at (Chợ Lách and Mỏ Cày Nam have not registered yet)
    "TPBENTRE": ["TTLDXS"],
    "BATRI": ["TTLDXS"],
    "BINHDAI": ["TTLDTT"],
    "CHAUTHANH": ["TTLDXS"],
    "GIONGTROM": ["TTLDXS", "CO_THI_DUA_BO"],
    "MOCAYBAC": ["TTLDTT"],
    "THANHPHU": ["TTLDXS", "CO_THI_DUA_BO"],
}


def load(session: Session) -> dict[str, int]:
    actor = Actor.system()
    ids = {u.code: u.id for u in session.exec(select(Unit)).all()}
    cuc = ids[CUC]
    chi_cuc = [ids[f"CC-{code}"] for code, _, _ in DISTRICTS]
    everyone = [cuc, *chi_cuc]

    def make(data: CampaignCreate, docs: list[DocumentCreate], *, launch: bool = True) -> int:
        created = campaigns.create_campaign(session, actor, data)
        for doc in docs:
            documents.add_document(session, actor, created.id, doc)
        if launch:
            campaigns.launch(session, actor, created.id, None)
            row = session.get(Campaign, created.id)
            if row is not None and data.starts_on:  # launched on its start date, not today
                row.launched_at = datetime.combine(data.starts_on, time(1), tzinfo=UTC)
                session.add(row)
                session.commit()
        return created.id

    movement = make(
        CampaignCreate(
            title="Phong trào thi đua “Đồng Khởi mới” giai đoạn 2020 – 2025, tầm nhìn đến năm 2030",
            kind=CampaignKind.regular,
            launched_by_id=ids["NN-UBND-BENTRE"],
            owner_unit_id=cuc,
            starts_on=date(2020, 10, 17),
            ends_on=date(2025, 12, 31),
            slogan="Ngành ngành thi đua, nhà nhà thi đua, người người thi đua",
            objectives="Bám sát nội dung “Hai chân, ba mũi” của Tỉnh ủy; học tập “điển hình”, bắt kịp “điển hình”, "
            "vượt qua “điển hình”.",
            participant_ids=everyone,
        ),
        [
            DocumentCreate(
                number="01-CT/TU",
                issued_on=date(2020, 10, 17),
                issuer="Ban Thường vụ Tỉnh ủy Bến Tre",
                kind=DocumentKind.directive,
                title="Chỉ thị về phong trào thi đua “Đồng Khởi mới”",
            ),
            DocumentCreate(
                number="2354/KH-UBND",
                issued_on=date(2021, 5, 5),
                issuer="Ủy ban nhân dân tỉnh Bến Tre",
                kind=DocumentKind.plan,
                title="Kế hoạch về việc tổ chức thực hiện phong trào thi đua “Đồng Khởi mới”",
            ),
        ],
    )
    system_plan = make(
        CampaignCreate(
            title="Phong trào thi đua “Đồng Khởi mới” trong Hệ thống Thi hành án dân sự tỉnh Bến Tre "
            "giai đoạn 2020 – 2025, tầm nhìn đến năm 2030",
            kind=CampaignKind.regular,
            launched_by_id=cuc,
            owner_unit_id=cuc,
            parent_id=movement,
            starts_on=date(2021, 5, 14),
            ends_on=date(2025, 12, 31),
            slogan="Đoàn kết, năng động, sáng tạo, thực hiện thắng lợi nhiệm vụ thi hành án dân sự, "
            "giai đoạn 2021 – 2025",
            objectives="Xây dựng “điển hình”, học tập “điển hình”, bắt kịp “điển hình”, vượt qua “điển hình”.",
            participant_ids=everyone,
        ),
        [
            DocumentCreate(
                number="508/KH-CTHADS",
                issued_on=date(2021, 5, 14),
                issuer="Cục Thi hành án dân sự tỉnh Bến Tre",
                kind=DocumentKind.plan,
                title="Kế hoạch phát động phong trào thi đua “Đồng Khởi mới” giai đoạn 2020 – 2025, "
                "tầm nhìn đến năm 2030 trong Hệ thống Thi hành án dân sự tỉnh Bến Tre",
            ),
        ],
    )
    plan_2022 = make(
        CampaignCreate(
            title="Tổ chức thực hiện phong trào thi đua “Đồng Khởi mới” trong các cơ quan Thi hành án dân sự năm 2022",
            kind=CampaignKind.regular,
            launched_by_id=cuc,
            owner_unit_id=cuc,
            parent_id=system_plan,
            year=2022,
            starts_on=date(2022, 3, 2),
            ends_on=date(2022, 12, 31),
            objectives="Hoàn thành các chỉ tiêu, nhiệm vụ được giao năm 2022: tỷ lệ thi hành xong về việc "
            "trên 81,50 % và về tiền trên 40,10 % số có điều kiện thi hành.",
            key_content=KEY_CONTENT_2022,
            participant_ids=everyone,
        ),
        [
            DocumentCreate(
                number="258/KH-CTHADS",
                issued_on=date(2022, 3, 2),
                issuer="Cục Thi hành án dân sự tỉnh Bến Tre",
                kind=DocumentKind.plan,
                title="Kế hoạch tổ chức thực hiện phong trào thi đua “Đồng Khởi mới” trong các cơ quan "
                "Thi hành án dân sự năm 2022",
            ),
        ],
    )
    for indicator, threshold in (("ty_le_viec", 81.5), ("ty_le_tien", 40.1)):
        criteria.add_criterion(
            session,
            actor,
            plan_2022,
            CriterionCreate(
                indicator=indicator,
                period="2022-Q4",
                threshold=threshold,
                description="Chỉ tiêu năm 2022 (12 tháng, đến 30/09/2022)",
            ),
        )
    for code, name, _ in DISTRICTS:
        if code in ("GIONGTROM", "THANHPHU"):
            participation.add_exemplar(
                session,
                actor,
                plan_2022,
                ExemplarCreate(
                    unit_id=ids[f"CC-{code}"],
                    reason=EXEMPLAR_REASON,
                    solutions=EXEMPLAR_SOLUTIONS,
                    from_on=date(2022, 3, 2),
                    to_on=date(2022, 12, 31),
                ),
            )
        if code in REGISTERED:
            reg = participation.create_registration(
                session,
                actor,
                plan_2022,
                RegistrationCreate(
                    unit_id=ids[f"CC-{code}"],
                    titles=REGISTERED[code],
                    note=f"{name} đăng ký thi đua năm 2022",
                ),
            )
            participation.transition_registration(session, actor, plan_2022, reg.id, "submit")
            if code != "MOCAYBAC":
                participation.transition_registration(session, actor, plan_2022, reg.id, "accept")
    participation.add_review(
        session,
        actor,
        plan_2022,
        ReviewCreate(
            kind=ReviewKind.midterm,
            held_on=date(2022, 7, 15),
            title="Sơ kết 6 tháng đầu năm 2022",
            summary="Tỷ lệ thi hành xong về việc, về tiền của các đơn vị luôn đạt ở mức khá (minh họa).",
        ),
    )
    for title, starts, ends, period, cases, money in DRIVES:
        drive = make(
            CampaignCreate(
                title=title,
                kind=CampaignKind.peak,
                launched_by_id=cuc,
                owner_unit_id=cuc,
                parent_id=plan_2022,
                year=2022,
                starts_on=starts,
                ends_on=ends,
                participant_ids=chi_cuc,
                objectives="Đợt thi đua cao điểm theo quý (minh họa): nâng tỷ lệ thi hành xong về việc và về tiền.",
            ),
            [],
        )
        for indicator, threshold in (("ty_le_viec", cases), ("ty_le_tien", money)):
            criteria.add_criterion(
                session,
                actor,
                drive,
                CriterionCreate(indicator=indicator, period=period, threshold=threshold),
            )
    return {"campaigns": 7}
