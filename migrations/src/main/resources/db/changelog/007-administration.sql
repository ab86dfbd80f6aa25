--liquibase formatted sql
-- Administration: what a user's list of tokens shows (when and where each was issued, when it was last used), and
-- what lets the rule "at least one enabled administrator" be checked under a lock.

--changeset grants:007-api-tokens-last-use-and-origin
-- last_used_at is written at most once a minute per token (the sign-in that finds it older does the write), so a
-- busy token does not turn every request into a write. created_from is the client address as the server computed
-- it (behind a trusted proxy, the address the proxy forwarded for); NULL for tokens issued before this release.
ALTER TABLE api_tokens
    ADD COLUMN last_used_at timestamptz,
    ADD COLUMN created_from text,
    ADD CONSTRAINT ck_api_tokens_created_from_length CHECK (length(created_from) <= 100),
    ADD CONSTRAINT ck_api_tokens_revoked_after_creation CHECK (revoked_at IS NULL OR revoked_at >= created_at);
-- a user's live tokens, newest first: the list an owner sees and the set a password change revokes
CREATE INDEX ix_api_tokens_user_live ON api_tokens (user_id, created_at DESC) WHERE revoked_at IS NULL;
--rollback DROP INDEX ix_api_tokens_user_live;
--rollback ALTER TABLE api_tokens DROP CONSTRAINT ck_api_tokens_revoked_after_creation, DROP CONSTRAINT ck_api_tokens_created_from_length, DROP COLUMN created_from, DROP COLUMN last_used_at;

--changeset grants:007-index-enabled-administrators
-- Disabling an administrator locks every enabled administrator's row (SELECT ... FOR UPDATE, in id order) before
-- counting them, so two administrators disabling each other at once cannot leave nobody to administer the system.
CREATE INDEX ix_users_enabled_administrators ON users (id) WHERE role = 'ADMIN' AND enabled;
--rollback DROP INDEX ix_users_enabled_administrators;
