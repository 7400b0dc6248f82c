-- Archiving now reads the balances of a customer's wallets from the wallets themselves, under their locks (command-side
-- WalletBalances), so a credit no longer writes the registry.
alter table wallet_registry drop column balance_minor;
