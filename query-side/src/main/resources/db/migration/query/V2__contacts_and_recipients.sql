-- Secondary contacts of customers, and who receives which kind of message.
create table customer_contact (
    contact_id      text primary key,
    customer_id     text        not null references customer_view (customer_id) on delete cascade,
    organization_id text        not null,
    first_name      text,
    last_name       text,
    email           text        not null,
    phone_number    text,
    label           text,
    communications  text[]      not null,
    delivery        text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

create index customer_contact_customer on customer_contact (customer_id, created_at, contact_id);

-- One row per (customer, kind of message, address): what GET .../recipients reads, in one index range.
create table customer_recipient (
    customer_id     text not null references customer_view (customer_id) on delete cascade,
    organization_id text not null,
    communication   text not null,
    delivery        text not null,
    email           text not null,
    name            text,
    contact_id      text
);

create index customer_recipient_lookup on customer_recipient (customer_id, communication);
