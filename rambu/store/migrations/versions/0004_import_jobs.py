"""Archive imports as jobs (issue 10): a batch remembers what its import was asked and what it found
(platforms, summary, errors, warnings, or why it failed as a whole).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('batches') as b:
        b.add_column(sa.Column('import_info', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('batches') as b:
        b.drop_column('import_info')
