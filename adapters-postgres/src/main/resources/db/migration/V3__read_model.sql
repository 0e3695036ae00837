-- The user-account read model. One row per account ever created; deleted accounts keep their row
-- (deleted_at set) so that a late or duplicate event can never bring them back.

CREATE TABLE IF NOT EXISTS user_accounts (
  id               TEXT        NOT NULL,
  first_name       TEXT        NOT NULL,
  last_name        TEXT        NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL,
  updated_at       TIMESTAMPTZ NOT NULL,
  deleted_at       TIMESTAMPTZ,
  -- sequence number of the last event applied: the projection's idempotence and gap check
  last_sequence_nr BIGINT      NOT NULL,
  CONSTRAINT user_accounts_pk PRIMARY KEY (id),
  CONSTRAINT user_accounts_id_is_ulid CHECK (char_length(id) = 26),
  CONSTRAINT user_accounts_sequence_nr_positive CHECK (last_sequence_nr >= 1)
);

-- Keyset paging over live accounts (WHERE deleted_at IS NULL AND id > ? ORDER BY id).
CREATE INDEX IF NOT EXISTS user_accounts_live_id_idx ON user_accounts (id) WHERE deleted_at IS NULL;
