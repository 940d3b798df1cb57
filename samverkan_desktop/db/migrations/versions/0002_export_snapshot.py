"""export snapshot: the baseline of the workbook's "Förändringar" sheet

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('export_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('activity_count', sa.Integer(), nullable=False),
    sa.Column('format', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_export_snapshot'))
    )
    with op.batch_alter_table('export_snapshot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_export_snapshot_scope'), ['scope'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('export_snapshot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_export_snapshot_scope'))

    op.drop_table('export_snapshot')
