--liquibase formatted sql
-- Sessions of the web pages, shared by every server. Only the SHA-256 of a session id is stored, so a copy of the
-- table signs nobody in. Times are the application's clock, not now(), so a test moving its clock sees the
-- idle timeout the server applies.

--changeset grants:010-create-web-sessions
CREATE TABLE web_sessions (
    id_hash      bytea       NOT NULL,
    user_id      uuid        NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    -- the idle timeout's end, moved on by each request
    expires_at   timestamptz NOT NULL,
    -- the per-session secret whose value every form carries as its CSRF token
    csrf_secret  text        NOT NULL,
    language     text        NOT NULL,
    CONSTRAINT pk_web_sessions PRIMARY KEY (id_hash),
    CONSTRAINT fk_web_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT ck_web_sessions_id_hash CHECK (length(id_hash) = 32),
    CONSTRAINT ck_web_sessions_language CHECK (language IN ('en', 'cy'))
);
CREATE INDEX ix_web_sessions_user_id ON web_sessions (user_id);
CREATE INDEX ix_web_sessions_expires_at ON web_sessions (expires_at);
--rollback DROP TABLE web_sessions;
