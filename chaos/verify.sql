-- Compares what the load client saw acknowledged (table ack) with the event store and the read models, and the read
-- models with the event store. Every query answers the number of violations; all must be 0.
create temporary table ev as
select global_index, aggregate_identifier, regexp_replace(payload_type, '.*\.', '') as type,
       convert_from(meta_data, 'UTF8')::jsonb ->> 'idempotency_key' as idem, convert_from(payload, 'UTF8')::jsonb as p
  from domain_event_entry;
create index on ev ((p ->> 'transactionId'));
create index on ev (aggregate_identifier);

\echo 'acknowledged credits not in the event store exactly once:'
select count(*) from ack a
  left join (select p ->> 'transactionId' as id, count(*) as n from ev where type = 'WalletCreditedEvent' group by 1) e
    on e.id = a.id
 where a.kind = 'credit' and coalesce(e.n, 0) <> 1;
\echo 'acknowledged customers not in the event store exactly once:'
select count(*) from ack a
  left join (select aggregate_identifier as id, count(*) as n from ev where type = 'CustomerCreatedEvent' group by 1) e
    on e.id = a.id
 where a.kind = 'customer' and coalesce(e.n, 0) <> 1;
\echo 'idempotency keys applied more than once:'
select count(*) from (select idem from ev where idem is not null and type in ('WalletCreditedEvent', 'CustomerCreatedEvent')
                       group by idem having count(*) > 1) twice;
\echo 'acknowledged credits missing from the wallet_transaction read model:'
select count(*) from ack a where a.kind = 'credit' and not exists (select 1 from wallet_transaction t where t.transaction_id = a.id);
\echo 'acknowledged customers missing from the customer_view read model:'
select count(*) from ack a where a.kind = 'customer' and not exists (select 1 from customer_view c where c.customer_id = a.id);
\echo 'CustomerCreatedEvent count minus customer_view rows:'
select (select count(*) from ev where type = 'CustomerCreatedEvent') - (select count(*) from customer_view);
\echo 'wallet credit/debit events minus wallet_transaction rows:'
select (select count(*) from ev where type in ('WalletCreditedEvent', 'WalletDebitedEvent')) - (select count(*) from wallet_transaction);
\echo 'wallets whose read-model balance differs from the sum of their events:'
select count(*) from wallet_view w
  left join (select aggregate_identifier as id,
                    sum(case type when 'WalletCreditedEvent' then (p ->> 'amountMinor')::bigint
                                  when 'WalletDebitedEvent' then -(p ->> 'amountMinor')::bigint else 0 end) as balance
               from ev group by 1) e on e.id = w.wallet_id
 where w.balance_minor <> coalesce(e.balance, 0);
\echo 'wallets of the read model the command side has not registered, or registered for another customer:'
select count(*) from wallet_view w left join wallet_registry r using (wallet_id)
 where r.customer_id is distinct from w.customer_id;
