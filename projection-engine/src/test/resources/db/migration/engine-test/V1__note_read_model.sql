-- The test projection's table. The engine's own tables come from the query side's V4__projection_operations.sql,
-- which the build copies here (projection-engine/pom.xml) without moving it out of the query side's history.
create table note (
    note_id text primary key,
    text    text not null
);
