--liquibase formatted sql
-- Sign-in state every server shares: the throttle counts failed sign-ins here rather than in one process's memory,
-- so a guesser throttled on one server is throttled on all of them.

--changeset grants:006-create-sign-in-failures
-- One row per failed or throttled sign-in and per subject: 'user:<username>' or 'address:<client address>'.
-- Rows matter only within the throttle window; the servers delete older ones. failed_at is the application's
-- clock, not now(), so that the window is the one the application (and a test moving its clock) sees.
CREATE TABLE sign_in_failures (
    id         bigint      GENERATED ALWAYS AS IDENTITY,
    subject    text        NOT NULL,
    failed_at  timestamptz NOT NULL,
    -- refused by the throttle without checking the password (the first of a burst is audited)
    throttled  boolean     NOT NULL,
    CONSTRAINT pk_sign_in_failures PRIMARY KEY (id),
    CONSTRAINT ck_sign_in_failures_subject CHECK (subject ~ '^(user|address):' AND length(subject) <= 300)
);
CREATE INDEX ix_sign_in_failures_subject_failed_at ON sign_in_failures (subject, failed_at);
CREATE INDEX ix_sign_in_failures_failed_at ON sign_in_failures (failed_at);
--rollback DROP TABLE sign_in_failures;
