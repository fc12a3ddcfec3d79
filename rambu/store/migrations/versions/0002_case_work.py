"""Case work that never wrongs anyone (issue 7): unique activities, postings (transfers), unit city and
address, case attachments, notifications, sign-in throttle per account and client, keyed audit chain with
signed checkpoints, queue columns.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""
import uuid

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('units') as b:
        b.add_column(sa.Column('city', sa.String(length=100), nullable=False, server_default=''))
        b.add_column(sa.Column('address', sa.String(length=300), nullable=False, server_default=''))
    with op.batch_alter_table('users') as b:
        b.add_column(sa.Column('email', sa.String(length=200), nullable=True))
    with op.batch_alter_table('batch_lines') as b:
        b.add_column(sa.Column('retry', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('findings') as b:
        b.add_column(sa.Column('platform', sa.String(length=20), nullable=True))
        b.add_column(sa.Column('url', sa.String(length=500), nullable=True))
        b.add_column(sa.Column('excerpt', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('feedback') as b:
        b.add_column(sa.Column('withdrawn_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('case_steps') as b:
        b.add_column(sa.Column('recorded_at', sa.DateTime(), nullable=True))
    op.add_column('audit_log', sa.Column('mac', sa.String(length=64), nullable=True))
    op.add_column('audit_head', sa.Column('mac', sa.String(length=64), nullable=True))

    op.create_table('staff_postings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.DateTime(), nullable=True),
    sa.Column('valid_to', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_staff_postings_staff_id', 'staff_postings', ['staff_id'])
    # every registered employee has been at their unit "since always" until a transfer is recorded
    op.execute("INSERT INTO staff_postings (staff_id, unit_id, valid_from, valid_to, created_at) "
               "SELECT id, unit_id, NULL, NULL, updated_at FROM staff WHERE unit_id IS NOT NULL")

    op.create_table('activity_keys',
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['batches.id'], ),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_index('ix_activity_keys_batch_id', 'activity_keys', ['batch_id'])

    op.create_table('case_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], ),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_case_attachments_case_id', 'case_attachments', ['case_id'])

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.Column('email_status', sa.String(length=10), nullable=False),
    sa.Column('email_error', sa.Text(), nullable=True),
    sa.Column('emailed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'key')
    )
    op.create_index('ix_notifications_user_id', 'notifications', ['user_id'])
    op.create_index('ix_notifications_mail', 'notifications', ['email_status'])

    op.create_table('login_throttle',
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )

    op.create_table('audit_checkpoints',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('signature', sa.String(length=128), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    # the installation's identity: names its audit keys (kept outside the database)
    op.execute(sa.text("INSERT INTO settings (key, value, updated_at) VALUES ('_install_id', :v, CURRENT_TIMESTAMP)")
               .bindparams(sa.bindparam("v", uuid.uuid4().hex, type_=sa.JSON())))


def downgrade() -> None:
    op.execute("DELETE FROM settings WHERE key = '_install_id'")
    for table in ('audit_checkpoints', 'login_throttle', 'notifications', 'case_attachments', 'activity_keys',
                  'staff_postings'):
        op.drop_table(table)
    op.drop_column('audit_log', 'mac')  # plain ALTER: rebuilding the table would drop its guard triggers
    op.drop_column('audit_head', 'mac')
    with op.batch_alter_table('case_steps') as b:
        b.drop_column('recorded_at')
    with op.batch_alter_table('feedback') as b:
        b.drop_column('withdrawn_at')
    with op.batch_alter_table('findings') as b:
        for col in ('excerpt', 'url', 'platform'):
            b.drop_column(col)
    with op.batch_alter_table('batch_lines') as b:
        b.drop_column('retry')
    with op.batch_alter_table('users') as b:
        b.drop_column('email')
    with op.batch_alter_table('units') as b:
        b.drop_column('address')
        b.drop_column('city')
