-- A copy of the query side's V4__projection_operations.sql (the engine's own tables, which stay in the query
-- side's history), and the test projection's table.

-- One row per projection being rebuilt. Its new tables live in schema_name until the swap, its token under
-- processor_name in token_entry; both survive a restart, so a replay resumes where it stood.
create table projection_replay (
    projection      text primary key,
    schema_name     text        not null unique,
    processor_name  text        not null unique,
    indexed         boolean     not null default false,
    started_at      timestamptz not null default now(),
    started_by      text        not null
);

-- Events a projection parked after its retries failed. The event itself stays in the event store; a retry reads
-- it back from there. Later events of the same aggregate (sequence_id) are parked behind it, in order.
create table projection_dead_letter (
    id                  bigint generated always as identity primary key,
    processing_group    text        not null,
    sequence_id         text        not null,
    global_index        bigint      not null,
    event_id            text        not null,
    event_type          text        not null,
    aggregate_sequence  bigint,
    cause               text        not null,
    attempts            integer     not null,
    parked_at           timestamptz not null default now(),
    last_attempt_at     timestamptz not null default now(),
    unique (processing_group, event_id)
);

create index projection_dead_letter_sequence on projection_dead_letter (processing_group, sequence_id, global_index);

create table note (
    note_id text primary key,
    text    text not null
);
