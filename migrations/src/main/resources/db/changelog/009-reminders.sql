--liquibase formatted sql
-- The outbox of reminders: the reminders job writes each reminder here once, and a mailer (not part of this release)
-- sends the rows whose sent_at is NULL and sets it. A row names the organisation and what the reminder is about,
-- never a person: the mailer finds the organisation's contacts itself.

--changeset grants:009-create-reminders
CREATE TABLE reminders (
    id               uuid        NOT NULL DEFAULT gen_random_uuid(),
    kind             text        NOT NULL,
    organisation_id  uuid        NOT NULL,
    award_id         uuid        NOT NULL,
    -- what the reminder is about: the award (an offer), a claim (its evidence) or an outcome target (its return)
    subject_type     text        NOT NULL,
    subject_id       uuid        NOT NULL,
    -- which period it is for: a quarter such as '2019-20 Q1' for a claim due, else the financial year
    period           text        NOT NULL,
    due_on           date        NOT NULL,
    message_en       text        NOT NULL,
    message_cy       text        NOT NULL,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    CONSTRAINT pk_reminders PRIMARY KEY (id),
    CONSTRAINT fk_reminders_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT fk_reminders_award FOREIGN KEY (award_id) REFERENCES awards (id),
    -- one reminder per kind, subject and period, however many runs find it or race to write it
    -- (INSERT ... ON CONFLICT DO NOTHING on this key)
    CONSTRAINT uq_reminders_kind_subject_period UNIQUE (kind, subject_id, period),
    CONSTRAINT ck_reminders_kind CHECK (kind IN ('CLAIM_OVERDUE', 'EVIDENCE_MISSING', 'OUTCOME_RETURN_DUE',
        'OFFER_NOT_ACCEPTED')),
    CONSTRAINT ck_reminders_subject_type CHECK (subject_type IN ('award', 'claim', 'outcome-target')),
    CONSTRAINT ck_reminders_period_length CHECK (length(period) BETWEEN 1 AND 40),
    CONSTRAINT ck_reminders_message_lengths CHECK (length(message_en) BETWEEN 1 AND 2000
        AND length(message_cy) BETWEEN 1 AND 2000),
    CONSTRAINT ck_reminders_sent_after_created CHECK (sent_at IS NULL OR sent_at >= created_at)
);
-- the mailer's queue: what is still to send, oldest first
CREATE INDEX ix_reminders_unsent ON reminders (created_at) WHERE sent_at IS NULL;
CREATE INDEX ix_reminders_organisation ON reminders (organisation_id, created_at);
CREATE INDEX ix_reminders_award ON reminders (award_id);
--rollback DROP TABLE reminders;
