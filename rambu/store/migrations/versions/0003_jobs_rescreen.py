"""Jobs beyond one machine (issue 10): batch chunks, results keyed by engine, re-screening runs and their
proposed differences; on PostgreSQL the job queue's own schema (procrastinate).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('batch_lines') as b:
        b.add_column(sa.Column('chunk', sa.Integer(), nullable=True))
    op.create_index('ix_batch_lines_chunk', 'batch_lines', ['batch_id', 'chunk'])
    op.create_table('batch_chunks',
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('queue', sa.String(length=10), nullable=False),
    sa.Column('first_line', sa.Integer(), nullable=False),
    sa.Column('last_line', sa.Integer(), nullable=False),
    sa.Column('lines', sa.Integer(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['batches.id'], ),
    sa.PrimaryKeyConstraint('batch_id', 'idx')
    )
    op.create_table('rescreen_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('since', sa.DateTime(), nullable=True),
    sa.Column('rules', sa.JSON(), nullable=False),
    sa.Column('engine', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('lines', sa.Integer(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('screen_results',
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('engine', sa.String(length=40), nullable=False),
    sa.Column('decision', sa.String(length=12), nullable=True),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('rescreen_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['batches.id'], ),
    sa.ForeignKeyConstraint(['rescreen_id'], ['rescreen_runs.id'], ),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_index('ix_screen_results_batch_id', 'screen_results', ['batch_id'])
    op.create_index('ix_screen_results_rescreen_id', 'screen_results', ['rescreen_id'])
    op.create_table('rescreen_chunks',
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('chunk', sa.Integer(), nullable=False),
    sa.Column('queue', sa.String(length=10), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['rescreen_runs.id'], ),
    sa.ForeignKeyConstraint(['batch_id'], ['batches.id'], ),
    sa.PrimaryKeyConstraint('run_id', 'batch_id', 'chunk')
    )
    op.create_table('rescreen_diffs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('rule', sa.Integer(), nullable=False),
    sa.Column('finding_id', sa.Integer(), nullable=True),
    sa.Column('proposed', sa.JSON(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['rescreen_runs.id'], ),
    sa.ForeignKeyConstraint(['batch_id'], ['batches.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
    sa.ForeignKeyConstraint(['finding_id'], ['findings.id'], ),
    sa.ForeignKeyConstraint(['decided_by'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('run_id', 'batch_id', 'line_no', 'kind', 'rule')
    )
    op.create_index('ix_rescreen_diffs_run_id', 'rescreen_diffs', ['run_id'])
    op.create_index('ix_rescreen_diffs_unit_id', 'rescreen_diffs', ['unit_id'])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        from rambu.jobs.pg import install_schema
        install_schema(bind)


def downgrade() -> None:
    for table in ('rescreen_diffs', 'rescreen_chunks', 'screen_results', 'rescreen_runs', 'batch_chunks'):
        op.drop_table(table)
    op.drop_index('ix_batch_lines_chunk', 'batch_lines')
    with op.batch_alter_table('batch_lines') as b:
        b.drop_column('chunk')
    # the job queue's schema (PostgreSQL) stays: jobs of a later upgrade may still be in it
