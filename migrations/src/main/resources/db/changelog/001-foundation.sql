--liquibase formatted sql

--changeset grants:001-create-organisations
CREATE TABLE organisations (
    id          uuid        NOT NULL DEFAULT gen_random_uuid(),
    code        text        NOT NULL,
    name_en     text        NOT NULL,
    name_cy     text        NOT NULL,
    type        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_organisations PRIMARY KEY (id),
    CONSTRAINT uq_organisations_code UNIQUE (code),
    CONSTRAINT ck_organisations_code_format CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{1,31}$'),
    CONSTRAINT ck_organisations_names CHECK (length(name_en) BETWEEN 1 AND 200 AND length(name_cy) BETWEEN 1 AND 200),
    CONSTRAINT ck_organisations_type CHECK (type IN ('LOCAL_AUTHORITY', 'EDUCATION_CONSORTIUM',
        'ADOPTION_COLLABORATIVE', 'REGIONAL_PARTNERSHIP_BOARD', 'OTHER'))
);
--rollback DROP TABLE organisations;

--changeset grants:001-create-users
CREATE TABLE users (
    id              uuid        NOT NULL DEFAULT gen_random_uuid(),
    username        text        NOT NULL,
    password_hash   text        NOT NULL,
    display_name    text        NOT NULL,
    role            text        NOT NULL,
    organisation_id uuid,
    -- demo users are loaded only in demo mode and refused by the server in any other mode
    demo            boolean     NOT NULL DEFAULT false,
    enabled         boolean     NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT fk_users_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT ck_users_username_format CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    CONSTRAINT ck_users_role CHECK (role IN ('ADMIN', 'GRANT_MANAGER', 'FINANCE_OFFICER', 'RECIPIENT', 'AUDITOR')),
    -- a recipient acts for exactly one organisation; every other role acts for the Welsh Government
    CONSTRAINT ck_users_recipient_has_organisation CHECK ((role = 'RECIPIENT') = (organisation_id IS NOT NULL))
);
CREATE UNIQUE INDEX uq_users_username ON users (username);
CREATE INDEX ix_users_organisation ON users (organisation_id);
--rollback DROP TABLE users;

--changeset grants:001-create-api-tokens
CREATE TABLE api_tokens (
    id          uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id     uuid        NOT NULL,
    -- SHA-256 of the token: the token itself is shown once and never stored
    token_hash  bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    CONSTRAINT pk_api_tokens PRIMARY KEY (id),
    CONSTRAINT fk_api_tokens_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT uq_api_tokens_token_hash UNIQUE (token_hash),
    CONSTRAINT ck_api_tokens_hash_length CHECK (length(token_hash) = 32),
    CONSTRAINT ck_api_tokens_expiry_after_creation CHECK (expires_at > created_at)
);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);
--rollback DROP TABLE api_tokens;

--changeset grants:001-create-schemes
CREATE TABLE schemes (
    id                            uuid        NOT NULL DEFAULT gen_random_uuid(),
    code                          text        NOT NULL,
    name_en                       text        NOT NULL,
    name_cy                       text        NOT NULL,
    financial_year                text        NOT NULL,
    budget_pence                  bigint      NOT NULL,
    dual_approval_threshold_pence bigint      NOT NULL,
    -- running totals kept in step with awards and claims under the scheme row lock;
    -- the CHECKs make the budget rule hold even if the code were wrong
    allocated_pence               bigint      NOT NULL DEFAULT 0,
    approved_pence                bigint      NOT NULL DEFAULT 0,
    paid_pence                    bigint      NOT NULL DEFAULT 0,
    created_by                    uuid        NOT NULL,
    created_at                    timestamptz NOT NULL,
    CONSTRAINT pk_schemes PRIMARY KEY (id),
    CONSTRAINT fk_schemes_created_by FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT uq_schemes_code_financial_year UNIQUE (code, financial_year),
    CONSTRAINT ck_schemes_code_format CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{1,31}$'),
    CONSTRAINT ck_schemes_financial_year_format CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'),
    CONSTRAINT ck_schemes_budget_range CHECK (budget_pence > 0 AND budget_pence <= 99999999999999),
    CONSTRAINT ck_schemes_threshold_range CHECK (dual_approval_threshold_pence > 0
        AND dual_approval_threshold_pence <= 99999999999999),
    CONSTRAINT ck_schemes_allocated_within_budget CHECK (allocated_pence >= 0 AND allocated_pence <= budget_pence),
    CONSTRAINT ck_schemes_approved_within_allocated CHECK (approved_pence >= 0 AND approved_pence <= allocated_pence),
    CONSTRAINT ck_schemes_paid_non_negative CHECK (paid_pence >= 0)
);
--rollback DROP TABLE schemes;

--changeset grants:001-create-awards
CREATE TABLE awards (
    id               uuid        NOT NULL DEFAULT gen_random_uuid(),
    scheme_id        uuid        NOT NULL,
    organisation_id  uuid        NOT NULL,
    amount_pence     bigint      NOT NULL,
    status           text        NOT NULL,
    claimed_pence    bigint      NOT NULL DEFAULT 0,
    approved_pence   bigint      NOT NULL DEFAULT 0,
    paid_pence       bigint      NOT NULL DEFAULT 0,
    recovered_pence  bigint      NOT NULL DEFAULT 0,
    created_by       uuid        NOT NULL,
    created_at       timestamptz NOT NULL,
    offered_by       uuid,
    offered_at       timestamptz,
    accepted_by      uuid,
    accepted_at      timestamptz,
    withdrawn_by     uuid,
    withdrawn_at     timestamptz,
    closed_by        uuid,
    closed_at        timestamptz,
    CONSTRAINT pk_awards PRIMARY KEY (id),
    CONSTRAINT fk_awards_scheme FOREIGN KEY (scheme_id) REFERENCES schemes (id),
    CONSTRAINT fk_awards_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT fk_awards_created_by FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT fk_awards_offered_by FOREIGN KEY (offered_by) REFERENCES users (id),
    CONSTRAINT fk_awards_accepted_by FOREIGN KEY (accepted_by) REFERENCES users (id),
    CONSTRAINT fk_awards_withdrawn_by FOREIGN KEY (withdrawn_by) REFERENCES users (id),
    CONSTRAINT fk_awards_closed_by FOREIGN KEY (closed_by) REFERENCES users (id),
    CONSTRAINT ck_awards_status CHECK (status IN ('DRAFT', 'OFFERED', 'ACTIVE', 'CLOSED', 'WITHDRAWN')),
    CONSTRAINT ck_awards_amount_range CHECK (amount_pence > 0 AND amount_pence <= 99999999999999),
    CONSTRAINT ck_awards_approved_within_amount CHECK (approved_pence >= 0 AND approved_pence <= amount_pence),
    CONSTRAINT ck_awards_totals_non_negative CHECK (claimed_pence >= 0 AND paid_pence >= 0 AND recovered_pence >= 0),
    CONSTRAINT ck_awards_offer_recorded CHECK (status IN ('DRAFT', 'WITHDRAWN') OR offered_at IS NOT NULL),
    CONSTRAINT ck_awards_acceptance_recorded CHECK (status NOT IN ('ACTIVE', 'CLOSED') OR accepted_at IS NOT NULL)
);
CREATE INDEX ix_awards_scheme_status ON awards (scheme_id, status);
CREATE INDEX ix_awards_organisation_status ON awards (organisation_id, status);
--rollback DROP TABLE awards;

--changeset grants:001-create-award-conditions
CREATE TABLE award_conditions (
    award_id  uuid    NOT NULL,
    position  integer NOT NULL,
    text      text    NOT NULL,
    CONSTRAINT pk_award_conditions PRIMARY KEY (award_id, position),
    CONSTRAINT fk_award_conditions_award FOREIGN KEY (award_id) REFERENCES awards (id),
    CONSTRAINT ck_award_conditions_position CHECK (position >= 0),
    CONSTRAINT ck_award_conditions_text_length CHECK (length(text) BETWEEN 1 AND 2000)
);
--rollback DROP TABLE award_conditions;

--changeset grants:001-create-outcome-targets
CREATE TABLE outcome_targets (
    id           uuid          NOT NULL DEFAULT gen_random_uuid(),
    award_id     uuid          NOT NULL,
    position     integer       NOT NULL,
    measure      text          NOT NULL,
    description  text          NOT NULL,
    target       numeric(16,2) NOT NULL,
    CONSTRAINT pk_outcome_targets PRIMARY KEY (id),
    CONSTRAINT fk_outcome_targets_award FOREIGN KEY (award_id) REFERENCES awards (id),
    CONSTRAINT uq_outcome_targets_award_measure UNIQUE (award_id, measure),
    CONSTRAINT uq_outcome_targets_award_position UNIQUE (award_id, position),
    CONSTRAINT ck_outcome_targets_measure_format CHECK (measure ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    CONSTRAINT ck_outcome_targets_target_non_negative CHECK (target >= 0)
);
--rollback DROP TABLE outcome_targets;

--changeset grants:001-create-audit-events
-- Append-only: the triggers below refuse UPDATE, DELETE and TRUNCATE whatever the code does.
-- id orders the events; a later release can chain hashes over that order without touching old rows' content.
CREATE TABLE audit_events (
    id                     bigint      GENERATED ALWAYS AS IDENTITY,
    occurred_at            timestamptz NOT NULL,
    actor_user_id          uuid,
    actor_username         text,
    actor_role             text,
    actor_organisation_id  uuid,
    action                 text        NOT NULL,
    object_type            text        NOT NULL,
    object_id              text,
    scheme_id              uuid,
    award_id               uuid,
    before_state           jsonb,
    after_state            jsonb,
    details                jsonb,
    client_address         text,
    CONSTRAINT pk_audit_events PRIMARY KEY (id),
    CONSTRAINT ck_audit_events_action_format CHECK (action ~ '^[A-Z][A-Z_]{1,63}$')
);
CREATE INDEX ix_audit_events_award ON audit_events (award_id, id) WHERE award_id IS NOT NULL;
CREATE INDEX ix_audit_events_scheme ON audit_events (scheme_id, id) WHERE scheme_id IS NOT NULL;
CREATE INDEX ix_audit_events_object ON audit_events (object_type, object_id);
--rollback DROP TABLE audit_events;

--changeset grants:001-audit-events-append-only splitStatements:false
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER tr_audit_events_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER tr_audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--rollback DROP TRIGGER tr_audit_events_no_truncate ON audit_events; DROP TRIGGER tr_audit_events_no_update_or_delete ON audit_events; DROP FUNCTION audit_events_refuse_change();

--changeset grants:001-create-idempotency-records
-- A creating POST with an Idempotency-Key stores its response here in the same transaction as the creation,
-- so a retry returns the original response and a concurrent retry waits on the primary key.
CREATE TABLE idempotency_records (
    user_id              uuid        NOT NULL,
    idempotency_key      text        NOT NULL,
    request_fingerprint  bytea       NOT NULL,
    -- NULL only inside the creating transaction, which fills them before it commits
    response_status      integer,
    response_body        text,
    response_location    text,
    created_at           timestamptz NOT NULL,
    CONSTRAINT pk_idempotency_records PRIMARY KEY (user_id, idempotency_key),
    CONSTRAINT fk_idempotency_records_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT ck_idempotency_records_key_length CHECK (length(idempotency_key) BETWEEN 1 AND 255)
);
CREATE INDEX ix_idempotency_records_created_at ON idempotency_records (created_at);
--rollback DROP TABLE idempotency_records;
