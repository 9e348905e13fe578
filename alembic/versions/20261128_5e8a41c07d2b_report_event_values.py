"""report event values: a submission keeps the input values it sent

Revision ID: 5e8a41c07d2b
Revises: 7d3c1f2a9b64
Create Date: 2026-11-28 22:05:00.000000

The reviewer sees what changed between one submission of a report and the next (a report
returned and sent again). Earlier submissions have no values: nothing to compare them with.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '5e8a41c07d2b'
down_revision: str | None = '7d3c1f2a9b64'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('report_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('values', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('report_event', schema=None) as batch_op:
        batch_op.drop_column('values')
