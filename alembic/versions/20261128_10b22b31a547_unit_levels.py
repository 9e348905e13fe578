"""unit levels: a unit's kind names a row of unit_level instead of a fixed list

Revision ID: 10b22b31a547
Revises: 5e8a41c07d2b
Create Date: 2026-11-28 23:45:00.000000

The six kinds become six levels with the same codes, so every unit keeps its kind and
integrators' `kind=` filters keep working; the levels of the 1 July 2025 structure and the
issuers above the ministry are added beside them. The seed is copied here as it stood when
levels became data: later changes to the seed reach a database through `thidua db upgrade`.

Downgrading puts every unit of a level the old list lacks on the old kind of the same rank
(a Phòng THADS khu vực becomes a district_office, THADS tỉnh a provincial_department; the
State's issuers and the People's Committees become external); no unit is lost.
"""

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = '10b22b31a547'
down_revision: str | None = '5e8a41c07d2b'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = (
    'ministry',
    'general_department',
    'provincial_department',
    'internal_office',
    'district_office',
    'external',
)
AUTHORITIES = (
    "'provincial_department', 'general_department', 'ministry', 'provincial_committee', "
    "'government', 'state'"
)
END, START = date(2025, 6, 30), date(2025, 7, 1)

# (code, Vietnamese, English, rank, reports, reviewed by parent, external, confers as, from, to)
SEED = [
    ('state', 'Chủ tịch nước', 'President of the State', 1, False, False, False, 'state', None, None),
    ('government', 'Chính phủ, Thủ tướng Chính phủ', 'Government, Prime Minister', 1, False, False, False, 'government', None, None),
    ('ministry', 'Bộ', 'Ministry', 2, False, False, False, 'ministry', None, None),
    ('general_department', 'Tổng cục Thi hành án dân sự', 'General Department of Civil Judgment Enforcement', 3, False, False, False, 'general_department', None, END),
    ('enforcement_management', 'Cục Quản lý Thi hành án dân sự', 'Department of Civil Judgment Enforcement Management', 3, False, False, False, 'general_department', START, None),
    ('provincial_department', 'Cục Thi hành án dân sự tỉnh, thành phố', 'Provincial Civil Judgment Enforcement Department', 4, True, False, False, 'provincial_department', None, END),
    ('provincial_enforcement', 'Thi hành án dân sự tỉnh, thành phố', 'Provincial Civil Judgment Enforcement', 4, True, False, False, 'provincial_department', START, None),
    ('district_office', 'Chi cục Thi hành án dân sự huyện', 'District Civil Judgment Enforcement Office', 5, True, True, False, None, None, END),
    ('area_office', 'Phòng Thi hành án dân sự khu vực', 'Regional Civil Judgment Enforcement Office', 5, True, True, False, None, START, None),
    ('internal_office', 'Phòng, văn phòng thuộc cơ quan', 'Internal office', 6, False, False, False, None, None, None),
    ('provincial_committee', 'Ủy ban nhân dân tỉnh, thành phố', "Provincial People's Committee", 7, False, False, True, 'provincial_committee', None, None),
    ('external', 'Cơ quan, tổ chức ngoài ngành', 'External organisation', 7, False, False, True, None, None, None),
]  # fmt: skip

# The old kind a level of each rank falls back to when downgrading.
OLD_KIND_OF_RANK = {
    1: 'external',
    2: 'ministry',
    3: 'general_department',
    4: 'provincial_department',
    5: 'district_office',
    6: 'internal_office',
    7: 'external',
}


def upgrade() -> None:
    unit_level = op.create_table(
        'unit_level',
        sa.Column('code', sa.String(length=32), nullable=False),
        sa.Column('name_vi', sa.String(length=255), nullable=False),
        sa.Column('name_en', sa.String(length=255), nullable=False),
        sa.Column('rank', sa.Integer(), nullable=False),
        sa.Column('reports_figures', sa.Boolean(), nullable=False),
        sa.Column('reviewed_by_parent', sa.Boolean(), nullable=False),
        sa.Column('is_external', sa.Boolean(), nullable=False),
        sa.Column('confers_as', sa.String(length=32), nullable=True),
        sa.Column('valid_from', sa.Date(), nullable=True),
        sa.Column('valid_to', sa.Date(), nullable=True),
        sa.CheckConstraint('rank BETWEEN 1 AND 7', name='ck_unit_level_rank'),
        sa.CheckConstraint(
            f'confers_as IS NULL OR confers_as IN ({AUTHORITIES})',
            name='ck_unit_level_confers_as',
        ),
        sa.CheckConstraint(
            'valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from',
            name='ck_unit_level_validity',
        ),
        sa.PrimaryKeyConstraint('code'),
    )
    keys = (
        'code', 'name_vi', 'name_en', 'rank', 'reports_figures', 'reviewed_by_parent',
        'is_external', 'confers_as', 'valid_from', 'valid_to',
    )  # fmt: skip
    op.bulk_insert(unit_level, [dict(zip(keys, row, strict=True)) for row in SEED])
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_constraint('ck_unit_kind', type_='check')
        batch_op.create_index(batch_op.f('ix_unit_kind'), ['kind'], unique=False)
        batch_op.create_foreign_key(
            'fk_unit_kind_unit_level', 'unit_level', ['kind'], ['code'], ondelete='RESTRICT'
        )


def downgrade() -> None:
    unit = sa.table('unit', sa.column('kind'))
    level = sa.table('unit_level', sa.column('code'), sa.column('rank'))
    rank = sa.select(level.c.rank).where(level.c.code == unit.c.kind).scalar_subquery()
    op.execute(
        unit.update()
        .where(unit.c.kind.not_in(OLD_KINDS))
        .values(kind=sa.case(OLD_KIND_OF_RANK, value=rank, else_='external'))
    )
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_constraint('fk_unit_kind_unit_level', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_unit_kind'))
        batch_op.create_check_constraint(
            'ck_unit_kind', 'kind IN (' + ', '.join(f"'{k}'" for k in OLD_KINDS) + ')'
        )
    op.drop_table('unit_level')
