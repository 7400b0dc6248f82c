-- Lists filtered by creation time are ordered by (created_at, customer_id), both newest first: the index now has
-- both columns descending, so that a range is read in that order and a cursor is a single index condition.
drop index customer_view_created;
create index customer_view_created on customer_view (organization_id, created_at desc, customer_id desc);
