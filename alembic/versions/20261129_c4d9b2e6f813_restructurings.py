"""restructurings: an applied plan, what it did, and its events

Revision ID: c4d9b2e6f813
Revises: 8a1e5c3b7d20
Create Date: 2026-11-29 00:35:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.core.types

revision: str = 'c4d9b2e6f813'
down_revision: str | None = '8a1e5c3b7d20'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'restructuring',
        sa.Column('created_at', app.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', app.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=255), nullable=False),
        sa.Column('effective_on', sa.Date(), nullable=False),
        sa.Column('basis_number', sa.String(length=64), nullable=False),
        sa.Column('basis_date', sa.Date(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('applied_by', sa.String(length=64), nullable=False),
        sa.Column('reverted_by', sa.String(length=64), nullable=True),
        sa.Column('reverted_at', app.core.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column('plan', sa.JSON(), nullable=False),
        sa.Column('summary', sa.JSON(), nullable=False),
        sa.Column('state', sa.JSON(), nullable=False),
        sa.CheckConstraint("status IN ('applied', 'reverted')", name='ck_restructuring_status'),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('restructuring', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_restructuring_effective_on'), ['effective_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_restructuring_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_restructuring_unit_id'), ['unit_id'], unique=False)
    with op.batch_alter_table('unit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('restructuring_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_unit_event_restructuring_id'), ['restructuring_id'], unique=False)
        batch_op.create_foreign_key(
            'fk_unit_event_restructuring', 'restructuring', ['restructuring_id'], ['id'], ondelete='RESTRICT'
        )


def downgrade() -> None:
    with op.batch_alter_table('unit_event', schema=None) as batch_op:
        batch_op.drop_constraint('fk_unit_event_restructuring', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_unit_event_restructuring_id'))
        batch_op.drop_column('restructuring_id')
    with op.batch_alter_table('restructuring', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_restructuring_unit_id'))
        batch_op.drop_index(batch_op.f('ix_restructuring_status'))
        batch_op.drop_index(batch_op.f('ix_restructuring_effective_on'))
    op.drop_table('restructuring')
