--liquibase formatted sql
-- Hash chains over the audit trail and signed checkpoints of their heads. docs/audit-trail.md defines the canonical
-- form, the chain rules and the checkpoint message; the functions below are one implementation of it, the Java
-- verifier (wales.gov.grants.audit) an independent second one.

--changeset grants:005-audit-canonical-json-function splitStatements:false
-- Canonical JSON of a jsonb value: members sorted by key in code point order (COLLATE "C" on a UTF-8 database is
-- byte order, which is code point order), no whitespace, strings escaped as PostgreSQL's JSON output does (\" \\ \b
-- \f \n \r \t, other control characters as lowercase \u00xx, nothing else), numbers as numeric prints them. Scalars
-- are written inline rather than by recursion: a PL/pgSQL call per scalar would cost more than the rest.
CREATE FUNCTION audit_canonical_json(value jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    CASE jsonb_typeof(value)
        WHEN 'object' THEN
            RETURN '{' || coalesce((
                SELECT string_agg(to_json(member.key)::text || ':' || CASE
                        WHEN jsonb_typeof(member.element) IN ('object', 'array')
                            THEN audit_canonical_json(member.element)
                        ELSE member.element::text END,
                    ',' ORDER BY member.key COLLATE "C")
                FROM jsonb_each(value) AS member (key, element)), '') || '}';
        WHEN 'array' THEN
            RETURN '[' || coalesce((
                SELECT string_agg(CASE
                        WHEN jsonb_typeof(item.element) IN ('object', 'array')
                            THEN audit_canonical_json(item.element)
                        ELSE item.element::text END,
                    ',' ORDER BY item.position)
                FROM jsonb_array_elements(value) WITH ORDINALITY AS item (element, position)), '') || ']';
        ELSE
            RETURN value::text;
    END CASE;
END;
$$;
--rollback DROP FUNCTION audit_canonical_json(jsonb);

--changeset grants:005-audit-events-chain-columns
-- chain_id in the C collation, so the verifier's walk in code point order of chains is the unique index's order.
-- NULL only until the next change set has chained the events that existed before this release.
ALTER TABLE audit_events ADD COLUMN chain_id text COLLATE "C";
ALTER TABLE audit_events ADD COLUMN chain_position bigint;
ALTER TABLE audit_events ADD COLUMN previous_hash text;
ALTER TABLE audit_events ADD COLUMN hash text;
--rollback ALTER TABLE audit_events DROP COLUMN hash; ALTER TABLE audit_events DROP COLUMN previous_hash; ALTER TABLE audit_events DROP COLUMN chain_position; ALTER TABLE audit_events DROP COLUMN chain_id;

--changeset grants:005-create-audit-chain-heads
-- One row per chain: its length and last hash, updated by the insert trigger under the row's lock, so a deleted
-- tail is detected. Updated on every event, hence room on each page for HOT updates.
CREATE TABLE audit_chain_heads (
    chain_id       text COLLATE "C" NOT NULL,
    length         bigint NOT NULL,
    head_hash      text,
    head_event_id  bigint,
    CONSTRAINT pk_audit_chain_heads PRIMARY KEY (chain_id),
    CONSTRAINT ck_audit_chain_heads_length CHECK (length >= 0),
    CONSTRAINT ck_audit_chain_heads_head_when_not_empty
        CHECK ((length = 0) = (head_hash IS NULL) AND (length = 0) = (head_event_id IS NULL))
) WITH (fillfactor = 50);
--rollback DROP TABLE audit_chain_heads;

--changeset grants:005-audit-event-canonical-function splitStatements:false
-- The canonical content of an event (docs/audit-trail.md): every column but the hash itself, members always present
-- (SQL NULL as JSON null), times as UTC with six fractional digits. The members are written here already sorted.
CREATE FUNCTION audit_event_canonical(event audit_events) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT '{"action":' || to_json(event.action)::text
        || ',"actor_organisation_id":' || coalesce(to_json(event.actor_organisation_id::text)::text, 'null')
        || ',"actor_role":' || coalesce(to_json(event.actor_role)::text, 'null')
        || ',"actor_user_id":' || coalesce(to_json(event.actor_user_id::text)::text, 'null')
        || ',"actor_username":' || coalesce(to_json(event.actor_username)::text, 'null')
        || ',"after_state":' || coalesce(audit_canonical_json(event.after_state), 'null')
        || ',"award_id":' || coalesce(to_json(event.award_id::text)::text, 'null')
        || ',"before_state":' || coalesce(audit_canonical_json(event.before_state), 'null')
        || ',"chain_id":' || to_json(event.chain_id)::text
        || ',"chain_position":' || event.chain_position::text
        || ',"client_address":' || coalesce(to_json(event.client_address)::text, 'null')
        || ',"details":' || coalesce(audit_canonical_json(event.details), 'null')
        || ',"id":' || event.id::text
        || ',"object_id":' || coalesce(to_json(event.object_id)::text, 'null')
        || ',"object_type":' || to_json(event.object_type)::text
        || ',"occurred_at":"' || to_char(event.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '"'
        || ',"previous_hash":' || coalesce(to_json(event.previous_hash)::text, 'null')
        || ',"scheme_id":' || coalesce(to_json(event.scheme_id::text)::text, 'null')
        || '}'
$$;
--rollback DROP FUNCTION audit_event_canonical(audit_events);

--changeset grants:005-audit-events-chain-existing-events splitStatements:false
-- Events from before this release, chained in id order; their content is left as it was. The append-only trigger
-- is suspended for this transaction only (ALTER TABLE holds an exclusive lock until it commits).
ALTER TABLE audit_events DISABLE TRIGGER tr_audit_events_no_update_or_delete;
DO $$
DECLARE
    event audit_events;
    head audit_chain_heads;
BEGIN
    FOR event IN SELECT * FROM audit_events ORDER BY id LOOP
        event.chain_id := coalesce(event.award_id::text, 'global');
        SELECT * INTO head FROM audit_chain_heads WHERE chain_id = event.chain_id;
        IF NOT FOUND THEN
            head := ROW(event.chain_id, 0, NULL, NULL);
            INSERT INTO audit_chain_heads (chain_id, length, head_hash, head_event_id)
            VALUES (event.chain_id, 0, NULL, NULL);
        END IF;
        event.chain_position := head.length + 1;
        event.previous_hash := head.head_hash;
        event.hash := encode(sha256(convert_to(audit_event_canonical(event), 'UTF8')), 'hex');
        UPDATE audit_events SET chain_id = event.chain_id, chain_position = event.chain_position,
                                previous_hash = event.previous_hash, hash = event.hash
        WHERE id = event.id;
        UPDATE audit_chain_heads SET length = event.chain_position, head_hash = event.hash, head_event_id = event.id
        WHERE chain_id = event.chain_id;
    END LOOP;
END;
$$;
ALTER TABLE audit_events ENABLE TRIGGER tr_audit_events_no_update_or_delete;
--rollback SELECT 1;

--changeset grants:005-audit-events-chain-constraints
ALTER TABLE audit_events ALTER COLUMN chain_id SET NOT NULL;
ALTER TABLE audit_events ALTER COLUMN chain_position SET NOT NULL;
ALTER TABLE audit_events ALTER COLUMN hash SET NOT NULL;
ALTER TABLE audit_events ADD CONSTRAINT uq_audit_events_chain_position UNIQUE (chain_id, chain_position);
ALTER TABLE audit_events ADD CONSTRAINT ck_audit_events_chain_position CHECK (chain_position >= 1);
ALTER TABLE audit_events ADD CONSTRAINT ck_audit_events_hash_format CHECK (hash ~ '^[0-9a-f]{64}$');
ALTER TABLE audit_events ADD CONSTRAINT ck_audit_events_previous_hash
    CHECK ((chain_position = 1) = (previous_hash IS NULL) AND previous_hash ~ '^[0-9a-f]{64}$');
--rollback ALTER TABLE audit_events DROP CONSTRAINT ck_audit_events_previous_hash; ALTER TABLE audit_events DROP CONSTRAINT ck_audit_events_hash_format; ALTER TABLE audit_events DROP CONSTRAINT ck_audit_events_chain_position; ALTER TABLE audit_events DROP CONSTRAINT uq_audit_events_chain_position; ALTER TABLE audit_events ALTER COLUMN hash DROP NOT NULL; ALTER TABLE audit_events ALTER COLUMN chain_position DROP NOT NULL; ALTER TABLE audit_events ALTER COLUMN chain_id DROP NOT NULL;

--changeset grants:005-audit-events-chain-on-insert splitStatements:false
-- Every insert is chained, whatever path it takes: the chain is the award's (or 'global'), the position and the
-- previous hash come from the chain's head, locked until the inserting transaction ends. Ids come from the identity
-- before this lock is taken, so chain_position, not id, is a chain's order. Values a caller supplies for these
-- columns are overwritten.
CREATE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    head audit_chain_heads;
BEGIN
    NEW.chain_id := coalesce(NEW.award_id::text, 'global');
    SELECT * INTO head FROM audit_chain_heads WHERE chain_id = NEW.chain_id FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO audit_chain_heads (chain_id, length, head_hash, head_event_id)
        VALUES (NEW.chain_id, 0, NULL, NULL)
        ON CONFLICT (chain_id) DO NOTHING;
        SELECT * INTO STRICT head FROM audit_chain_heads WHERE chain_id = NEW.chain_id FOR UPDATE;
    END IF;
    NEW.chain_position := head.length + 1;
    NEW.previous_hash := head.head_hash;
    NEW.hash := encode(sha256(convert_to(audit_event_canonical(NEW), 'UTF8')), 'hex');
    UPDATE audit_chain_heads SET length = NEW.chain_position, head_hash = NEW.hash, head_event_id = NEW.id
    WHERE chain_id = NEW.chain_id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER tr_audit_events_chain
    BEFORE INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
--rollback DROP TRIGGER tr_audit_events_chain ON audit_events; DROP FUNCTION audit_events_chain();

--changeset grants:005-create-audit-checkpoints
-- Signed checkpoints (docs/audit-trail.md): each lists the chains that changed since the previous one with their
-- length and head, and carries the SHA-256 of the previous checkpoint's message, so the checkpoints form a chain
-- of their own. The signature is Ed25519 by a key kept outside the database; key_id names its public key.
CREATE TABLE audit_checkpoints (
    sequence           bigint      NOT NULL,
    created_at         timestamptz NOT NULL,
    key_id             text        NOT NULL,
    previous_digest    text,
    signature          text        NOT NULL,
    CONSTRAINT pk_audit_checkpoints PRIMARY KEY (sequence),
    CONSTRAINT ck_audit_checkpoints_sequence CHECK (sequence >= 1),
    CONSTRAINT ck_audit_checkpoints_previous
        CHECK ((sequence = 1) = (previous_digest IS NULL) AND previous_digest ~ '^[0-9a-f]{64}$'),
    CONSTRAINT ck_audit_checkpoints_key_id CHECK (key_id ~ '^[0-9a-f]{16}$')
);
CREATE TABLE audit_checkpoint_chains (
    checkpoint_sequence  bigint NOT NULL,
    chain_id             text COLLATE "C" NOT NULL,
    length               bigint NOT NULL,
    head_hash            text   NOT NULL,
    head_event_id        bigint NOT NULL,
    CONSTRAINT pk_audit_checkpoint_chains PRIMARY KEY (checkpoint_sequence, chain_id),
    CONSTRAINT fk_audit_checkpoint_chains_checkpoint FOREIGN KEY (checkpoint_sequence)
        REFERENCES audit_checkpoints (sequence),
    -- a chain appears in a checkpoint only when it has grown, so a (chain, length) is signed once: the lookup of
    -- the checkpoint that covers a chain as it stands
    CONSTRAINT uq_audit_checkpoint_chains_chain_length UNIQUE (chain_id, length),
    CONSTRAINT ck_audit_checkpoint_chains_length CHECK (length >= 1),
    CONSTRAINT ck_audit_checkpoint_chains_head_hash CHECK (head_hash ~ '^[0-9a-f]{64}$')
);
--rollback DROP TABLE audit_checkpoint_chains; DROP TABLE audit_checkpoints;

--changeset grants:005-audit-checkpoints-append-only splitStatements:false
CREATE FUNCTION audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER tr_audit_checkpoints_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER tr_audit_checkpoints_no_truncate
    BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER tr_audit_checkpoint_chains_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_checkpoint_chains
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER tr_audit_checkpoint_chains_no_truncate
    BEFORE TRUNCATE ON audit_checkpoint_chains
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--rollback DROP TRIGGER tr_audit_checkpoint_chains_no_truncate ON audit_checkpoint_chains; DROP TRIGGER tr_audit_checkpoint_chains_no_update_or_delete ON audit_checkpoint_chains; DROP TRIGGER tr_audit_checkpoints_no_truncate ON audit_checkpoints; DROP TRIGGER tr_audit_checkpoints_no_update_or_delete ON audit_checkpoints; DROP FUNCTION audit_refuse_change();
