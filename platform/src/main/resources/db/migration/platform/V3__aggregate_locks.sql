-- Locks aggregates until the transaction ends (in one order, so two commands never deadlock) and answers, for each,
-- its newest event as committed when its lock was granted. A VOLATILE function takes a fresh snapshot for every
-- query it runs, so the answer includes what the lock's previous holder committed while this one waited: one round
-- trip instead of two (a lock, then a read that must start after it). Command nodes use the answer to prove an
-- aggregate they keep in memory current before it decides anything (platform CachedAggregateRepository).
create function lock_aggregates(aggregate_ids text[])
    returns table (aggregate_identifier text, sequence_number bigint, event_identifier text, global_index bigint)
    language plpgsql volatile as
$$
#variable_conflict use_column
declare
    locked text;
begin
    foreach locked in array (select array_agg(distinct id collate "C" order by id collate "C") from unnest(aggregate_ids) id)
    loop
        perform pg_advisory_xact_lock(hashtextextended('aggregate:' || locked, 0));
    end loop;
    return query
        select id::text, newest.sequence_number, newest.event_identifier::text, newest.global_index
          from unnest(aggregate_ids) id
          left join lateral (select e.sequence_number, e.event_identifier, e.global_index
                               from domain_event_entry e
                              where e.aggregate_identifier = id
                              order by e.sequence_number desc
                              limit 1) newest on true;
end
$$;
