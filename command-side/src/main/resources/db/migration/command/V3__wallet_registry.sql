-- Wallets as the command side's set-based rules need them: one per customer and currency, and each wallet's balance
-- (kept in the transaction of its events) so that archiving a customer can refuse while credit remains.
create table wallet_registry (
    wallet_id       text primary key,
    organization_id text   not null,
    customer_id     text   not null,
    currency        text   not null,
    balance_minor   bigint not null default 0 check (balance_minor >= 0),
    constraint wallet_registry_one_per_currency unique (customer_id, currency)
);
