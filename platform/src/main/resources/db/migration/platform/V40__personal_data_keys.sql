-- Personal data in events is encrypted with one data key per customer (the data subject), wrapped with the master
-- key. Erasing a customer deletes its key: the row stays without one, so no new key is ever made for it again.
create table personal_data_key (
    subject_id    text primary key,
    -- AES-256-GCM of the data key under the master key: 12-byte nonce, then ciphertext and tag; null once erased.
    wrapped_key   bytea,
    -- Which master key wrapped it (HMAC of a fixed label under that key, first 8 bytes, hex): rotation rewraps by it.
    master_key_id text,
    created_at    timestamptz not null default now(),
    erased_at     timestamptz,
    check ((wrapped_key is null) = (erased_at is not null))
);

-- The generated master key of an installation without BILLFOLD_MASTER_KEY (one row at most): a database dump alone
-- then reveals personal data, which a warning says at every start. A configured master key never comes here.
create table personal_data_master_key (
    singleton  boolean primary key default true check (singleton),
    master_key bytea       not null,
    created_at timestamptz not null default now()
);
