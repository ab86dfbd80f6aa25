--liquibase formatted sql
-- Audit samples (issue 13): a monetary-unit sample of a scheme's approved claim lines, drawn from a recorded seed.
-- A sample is a record of what was drawn from which data (the population's digest and the latest signed
-- checkpoint), so, like the audit trail, its rows are never updated or deleted.

--changeset grants:012-create-samples
CREATE TABLE samples (
    id                  uuid        NOT NULL,
    scheme_id           uuid        NOT NULL,
    -- the number of monetary units (pence) selected; a line holding several of them is one sampled line
    size                integer     NOT NULL,
    seed                bigint      NOT NULL,
    seed_given          boolean     NOT NULL,
    method              text        NOT NULL,
    population_lines    integer     NOT NULL,
    population_pence    bigint      NOT NULL,
    -- the random start r in [0, population_pence): the k-th selected penny is floor((r + k * population) / size)
    random_start        bigint      NOT NULL,
    data_digest         text        NOT NULL,
    checkpoint_sequence bigint,
    drawn_by            uuid        NOT NULL,
    drawn_at            timestamptz NOT NULL,
    CONSTRAINT pk_samples PRIMARY KEY (id),
    CONSTRAINT fk_samples_scheme FOREIGN KEY (scheme_id) REFERENCES schemes (id),
    CONSTRAINT fk_samples_drawn_by FOREIGN KEY (drawn_by) REFERENCES users (id),
    CONSTRAINT fk_samples_checkpoint FOREIGN KEY (checkpoint_sequence) REFERENCES audit_checkpoints (sequence),
    CONSTRAINT ck_samples_size CHECK (size >= 1 AND size <= population_lines),
    CONSTRAINT ck_samples_population CHECK (population_lines >= 1 AND population_pence >= population_lines),
    CONSTRAINT ck_samples_random_start CHECK (random_start >= 0 AND random_start < population_pence),
    CONSTRAINT ck_samples_data_digest CHECK (data_digest ~ '^[0-9a-f]{64}$'),
    CONSTRAINT ck_samples_method CHECK (method IN ('mus-systematic/1'))
);
CREATE INDEX ix_samples_scheme ON samples (scheme_id, drawn_at);
--rollback DROP TABLE samples;

--changeset grants:012-create-sample-lines
CREATE TABLE sample_lines (
    sample_id       uuid    NOT NULL,
    -- the line's place in the population's order (claim id, then line position), from 0
    ordinal         integer NOT NULL,
    claim_id        uuid    NOT NULL,
    position        integer NOT NULL,
    -- the line's amount as it was drawn; the claim may be adjusted later
    amount_pence    bigint  NOT NULL,
    -- how many selected pennies fell in the line, and the first of them, counted from the start of the population
    hits            integer NOT NULL,
    first_unit      bigint  NOT NULL,
    -- the line is at least the sampling interval, so any random start selects it
    certain         boolean NOT NULL,
    CONSTRAINT pk_sample_lines PRIMARY KEY (sample_id, ordinal),
    CONSTRAINT uq_sample_lines_line UNIQUE (sample_id, claim_id, position),
    CONSTRAINT fk_sample_lines_sample FOREIGN KEY (sample_id) REFERENCES samples (id),
    CONSTRAINT fk_sample_lines_claim_line FOREIGN KEY (claim_id, position) REFERENCES claim_lines (claim_id, position),
    CONSTRAINT ck_sample_lines_hits CHECK (hits >= 1 AND amount_pence > 0 AND first_unit >= 0)
);
CREATE INDEX ix_sample_lines_claim ON sample_lines (claim_id);
--rollback DROP TABLE sample_lines;

--changeset grants:012-samples-append-only
CREATE TRIGGER tr_samples_no_update_or_delete
    BEFORE UPDATE OR DELETE ON samples
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER tr_samples_no_truncate
    BEFORE TRUNCATE ON samples
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER tr_sample_lines_no_update_or_delete
    BEFORE UPDATE OR DELETE ON sample_lines
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER tr_sample_lines_no_truncate
    BEFORE TRUNCATE ON sample_lines
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--rollback DROP TRIGGER tr_sample_lines_no_truncate ON sample_lines; DROP TRIGGER tr_sample_lines_no_update_or_delete ON sample_lines; DROP TRIGGER tr_samples_no_truncate ON samples; DROP TRIGGER tr_samples_no_update_or_delete ON samples;
