"""inherited scope: the predecessors' subtrees a unit's users also see (scope follows succession)

Revision ID: 8a1e5c3b7d20
Revises: 3f6c2d8e91a4
Create Date: 2026-11-29 00:30:00.000000

Kept by the application (services/scope.py) from the succession links and the units' paths;
empty here, and recomputed by `thidua db upgrade` for a database that already holds events.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '8a1e5c3b7d20'
down_revision: str | None = '3f6c2d8e91a4'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('inherited_scope', sa.Text(), server_default='', nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_column('inherited_scope')
