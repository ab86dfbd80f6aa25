--liquibase formatted sql

--changeset grants:004-awards-underspend
-- Recorded when an award closes: the award amount less its eligible (approved) spend. NULL until then.
ALTER TABLE awards ADD COLUMN underspend_pence bigint;
ALTER TABLE awards ADD CONSTRAINT ck_awards_underspend_range
    CHECK (underspend_pence IS NULL OR (underspend_pence >= 0 AND underspend_pence <= amount_pence));
ALTER TABLE awards ADD CONSTRAINT ck_awards_underspend_only_when_closed
    CHECK (underspend_pence IS NULL OR status = 'CLOSED');
--rollback ALTER TABLE awards DROP CONSTRAINT ck_awards_underspend_only_when_closed; ALTER TABLE awards DROP CONSTRAINT ck_awards_underspend_range; ALTER TABLE awards DROP COLUMN underspend_pence;

--changeset grants:004-claims-text-lengths
ALTER TABLE claims ADD CONSTRAINT ck_claims_text_lengths
    CHECK (length(rejection_reason) BETWEEN 1 AND 2000 AND length(query_question) BETWEEN 1 AND 2000);
--rollback ALTER TABLE claims DROP CONSTRAINT ck_claims_text_lengths;

--changeset grants:004-claims-money-invariants
-- Payments never exceed what was eligible when paid, and eligible never exceeds the amount claimed, so paid
-- never exceeds the amount; a later adjustment may leave paid above eligible (a recovery is then raised).
ALTER TABLE claims ADD CONSTRAINT ck_claims_paid_within_amount CHECK (paid_pence <= amount_pence);
ALTER TABLE claims ADD CONSTRAINT ck_claims_status_money CHECK (
    (status IN ('APPROVED', 'PAID') OR (eligible_pence = 0 AND paid_pence = 0))
    AND (status <> 'PAID' OR paid_pence > 0));
--rollback ALTER TABLE claims DROP CONSTRAINT ck_claims_status_money; ALTER TABLE claims DROP CONSTRAINT ck_claims_paid_within_amount;

--changeset grants:004-claims-work-queue-index
-- The claims of one award by status: the overlap check on a new claim and the checks on closing.
CREATE INDEX ix_claims_award_status ON claims (award_id, status);
--rollback DROP INDEX ix_claims_award_status;
