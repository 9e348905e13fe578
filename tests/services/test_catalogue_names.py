"""Catalogue names seeded before the glossary take its wording when the catalogue is ensured;
a name an administrator chose is left alone."""

from sqlmodel import select

from app.models.metrics import Metric
from app.services.reports import catalogue


def _metric(session, code):
    return session.exec(select(Metric).where(Metric.code == code)).one()


def test_old_seeded_metric_names_take_the_glossary_wording(session):
    catalogue.ensure_catalogue(session)
    total = _metric(session, "viec_tong_thu_ly")
    assert (total.name_vi, total.name_en) == ("Tổng số việc thụ lý", "Total cases accepted")

    # A database seeded before: the old wording, and one name an administrator changed.
    total.name_vi, total.name_en = "Số việc tổng số thụ lý", "Cases total accepted"
    chosen = _metric(session, "tien_phai_thi_hanh")
    chosen.name_vi = "Tiền phải thi hành (tên riêng của Cục)"
    session.add_all([total, chosen])
    session.commit()

    catalogue.ensure_catalogue(session)
    session.expire_all()
    total = _metric(session, "viec_tong_thu_ly")
    assert (total.name_vi, total.name_en) == ("Tổng số việc thụ lý", "Total cases accepted")
    chosen = _metric(session, "tien_phai_thi_hanh")
    assert chosen.name_vi == "Tiền phải thi hành (tên riêng của Cục)"
    assert chosen.name_en == "Total money to enforce"
