-- Erased customers (their personal data is gone for good; they are also archived).
alter table customer_view add column erased boolean not null default false;
