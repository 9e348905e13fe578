"""person assignments: a person's unit through time

Every existing person gets one assignment on their current unit, from `recruited_on` (none:
since always) and still open; `person.unit_id` stays, as the current unit. Going down drops the
table: the current unit is already on the person row.

Revision ID: 6b2f9d4e1a73
Revises: c4d9b2e6f813
Create Date: 2026-11-29 03:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.core.types

revision: str = '6b2f9d4e1a73'
down_revision: str | None = 'c4d9b2e6f813'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'person_assignment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('valid_from', sa.Date(), nullable=True),
        sa.Column('valid_to', sa.Date(), nullable=True),
        sa.Column('position', sa.String(length=255), nullable=True),
        sa.Column('basis', sa.String(length=255), nullable=True),
        sa.Column('note', sa.String(length=1000), nullable=True),
        sa.Column('event_id', sa.Integer(), nullable=True),
        sa.Column('ended_by_id', sa.Integer(), nullable=True),
        sa.Column('recorded_by', sa.String(length=64), nullable=False),
        sa.Column('recorded_at', app.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            'valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from',
            name='ck_person_assignment_validity',
        ),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['event_id'], ['unit_event.id'], ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['ended_by_id'], ['unit_event.id'], ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('person_id', 'valid_from', name='uq_person_assignment_start'),
    )
    with op.batch_alter_table('person_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_assignment_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_assignment_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_assignment_event_id'), ['event_id'], unique=False)
        batch_op.create_index(
            batch_op.f('ix_person_assignment_ended_by_id'), ['ended_by_id'], unique=False
        )
        batch_op.create_index(
            'uq_person_assignment_open',
            ['person_id'],
            unique=True,
            sqlite_where=sa.text('valid_to IS NULL'),
            postgresql_where=sa.text('valid_to IS NULL'),
        )
        batch_op.create_index(
            'uq_person_assignment_since_always',
            ['person_id'],
            unique=True,
            sqlite_where=sa.text('valid_from IS NULL'),
            postgresql_where=sa.text('valid_from IS NULL'),
        )
    # One open assignment per existing person, on their unit, since they were recruited.
    op.execute(
        "INSERT INTO person_assignment (person_id, unit_id, valid_from, position, recorded_by,"
        " recorded_at) SELECT id, unit_id, recruited_on, position, 'migration', created_at"
        " FROM person"
    )


def downgrade() -> None:
    with op.batch_alter_table('person_assignment', schema=None) as batch_op:
        batch_op.drop_index('uq_person_assignment_since_always')
        batch_op.drop_index('uq_person_assignment_open')
        batch_op.drop_index(batch_op.f('ix_person_assignment_ended_by_id'))
        batch_op.drop_index(batch_op.f('ix_person_assignment_event_id'))
        batch_op.drop_index(batch_op.f('ix_person_assignment_unit_id'))
        batch_op.drop_index(batch_op.f('ix_person_assignment_person_id'))
    op.drop_table('person_assignment')
