-- The public event feed (GET /v1/events, and what webhooks deliver): one row per public event, at the global index of
-- the stored event it comes from, its body exactly as it is served, so a replay can be compared byte for byte.
create table public_event (
    position        bigint primary key,
    event_id        text        not null unique,
    organization_id text        not null,
    type            text        not null,
    occurred_at     timestamptz not null,
    body            text        not null
);

create index public_event_feed on public_event (organization_id, position);

-- Each resource (customer with its contacts, wallet) as GET shows it after the latest event the feed applied to it:
-- the next event's data.object and previous_attributes start from it. pending_previous holds the old values of the
-- fields one command has changed so far when its events are not all applied yet (one customer.updated per command).
create table public_event_resource (
    resource_id      text primary key,
    organization_id  text   not null,
    version          bigint not null,
    object           text   not null,
    pending_previous text
);
