-- customer_recipient keeps only contacts: a customer's own email (as 'to' for every kind of message) is read from
-- customer_view by the recipients query, so creating or changing a customer writes no recipient rows.
delete from customer_recipient where contact_id is null;
