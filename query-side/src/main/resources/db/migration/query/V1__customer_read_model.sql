-- Read model of customers: one row per customer, and one row per change for the history.
create extension if not exists pg_trgm;

create table customer_view (
    customer_id            text primary key,
    organization_id        text        not null,
    customer_name          text        not null,
    external_id            text,
    email                  text,
    email_key              text generated always as (lower(email)) stored,
    phone_number           text,
    address                jsonb,
    ship_to_address        jsonb,
    country                text generated always as (address ->> 'country') stored,
    tax_info               jsonb       not null default '[]',
    custom_data            text,
    custom_data_json       jsonb generated always as (custom_data::jsonb) stored,
    tax_exempt             boolean     not null default false,
    communications_enabled boolean     not null,
    auto_charge_enabled    boolean     not null,
    business_entity_id     text,
    connector              jsonb,
    parent_customer_id     text,
    archived               boolean     not null default false,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    version                bigint      not null,
    search_text            text generated always as (
        lower(customer_name || ' ' || coalesce(email, '') || ' ' || coalesce(external_id, ''))) stored
);

-- Lists are newest first by id (ids are time-ordered); every filter has an index that ends in the id.
create index customer_view_list on customer_view (organization_id, customer_id desc);
create index customer_view_email on customer_view (organization_id, email_key, customer_id desc);
create index customer_view_external_id on customer_view (organization_id, external_id, customer_id desc);
create index customer_view_parent on customer_view (organization_id, parent_customer_id, customer_id desc);
create index customer_view_country on customer_view (organization_id, country, customer_id desc);
create index customer_view_business_entity on customer_view (organization_id, business_entity_id, customer_id desc);
create index customer_view_tax_exempt on customer_view (organization_id, tax_exempt, customer_id desc);
create index customer_view_created on customer_view (organization_id, created_at, customer_id desc);
create index customer_view_custom_data on customer_view using gin (custom_data_json jsonb_path_ops);
create index customer_view_search on customer_view using gin (search_text gin_trgm_ops);

create table customer_history (
    event_id        text primary key,
    customer_id     text        not null,
    organization_id text        not null,
    sequence        bigint      not null,
    occurred_at     timestamptz not null,
    actor_id        text,
    actor_name      text,
    change          text        not null,
    fields          jsonb       not null,
    unique (customer_id, sequence)
);
