-- A wallet's low-balance threshold (minor units; null: none), and the wallet version that last set it: the threshold
-- and the balance move independently, each only to a later version.
alter table wallet_view add column low_balance_threshold_minor bigint;
alter table wallet_view add column threshold_version bigint not null default 0;
