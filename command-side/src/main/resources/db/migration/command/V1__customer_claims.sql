-- Set-based rules of customers, enforced on the command side in the same transaction as the events.
create table customer_claim (
    organization_id text not null,
    kind            text not null check (kind in ('email', 'external_id')),
    value           text not null,
    customer_id     text not null,
    primary key (organization_id, kind, value)
);

create index customer_claim_customer on customer_claim (customer_id);
