"""registration unique: a unit registers itself once per campaign (a partial unique index)

Revision ID: 7d3c1f2a9b64
Revises: 393310eac503
Create Date: 2026-11-28 23:10:00.000000

uq_registration (campaign_id, unit_id, person_id) leaves the unit's own registration
unguarded, since NULL person_ids never clash; this index covers exactly those rows, so two
simultaneous registrations of one unit cannot both be stored. A database that already holds
such twins must have them merged before upgrading (the API has refused them since the start).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '7d3c1f2a9b64'
down_revision: str | None = '393310eac503'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.create_index(
            'uq_registration_unit_once',
            ['campaign_id', 'unit_id'],
            unique=True,
            sqlite_where=sa.text('person_id IS NULL'),
            postgresql_where=sa.text('person_id IS NULL'),
        )


def downgrade() -> None:
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_index('uq_registration_unit_once')
