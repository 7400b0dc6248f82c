-- Customer imports (CSV): the job with its progress, the uploaded records, and the errors of rejected rows. A record
-- is marked done in the same transaction as the customer it creates or changes and the job's counters, so an import
-- resumed after a crash continues exactly where it stopped.
create table customer_import (
    import_id        text primary key,
    organization_id  text        not null,
    actor_id         text        not null,
    actor_name       text        not null,
    actor_role       text        not null,
    request_id       text,
    status           text        not null check (status in ('queued', 'running', 'succeeded', 'failed')),
    dry_run          boolean     not null,
    on_conflict      text        not null check (on_conflict in ('skip', 'update', 'fail')),
    columns          text[]      not null,
    total_rows       integer     not null default 0,
    processed_rows   integer     not null default 0,
    created          integer     not null default 0,
    updated          integer     not null default 0,
    skipped          integer     not null default 0,
    failed_rows      integer     not null default 0,
    -- The node running the import holds it until lease_expires_at and extends it with every chunk it commits; a job
    -- whose lease ran out (its node died) is taken over by another.
    lease_owner      text,
    lease_expires_at timestamptz,
    created_at       timestamptz not null default now(),
    finished_at      timestamptz
);

create index customer_import_unfinished on customer_import (created_at) where status in ('queued', 'running');
create index customer_import_organization on customer_import (organization_id, import_id);

create table customer_import_row (
    import_id          text    not null references customer_import on delete cascade,
    row_number         integer not null,
    cells              text[]  not null,
    -- Taken from the cells when the file is stored: duplicates inside the file and in-file parents are found set-based.
    external_id        text,
    email_key          text,
    parent_external_id text,
    duplicate_of       integer,
    duplicate_column   text,
    -- Rows are applied level by level: a row whose parent is another row of the file comes one level after it.
    level              integer not null default 0,
    state              text    not null default 'pending' check (state in ('pending', 'done')),
    outcome            text check (outcome in ('created', 'updated', 'skipped', 'failed')),
    primary key (import_id, row_number)
);

create index customer_import_row_pending on customer_import_row (import_id, level, row_number) where state = 'pending';
create index customer_import_row_external_id on customer_import_row (import_id, external_id);
create index customer_import_row_email on customer_import_row (import_id, email_key);

create table customer_import_error (
    error_id   bigint generated always as identity primary key,
    import_id  text    not null references customer_import on delete cascade,
    -- null for an error of the import as a whole
    row_number integer,
    field      text,
    code       text    not null,
    message    text    not null
);

create index customer_import_error_import on customer_import_error (import_id, row_number, error_id);
