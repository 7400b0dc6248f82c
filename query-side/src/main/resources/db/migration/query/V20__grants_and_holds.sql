-- Expiries are ledger entries; entries record the grants they consumed, an expiry its grant, a capture its hold, a
-- credit that expires its expiry.
-- The type's check is the table's only one; a replay's swap may have renamed it.
do $$
declare
    name text;
begin
    for name in select conname from pg_constraint where conrelid = 'wallet_transaction'::regclass and contype = 'c'
    loop
        execute format('alter table wallet_transaction drop constraint %I', name);
    end loop;
end
$$;
alter table wallet_transaction add constraint wallet_transaction_type_check
    check (type in ('credit', 'debit', 'expiry'));
alter table wallet_transaction add column consumed_grants jsonb;
alter table wallet_transaction add column grant_id text;
alter table wallet_transaction add column hold_id text;
alter table wallet_transaction add column expires_at timestamptz;

-- What active holds reserve, and the wallet version that last changed it.
alter table wallet_view add column held_minor bigint not null default 0;
alter table wallet_view add column held_version bigint not null default 0;

-- A wallet's grants: what is left of each, and what of it expired. Each row moves only to a later wallet version.
create table wallet_grant (
    grant_id        text primary key,
    wallet_id       text        not null,
    organization_id text        not null,
    currency        text        not null,
    amount_minor    bigint      not null,
    remaining_minor bigint      not null,
    expired_minor   bigint      not null default 0,
    expires_at      timestamptz,
    created_at      timestamptz not null,
    version         bigint      not null,
    status          text generated always as (
        case when remaining_minor > 0 then 'active' when expired_minor > 0 then 'expired' else 'consumed' end) stored
);
create index wallet_grant_wallet on wallet_grant (wallet_id, status, grant_id);

create table wallet_hold (
    hold_id                text primary key,
    wallet_id              text        not null,
    organization_id        text        not null,
    customer_id            text        not null,
    currency               text        not null,
    amount_minor           bigint      not null,
    status                 text        not null,
    reference              text,
    description            text,
    captured_minor         bigint,
    capture_transaction_id text,
    expires_at             timestamptz not null,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    version                bigint      not null
);
create index wallet_hold_wallet on wallet_hold (wallet_id, status, hold_id);
