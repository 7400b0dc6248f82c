-- Sessions of the console (browser sign-in with an API key). Only a digest of the session token is stored, with a
-- reference to the key it was opened with: a revoked key ends its sessions at once, on every node. The operator key
-- has no row of its own; its sessions keep an HMAC of the token under the operator key instead, so that a changed
-- operator key ends them too, and the table never holds anything from which the operator key could be guessed.
create table browser_session (
    token_digest   bytea primary key,
    api_key_id     text references api_key (id),
    operator_check bytea,
    created_at     timestamptz not null,
    last_used_at   timestamptz not null,
    expires_at     timestamptz not null,
    check ((api_key_id is null) <> (operator_check is null))
);

create index browser_session_expires on browser_session (expires_at);
create index browser_session_api_key on browser_session (api_key_id);
