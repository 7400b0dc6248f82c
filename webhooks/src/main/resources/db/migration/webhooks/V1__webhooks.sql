-- Webhook endpoints, their deliveries, and how far the public events have been fanned out to them.
create table webhook_endpoint (
    endpoint_id           text primary key,
    organization_id       text        not null,
    url                   text        not null,
    event_types           text[]      not null,
    description           text,
    status                text        not null check (status in ('enabled', 'disabled')),
    disabled_reason       text,
    -- The signing secret's 32 bytes, sealed (see SecretBox); the previous one keeps signing until previous_until.
    secret                bytea       not null,
    previous_secret       bytea,
    previous_until        timestamptz,
    -- The endpoint receives the public events above this position: those after its creation.
    after_position        bigint      not null,
    -- Since when every attempt failed (null after a success); three days of that disable the endpoint.
    failing_since         timestamptz,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);

create index webhook_endpoint_organization on webhook_endpoint (organization_id, endpoint_id);

-- One delivery per (endpoint, event). A node claims a due one for lease_expires_at and sends it; the attempt's
-- outcome is recorded only while the node still holds it.
create table webhook_delivery (
    delivery_id          text primary key,
    endpoint_id          text        not null references webhook_endpoint on delete cascade,
    event_id             text        not null,
    event_position       bigint      not null,
    event_type           text        not null,
    status               text        not null check (status in ('pending', 'succeeded', 'failed')),
    attempts             integer     not null default 0,
    next_attempt_at      timestamptz,
    last_attempt_at      timestamptz,
    last_response_status integer,
    last_response_body   text,
    last_error           text,
    lease_owner          text,
    lease_expires_at     timestamptz,
    unique (endpoint_id, event_id)
);

create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_list on webhook_delivery (endpoint_id, event_position desc, delivery_id desc);

-- Every public event at or below position has had its deliveries created (one row, moved by one node at a time).
create table webhook_fan_out (
    singleton boolean primary key default true check (singleton),
    position  bigint  not null
);

insert into webhook_fan_out (position) select coalesce(max(global_index), 0) from domain_event_entry;
