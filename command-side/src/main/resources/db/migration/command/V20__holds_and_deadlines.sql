-- Which wallet a hold belongs to: captures and releases name only the hold. Written with the hold's creation.
create table wallet_hold_registry (
    hold_id         text primary key,
    organization_id text not null,
    wallet_id       text not null
);

-- db-scheduler's table (its PostgreSQL schema, version 16): the expiry deadlines of grants and holds, which Axon's
-- DbSchedulerDeadlineManager schedules in the transaction of the command that sets them.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
