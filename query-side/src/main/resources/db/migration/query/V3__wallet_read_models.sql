-- Wallets, their ledgers, and the organization-wide audit trail of adjustments (the same rows).
create table wallet_view (
    wallet_id       text primary key,
    organization_id text        not null,
    customer_id     text        not null,
    currency        text        not null,
    balance_minor   bigint      not null,
    version         bigint      not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

create index wallet_view_customer on wallet_view (organization_id, customer_id, currency);

create table wallet_transaction (
    transaction_id      text primary key,
    wallet_id           text        not null,
    organization_id     text        not null,
    customer_id         text        not null,
    type                text        not null check (type in ('credit', 'debit')),
    amount_minor        bigint      not null,
    currency            text        not null,
    reason              text        not null,
    description         text,
    reference           text,
    invoice_id          text,
    metadata            jsonb       not null,
    balance_after_minor bigint      not null,
    sequence            bigint      not null,
    actor_id            text,
    actor_name          text,
    idempotency_key     text,
    request_id          text,
    occurred_at         timestamptz not null,
    transfer_id         text,
    unique (wallet_id, sequence)
);

-- A wallet's ledger newest first, and its balance at an instant: one index lookup each.
create index wallet_transaction_at on wallet_transaction (wallet_id, occurred_at desc, sequence desc);
-- The audit trail, newest first, with its filters.
create index wallet_transaction_audit on wallet_transaction (organization_id, occurred_at desc, transaction_id desc);
create index wallet_transaction_audit_actor on wallet_transaction (organization_id, actor_id, occurred_at desc);
create index wallet_transaction_audit_customer on wallet_transaction (organization_id, customer_id, occurred_at desc);
create index wallet_transaction_audit_reason on wallet_transaction (organization_id, reason, occurred_at desc);
