-- The customer hierarchy as the command side checks it: who is whose parent, and who is archived. Cycle, depth and
-- child-count rules are checked against this table in the same transaction as the event that changes it.
create table customer_hierarchy (
    customer_id        text primary key,
    organization_id    text    not null,
    parent_customer_id text references customer_hierarchy (customer_id),
    archived           boolean not null default false
);

create index customer_hierarchy_parent on customer_hierarchy (parent_customer_id);

-- Customers created before this table existed, with their archived state, from the event store.
insert into customer_hierarchy (customer_id, organization_id, archived)
select created.aggregate_identifier,
       convert_from(created.payload, 'UTF8')::jsonb ->> 'organizationId',
       coalesce((select last.payload_type = 'io.billfold.api.customer.CustomerArchivedEvent'
                   from domain_event_entry last
                  where last.aggregate_identifier = created.aggregate_identifier
                    and last.payload_type in ('io.billfold.api.customer.CustomerArchivedEvent',
                                              'io.billfold.api.customer.CustomerUnarchivedEvent')
                  order by last.sequence_number desc
                  limit 1), false)
  from domain_event_entry created
 where created.payload_type = 'io.billfold.api.customer.CustomerCreatedEvent';
