-- Organizations, their API keys (only digests are stored) and the stored first responses of idempotent requests.
create table organization (
    id         text primary key,
    name       text        not null,
    created_at timestamptz not null
);

create table api_key (
    id              text primary key,
    organization_id text        not null references organization (id),
    name            text        not null,
    role            text        not null check (role in ('READER', 'WRITER', 'ADMIN')),
    lookup_prefix   bigint      not null,
    secret_digest   bytea       not null,
    created_at      timestamptz not null,
    revoked_at      timestamptz
);

create index api_key_lookup on api_key (lookup_prefix) where revoked_at is null;
create index api_key_organization on api_key (organization_id, id);

create table idempotency_record (
    organization_id text        not null,
    idempotency_key text        not null,
    fingerprint     bytea       not null,
    status          integer     not null,
    content_type    text,
    location        text,
    position        text,
    body            bytea       not null,
    created_at      timestamptz not null default now(),
    primary key (organization_id, idempotency_key)
);

create index idempotency_record_created on idempotency_record (created_at);
