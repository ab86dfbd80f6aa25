--liquibase formatted sql

--changeset grants:002-create-claims
-- A recipient's claim for expenditure in a period of an ACTIVE award. amount is the sum of its lines;
-- eligible is what finance has approved (reduced by later adjustments); paid never exceeds what was eligible
-- when it was paid (an adjustment below paid raises a recovery instead).
CREATE TABLE claims (
    id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
    award_id           uuid        NOT NULL,
    period_start       date        NOT NULL,
    period_end         date        NOT NULL,
    status             text        NOT NULL,
    amount_pence       bigint      NOT NULL,
    eligible_pence     bigint      NOT NULL DEFAULT 0,
    paid_pence         bigint      NOT NULL DEFAULT 0,
    created_by         uuid        NOT NULL,
    created_at         timestamptz NOT NULL,
    submitted_by       uuid,
    submitted_at       timestamptz,
    decided_by         uuid,
    decided_at         timestamptz,
    rejection_reason   text,
    query_question     text,
    CONSTRAINT pk_claims PRIMARY KEY (id),
    CONSTRAINT fk_claims_award FOREIGN KEY (award_id) REFERENCES awards (id),
    CONSTRAINT fk_claims_created_by FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT fk_claims_submitted_by FOREIGN KEY (submitted_by) REFERENCES users (id),
    CONSTRAINT fk_claims_decided_by FOREIGN KEY (decided_by) REFERENCES users (id),
    CONSTRAINT ck_claims_status CHECK (status IN ('DRAFT', 'SUBMITTED', 'QUERIED', 'APPROVED', 'REJECTED', 'PAID')),
    CONSTRAINT ck_claims_period_order CHECK (period_end >= period_start),
    CONSTRAINT ck_claims_amount_range CHECK (amount_pence > 0 AND amount_pence <= 99999999999999),
    CONSTRAINT ck_claims_eligible_within_amount CHECK (eligible_pence >= 0 AND eligible_pence <= amount_pence),
    CONSTRAINT ck_claims_paid_non_negative CHECK (paid_pence >= 0)
);
CREATE INDEX ix_claims_award_period ON claims (award_id, period_start);
CREATE INDEX ix_claims_status_submitted ON claims (status, submitted_at);
--rollback DROP TABLE claims;

--changeset grants:002-create-claim-lines
CREATE TABLE claim_lines (
    claim_id      uuid    NOT NULL,
    position      integer NOT NULL,
    category      text    NOT NULL,
    description   text    NOT NULL,
    amount_pence  bigint  NOT NULL,
    CONSTRAINT pk_claim_lines PRIMARY KEY (claim_id, position),
    CONSTRAINT fk_claim_lines_claim FOREIGN KEY (claim_id) REFERENCES claims (id),
    CONSTRAINT ck_claim_lines_position CHECK (position >= 0),
    CONSTRAINT ck_claim_lines_amount_range CHECK (amount_pence > 0 AND amount_pence <= 99999999999999),
    CONSTRAINT ck_claim_lines_text_length CHECK (length(category) BETWEEN 1 AND 100 AND length(description) BETWEEN 1 AND 2000)
);
--rollback DROP TABLE claim_lines;

--changeset grants:002-create-claim-approvals
CREATE TABLE claim_approvals (
    claim_id     uuid        NOT NULL,
    approver_id  uuid        NOT NULL,
    approved_at  timestamptz NOT NULL,
    -- two approvals of one claim are always by two different officers
    CONSTRAINT pk_claim_approvals PRIMARY KEY (claim_id, approver_id),
    CONSTRAINT fk_claim_approvals_claim FOREIGN KEY (claim_id) REFERENCES claims (id),
    CONSTRAINT fk_claim_approvals_approver FOREIGN KEY (approver_id) REFERENCES users (id)
);
--rollback DROP TABLE claim_approvals;

--changeset grants:002-create-payments
CREATE TABLE payments (
    id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    claim_id      uuid        NOT NULL,
    amount_pence  bigint      NOT NULL,
    paid_on       date        NOT NULL,
    reference     text        NOT NULL,
    recorded_by   uuid        NOT NULL,
    recorded_at   timestamptz NOT NULL,
    CONSTRAINT pk_payments PRIMARY KEY (id),
    CONSTRAINT fk_payments_claim FOREIGN KEY (claim_id) REFERENCES claims (id),
    CONSTRAINT fk_payments_recorded_by FOREIGN KEY (recorded_by) REFERENCES users (id),
    CONSTRAINT ck_payments_amount_range CHECK (amount_pence > 0 AND amount_pence <= 99999999999999),
    CONSTRAINT ck_payments_reference_length CHECK (length(reference) BETWEEN 1 AND 100)
);
CREATE INDEX ix_payments_claim ON payments (claim_id);
--rollback DROP TABLE payments;

--changeset grants:002-create-claim-adjustments
CREATE TABLE claim_adjustments (
    id                     uuid        NOT NULL DEFAULT gen_random_uuid(),
    claim_id               uuid        NOT NULL,
    amount_pence           bigint      NOT NULL,
    reason                 text        NOT NULL,
    eligible_before_pence  bigint      NOT NULL,
    eligible_after_pence   bigint      NOT NULL,
    made_by                uuid        NOT NULL,
    made_at                timestamptz NOT NULL,
    CONSTRAINT pk_claim_adjustments PRIMARY KEY (id),
    CONSTRAINT fk_claim_adjustments_claim FOREIGN KEY (claim_id) REFERENCES claims (id),
    CONSTRAINT fk_claim_adjustments_made_by FOREIGN KEY (made_by) REFERENCES users (id),
    CONSTRAINT ck_claim_adjustments_amount CHECK (amount_pence > 0
        AND eligible_after_pence = eligible_before_pence - amount_pence AND eligible_after_pence >= 0)
);
CREATE INDEX ix_claim_adjustments_claim ON claim_adjustments (claim_id);
--rollback DROP TABLE claim_adjustments;

--changeset grants:002-create-recoveries
-- Money owed back: raised by an adjustment below what was paid, or at close for over-payment.
CREATE TABLE recoveries (
    id              uuid        NOT NULL DEFAULT gen_random_uuid(),
    award_id        uuid        NOT NULL,
    claim_id        uuid,
    amount_pence    bigint      NOT NULL,
    received_pence  bigint      NOT NULL DEFAULT 0,
    reason          text        NOT NULL,
    raised_by       uuid        NOT NULL,
    raised_at       timestamptz NOT NULL,
    CONSTRAINT pk_recoveries PRIMARY KEY (id),
    CONSTRAINT fk_recoveries_award FOREIGN KEY (award_id) REFERENCES awards (id),
    CONSTRAINT fk_recoveries_claim FOREIGN KEY (claim_id) REFERENCES claims (id),
    CONSTRAINT fk_recoveries_raised_by FOREIGN KEY (raised_by) REFERENCES users (id),
    CONSTRAINT ck_recoveries_amount_range CHECK (amount_pence > 0 AND amount_pence <= 99999999999999),
    CONSTRAINT ck_recoveries_received_within_amount CHECK (received_pence >= 0 AND received_pence <= amount_pence)
);
CREATE INDEX ix_recoveries_award ON recoveries (award_id);
--rollback DROP TABLE recoveries;

--changeset grants:002-create-recovery-receipts
CREATE TABLE recovery_receipts (
    id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    recovery_id   uuid        NOT NULL,
    amount_pence  bigint      NOT NULL,
    received_on   date        NOT NULL,
    reference     text        NOT NULL,
    recorded_by   uuid        NOT NULL,
    recorded_at   timestamptz NOT NULL,
    CONSTRAINT pk_recovery_receipts PRIMARY KEY (id),
    CONSTRAINT fk_recovery_receipts_recovery FOREIGN KEY (recovery_id) REFERENCES recoveries (id),
    CONSTRAINT fk_recovery_receipts_recorded_by FOREIGN KEY (recorded_by) REFERENCES users (id),
    CONSTRAINT ck_recovery_receipts_amount_range CHECK (amount_pence > 0 AND amount_pence <= 99999999999999),
    CONSTRAINT ck_recovery_receipts_reference_length CHECK (length(reference) BETWEEN 1 AND 100)
);
CREATE INDEX ix_recovery_receipts_recovery ON recovery_receipts (recovery_id);
--rollback DROP TABLE recovery_receipts;
