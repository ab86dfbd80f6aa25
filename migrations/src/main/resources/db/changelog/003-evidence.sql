--liquibase formatted sql

--changeset grants:003-create-evidence
-- One uploaded document. The bytes live once per SHA-256 in content-addressed storage (ab/cd/<sha256>); several
-- rows may share one file. A row exists only after its file is in place, and a stored file without any row is an
-- orphan that the start-up sweep removes. Rows are never deleted: removal and supersession are recorded instead.
CREATE TABLE evidence (
    id             uuid        NOT NULL,
    award_id       uuid        NOT NULL,
    claim_id       uuid,
    title          text        NOT NULL,
    -- the client's filename, cleaned, for display only; storage names never come from the client
    filename       text        NOT NULL,
    media_type     text        NOT NULL,
    size_bytes     bigint      NOT NULL,
    sha256         text        NOT NULL,
    supersedes_id  uuid,
    uploaded_by    uuid        NOT NULL,
    uploaded_at    timestamptz NOT NULL,
    removed_by     uuid,
    removed_at     timestamptz,
    CONSTRAINT pk_evidence PRIMARY KEY (id),
    CONSTRAINT fk_evidence_award FOREIGN KEY (award_id) REFERENCES awards (id),
    CONSTRAINT fk_evidence_claim FOREIGN KEY (claim_id) REFERENCES claims (id),
    CONSTRAINT fk_evidence_supersedes FOREIGN KEY (supersedes_id) REFERENCES evidence (id),
    CONSTRAINT fk_evidence_uploaded_by FOREIGN KEY (uploaded_by) REFERENCES users (id),
    CONSTRAINT fk_evidence_removed_by FOREIGN KEY (removed_by) REFERENCES users (id),
    -- a document is corrected once; a second correction supersedes the first correction
    CONSTRAINT uq_evidence_supersedes UNIQUE (supersedes_id),
    CONSTRAINT ck_evidence_title_length CHECK (length(title) BETWEEN 1 AND 200),
    CONSTRAINT ck_evidence_filename_length CHECK (length(filename) BETWEEN 1 AND 255),
    CONSTRAINT ck_evidence_media_type CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg', 'text/csv',
        'text/plain', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet')),
    CONSTRAINT ck_evidence_size_positive CHECK (size_bytes > 0),
    CONSTRAINT ck_evidence_sha256_format CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT ck_evidence_not_superseding_itself CHECK (supersedes_id IS NULL OR supersedes_id <> id),
    CONSTRAINT ck_evidence_removal_recorded CHECK ((removed_at IS NULL) = (removed_by IS NULL))
);
CREATE INDEX ix_evidence_award_uploaded ON evidence (award_id, uploaded_at, id);
CREATE INDEX ix_evidence_claim ON evidence (claim_id) WHERE claim_id IS NOT NULL;
CREATE INDEX ix_evidence_sha256 ON evidence (sha256);
--rollback DROP TABLE evidence;

--changeset grants:003-create-outcome-reports
-- An actual figure reported against one of an award's outcome targets for the period ending period_end.
-- Reporting the same period again corrects it: the latest report of a period counts, the earlier ones stay.
CREATE TABLE outcome_reports (
    id           uuid          NOT NULL,
    award_id     uuid          NOT NULL,
    target_id    uuid          NOT NULL,
    period_end   date          NOT NULL,
    value        numeric(16,2) NOT NULL,
    note         text,
    reported_by  uuid          NOT NULL,
    reported_at  timestamptz   NOT NULL,
    CONSTRAINT pk_outcome_reports PRIMARY KEY (id),
    CONSTRAINT fk_outcome_reports_award FOREIGN KEY (award_id) REFERENCES awards (id),
    CONSTRAINT fk_outcome_reports_target FOREIGN KEY (target_id) REFERENCES outcome_targets (id),
    CONSTRAINT fk_outcome_reports_reported_by FOREIGN KEY (reported_by) REFERENCES users (id),
    CONSTRAINT ck_outcome_reports_value_non_negative CHECK (value >= 0),
    CONSTRAINT ck_outcome_reports_note_length CHECK (note IS NULL OR length(note) BETWEEN 1 AND 2000)
);
CREATE INDEX ix_outcome_reports_award_target ON outcome_reports (award_id, target_id, period_end, reported_at);
--rollback DROP TABLE outcome_reports;
