--liquibase formatted sql
-- The batch jobs' shared state. Work that several processes share (on several machines) runs on db-scheduler,
-- whose table is scheduled_tasks; what each run is and what became of each of its items is ours, in batch_runs and
-- batch_items, because db-scheduler deletes an execution once it has run and every process must see the results.

--changeset grants:008-create-scheduled-tasks
-- db-scheduler 16.x's own PostgreSQL table, as its repository gives it (db-scheduler/src/test/resources/
-- postgresql_tables.sql), with the indexes named. Claimed by the single-statement lock-and-fetch poll
-- (UPDATE ... WHERE (task_name, task_instance) IN (SELECT ... FOR UPDATE SKIP LOCKED)); a picked execution whose
-- last_heartbeat is too old belonged to a worker that died and is revived. priority is unused by our tasks but
-- read by the library.
CREATE TABLE scheduled_tasks (
    task_name            text        NOT NULL,
    task_instance        text        NOT NULL,
    task_data            bytea,
    execution_time       timestamptz NOT NULL,
    picked               boolean     NOT NULL,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures integer,
    last_heartbeat       timestamptz,
    version              bigint      NOT NULL,
    priority             smallint,
    CONSTRAINT pk_scheduled_tasks PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX ix_scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX ix_scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX ix_scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
--rollback DROP TABLE scheduled_tasks;

--changeset grants:008-create-batch-runs
-- One row per job and arguments: every process started with the same arguments finds this row (INSERT ... ON
-- CONFLICT on the key) and joins the run instead of starting another. arguments_key is the arguments in one
-- canonical text; arguments the same as JSON, for people. finished_at is set, in the transaction of whoever wrote
-- the run's result (the audit packs' manifest), once every item is done: a finished run is never done again.
CREATE TABLE batch_runs (
    id            bigint      GENERATED ALWAYS AS IDENTITY,
    job           text        NOT NULL,
    arguments_key text        NOT NULL,
    arguments     jsonb       NOT NULL,
    started_by    text        NOT NULL,
    started_at    timestamptz NOT NULL,
    item_count    integer     NOT NULL,
    finished_at   timestamptz,
    finished_by   text,
    done_count    integer,
    failed_count  integer,
    page_count    bigint,
    CONSTRAINT pk_batch_runs PRIMARY KEY (id),
    CONSTRAINT uq_batch_runs_job_arguments UNIQUE (job, arguments_key),
    CONSTRAINT ck_batch_runs_item_count CHECK (item_count >= 0),
    CONSTRAINT ck_batch_runs_finished CHECK ((finished_at IS NULL) = (finished_by IS NULL))
);
--rollback DROP TABLE batch_runs;

--changeset grants:008-create-batch-items
-- One row per item of a run (for audit-packs: an award in one language, item_key '<award id>:<language>'), written
-- with the run, so the run's set of items is fixed when it starts. A task locks its item's row (FOR UPDATE) while it
-- works and records the result in that transaction: a second delivery of the same execution waits, then finds the
-- item DONE and skips it. checkpoint_sequence is the signed checkpoint the pack cites (audit_checkpoints).
CREATE TABLE batch_items (
    run_id              bigint      NOT NULL,
    item_key            text        NOT NULL,
    status              text        NOT NULL DEFAULT 'PENDING',
    output_file         text,
    size                bigint,
    sha256              text,
    data_digest         text,
    pages               integer,
    checkpoint_sequence bigint,
    worker              text,
    attempts            integer     NOT NULL DEFAULT 0,
    error               text,
    finished_at         timestamptz,
    CONSTRAINT pk_batch_items PRIMARY KEY (run_id, item_key),
    CONSTRAINT fk_batch_items_run FOREIGN KEY (run_id) REFERENCES batch_runs (id),
    CONSTRAINT fk_batch_items_checkpoint FOREIGN KEY (checkpoint_sequence) REFERENCES audit_checkpoints (sequence),
    CONSTRAINT ck_batch_items_status CHECK (status IN ('PENDING', 'DONE', 'FAILED')),
    CONSTRAINT ck_batch_items_done CHECK (status <> 'DONE'
        OR (output_file IS NOT NULL AND sha256 IS NOT NULL AND finished_at IS NOT NULL AND worker IS NOT NULL))
);
CREATE INDEX ix_batch_items_run_status ON batch_items (run_id, status);
--rollback DROP TABLE batch_items;
