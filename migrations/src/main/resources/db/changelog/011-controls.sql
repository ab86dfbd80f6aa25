--liquibase formatted sql
-- Controls of issue 13: double funding found from evidence hashes and claim lines, acknowledged warnings, and
-- approval delegated from one finance officer to another for a period.

--changeset grants:011-add-claim-line-description-keys splitStatements:false
-- The description of a line as double funding compares it: NFC, case-folded, punctuation stripped, whitespace
-- collapsed. The application writes it (ClaimLineKeys in Java defines it); the trigger fills it for rows written
-- without it (rows from before this release, bulk loads) with the closest SQL form, which folds case only as the
-- database's collation can.
ALTER TABLE claim_lines ADD COLUMN description_key text;
CREATE FUNCTION claim_line_description_key(description text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT btrim(regexp_replace(regexp_replace(lower(normalize(description, NFC)), '[[:punct:]]+', '', 'g'),
                                '[[:space:]]+', ' ', 'g'))
$$;
CREATE FUNCTION claim_lines_fill_description_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.description_key IS NULL THEN
        NEW.description_key := claim_line_description_key(NEW.description);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER tg_claim_lines_description_key BEFORE INSERT OR UPDATE OF description ON claim_lines
    FOR EACH ROW EXECUTE FUNCTION claim_lines_fill_description_key();
UPDATE claim_lines SET description_key = claim_line_description_key(description);
ALTER TABLE claim_lines ALTER COLUMN description_key SET NOT NULL;
CREATE INDEX ix_claim_lines_repeated ON claim_lines (category, amount_pence, description_key);
--rollback DROP INDEX ix_claim_lines_repeated; DROP TRIGGER tg_claim_lines_description_key ON claim_lines; DROP FUNCTION claim_lines_fill_description_key(); DROP FUNCTION claim_line_description_key(text); ALTER TABLE claim_lines DROP COLUMN description_key;

--changeset grants:011-create-delegations
-- A finance officer's approval authority lent to another finance officer for the days from..until, both included.
-- Revoked, never deleted. One delegator lends to one delegate at a time: the exclusion constraint keeps live
-- periods of one delegator apart whatever the application does (the service also checks under the delegator's
-- row lock, to answer with the clash).
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE delegations (
    id            uuid        NOT NULL,
    delegator_id  uuid        NOT NULL,
    delegate_id   uuid        NOT NULL,
    starts_on     date        NOT NULL,
    ends_on       date        NOT NULL,
    reason        text        NOT NULL,
    created_at    timestamptz NOT NULL,
    revoked_by    uuid,
    revoked_at    timestamptz,
    CONSTRAINT pk_delegations PRIMARY KEY (id),
    CONSTRAINT fk_delegations_delegator FOREIGN KEY (delegator_id) REFERENCES users (id),
    CONSTRAINT fk_delegations_delegate FOREIGN KEY (delegate_id) REFERENCES users (id),
    CONSTRAINT fk_delegations_revoked_by FOREIGN KEY (revoked_by) REFERENCES users (id),
    CONSTRAINT ck_delegations_not_to_oneself CHECK (delegate_id <> delegator_id),
    CONSTRAINT ck_delegations_period CHECK (starts_on <= ends_on),
    CONSTRAINT ck_delegations_reason_length CHECK (length(reason) BETWEEN 1 AND 2000),
    CONSTRAINT ck_delegations_revocation_recorded CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)),
    CONSTRAINT ex_delegations_one_at_a_time EXCLUDE USING gist (
        delegator_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&) WHERE (revoked_at IS NULL)
);
CREATE INDEX ix_delegations_delegate ON delegations (delegate_id);
--rollback DROP TABLE delegations;

--changeset grants:011-add-claim-approval-delegation-and-acknowledgement
-- on_behalf_of: the finance officer whose delegated authority the approver used. acknowledged_warnings: the keys
-- of the double-funding warnings the approver saw and accepted, with the reason.
ALTER TABLE claim_approvals
    ADD COLUMN on_behalf_of uuid,
    ADD COLUMN delegation_id uuid,
    ADD COLUMN acknowledged_warnings text[],
    ADD COLUMN acknowledgement_reason text,
    ADD CONSTRAINT fk_claim_approvals_on_behalf_of FOREIGN KEY (on_behalf_of) REFERENCES users (id),
    ADD CONSTRAINT fk_claim_approvals_delegation FOREIGN KEY (delegation_id) REFERENCES delegations (id),
    ADD CONSTRAINT ck_claim_approvals_delegation_recorded CHECK ((on_behalf_of IS NULL) = (delegation_id IS NULL)),
    ADD CONSTRAINT ck_claim_approvals_not_on_own_behalf CHECK (on_behalf_of IS NULL OR on_behalf_of <> approver_id),
    ADD CONSTRAINT ck_claim_approvals_acknowledgement
        CHECK ((acknowledged_warnings IS NULL) = (acknowledgement_reason IS NULL));
-- one approval per person, whether given in person or through a delegate
CREATE UNIQUE INDEX uq_claim_approvals_on_behalf_of ON claim_approvals (claim_id, on_behalf_of)
    WHERE on_behalf_of IS NOT NULL;
--rollback DROP INDEX uq_claim_approvals_on_behalf_of; ALTER TABLE claim_approvals DROP COLUMN on_behalf_of, DROP COLUMN delegation_id, DROP COLUMN acknowledged_warnings, DROP COLUMN acknowledgement_reason;
