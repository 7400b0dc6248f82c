package io.billfold.query.customer;

import io.billfold.api.Actor;
import io.billfold.api.ListPage;
import io.billfold.api.contact.ContactPage;
import io.billfold.api.contact.FindContactsQuery;
import io.billfold.api.contact.FindRecipientsQuery;
import io.billfold.api.contact.Recipient;
import io.billfold.api.contact.Recipients;
import io.billfold.api.customer.Address;
import io.billfold.api.customer.Connector;
import io.billfold.api.customer.CustomerChange;
import io.billfold.api.customer.CustomerFilter;
import io.billfold.api.customer.CustomerHistoryPage;
import io.billfold.api.customer.CustomerPage;
import io.billfold.api.customer.CustomerResponse;
import io.billfold.api.customer.FieldChange;
import io.billfold.api.customer.FindCustomerHistoryQuery;
import io.billfold.api.customer.FindCustomerQuery;
import io.billfold.api.customer.FindCustomersQuery;
import io.billfold.api.customer.TaxIdentifier;
import io.billfold.query.SqlFilter;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Answers customer queries from {@code customer_view} and {@code customer_history}, always within one organization. */
@Component
class CustomerQueries {

    private static final String COLUMNS = """
            customer_id, customer_name, external_id, email, phone_number, address::text as address,
            ship_to_address::text as ship_to_address, tax_info::text as tax_info, custom_data, tax_exempt,
            communications_enabled, auto_charge_enabled, business_entity_id, connector::text as connector,
            parent_customer_id, archived, erased, created_at, updated_at, version,
            (select coalesce(json_agg(""" + ContactsJson.OBJECT + """
                     order by k.created_at, k.contact_id), '[]')::text
               from customer_contact k where k.customer_id = customer_view.customer_id) as contacts
            """;

    private static final RowMapper<CustomerResponse> CUSTOMER = (rs, row) -> new CustomerResponse(
            rs.getString("customer_id"), rs.getString("customer_name"), rs.getString("external_id"),
            rs.getString("email"), rs.getString("phone_number"),
            CustomerJson.read(rs.getString("address"), Address.class),
            CustomerJson.read(rs.getString("ship_to_address"), Address.class),
            CustomerJson.read(rs.getString("tax_info"), new TypeReference<List<TaxIdentifier>>() {
            }),
            rs.getString("custom_data"), rs.getBoolean("tax_exempt"), rs.getBoolean("communications_enabled"),
            rs.getBoolean("auto_charge_enabled"), rs.getString("business_entity_id"),
            CustomerJson.read(rs.getString("connector"), Connector.class), rs.getString("parent_customer_id"),
            CustomerJson.read(rs.getString("contacts"), ContactsJson.LIST), rs.getBoolean("archived"), rs.getBoolean("erased"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));

    private static final RowMapper<CustomerChange> CHANGE = (rs, row) -> new CustomerChange(
            rs.getString("event_id"), rs.getTimestamp("occurred_at").toInstant(),
            new Actor(rs.getString("actor_id"), rs.getString("actor_name")), rs.getString("change"),
            rs.getLong("sequence") + 1, fieldChanges(rs.getString("fields")));

    private final NamedParameterJdbcTemplate jdbc;

    CustomerQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    CustomerResponse find(FindCustomerQuery query) {
        return jdbc.query("select " + COLUMNS + " from customer_view where organization_id = :org and customer_id = :id",
                        Map.of("org", query.organizationId(), "id", query.customerId()), CUSTOMER)
                .stream().findFirst().orElse(null);
    }

    /**
     * Newest first. A creation-time range is read from the creation-time index, in its order (creation time, then
     * id), which matches the id order but for events of one millisecond; the id order would walk the primary key
     * through every customer newer than the range.
     */
    @QueryHandler
    CustomerPage list(FindCustomersQuery query) {
        CustomerFilter filter = query.filter();
        boolean byCreation = filter.createdAfter() != null || filter.createdBefore() != null;
        SqlFilter where = new SqlFilter()
                .require("organization_id = :org", "org", query.organizationId())
                .when("email_key = lower(:email)", "email", filter.email())
                .when("external_id = :externalId", "externalId", filter.externalId())
                .when("parent_customer_id = :parent", "parent", filter.parentCustomerId())
                .when("country = :country", "country", filter.country())
                .when("tax_exempt = :taxExempt", "taxExempt", filter.taxExempt())
                .when("business_entity_id = :entity", "entity", filter.businessEntityId())
                .when("created_at > :createdAfter", "createdAfter",
                        filter.createdAfter() == null ? null : Timestamp.from(filter.createdAfter()))
                .when("created_at < :createdBefore", "createdBefore",
                        filter.createdBefore() == null ? null : Timestamp.from(filter.createdBefore()))
                .when("search_text like :q escape '\\'", "q",
                        filter.q() == null ? null : "%" + likeEscaped(filter.q().toLowerCase()) + "%")
                .when(byCreation ? """
                        (created_at, customer_id) < (select c.created_at, c.customer_id from customer_view c
                                                      where c.organization_id = :org and c.customer_id = :cursor)"""
                        : "customer_id < :cursor", "cursor", query.page().startingAfter())
                .when("custom_data_json @> :customData::jsonb", "customData",
                        filter.customData().isEmpty() ? null : CustomerJson.write(filter.customData()))
                .parameter("limit", query.page().limit() + 1);
        if (!filter.includeArchived()) {
            where.require("not archived");
        }
        String order = byCreation ? "created_at desc, customer_id desc" : "customer_id desc";
        List<CustomerResponse> rows = where.query(jdbc, "select " + COLUMNS + " from customer_view where "
                + where.where() + " order by " + order + " limit :limit", CUSTOMER);
        return ListPage.of(rows, query.page().limit(), CustomerResponse::id, CustomerPage::new);
    }

    @QueryHandler
    CustomerHistoryPage history(FindCustomerHistoryQuery query) {
        if (find(new FindCustomerQuery(query.organizationId(), query.customerId())) == null) {
            return null;
        }
        MapSqlParameterSource parameters = new MapSqlParameterSource("org", query.organizationId())
                .addValue("id", query.customerId())
                .addValue("limit", query.page().limit() + 1)
                .addValue("cursor", query.page().startingAfter());
        String after = query.page().startingAfter() == null ? ""
                : " and sequence < (select sequence from customer_history where event_id = :cursor and customer_id = :id)";
        List<CustomerChange> rows = jdbc.query("""
                select event_id, occurred_at, actor_id, actor_name, change, sequence, fields::text as fields
                  from customer_history where organization_id = :org and customer_id = :id""" + after
                + " order by sequence desc limit :limit", parameters, CHANGE);
        return ListPage.of(rows, query.page().limit(), CustomerChange::id, CustomerHistoryPage::new);
    }

    @QueryHandler
    ContactPage contacts(FindContactsQuery query) {
        if (find(new FindCustomerQuery(query.organizationId(), query.customerId())) == null) {
            return null;
        }
        String contacts = jdbc.queryForObject("select coalesce(json_agg(" + ContactsJson.OBJECT
                        + " order by k.created_at, k.contact_id), '[]')::text from customer_contact k"
                        + " where k.customer_id = :id and k.organization_id = :org",
                Map.of("id", query.customerId(), "org", query.organizationId()), String.class);
        return new ContactPage(CustomerJson.read(contacts, ContactsJson.LIST), false, null);
    }

    /**
     * The customer's own email (as {@code to}, while its communications are enabled) and one index range of
     * {@code customer_recipient} (its contacts); an address in several roles is listed once, in the widest.
     */
    @QueryHandler
    Recipients recipients(FindRecipientsQuery query) {
        Boolean exists = jdbc.queryForObject(
                "select exists (select 1 from customer_view where customer_id = :id and organization_id = :org)",
                Map.of("id", query.customerId(), "org", query.organizationId()), Boolean.class);
        if (!Boolean.TRUE.equals(exists)) {
            return null;
        }
        Map<String, List<Recipient>> byDelivery = new HashMap<>();
        jdbc.query("""
                        select distinct on (lower(email)) delivery, email, name, contact_id
                          from (select 'to' delivery, email, customer_name name, null contact_id
                                  from customer_view
                                 where customer_id = :id and communications_enabled and email is not null
                                union all
                                select delivery, email, name, contact_id
                                  from customer_recipient
                                 where customer_id = :id and communication = :communication) recipient
                         order by lower(email), case delivery when 'to' then 0 when 'cc' then 1 else 2 end,
                                  contact_id nulls first
                        """, Map.of("id", query.customerId(), "communication", query.communication().apiName()),
                (RowCallbackHandler) rs -> byDelivery.computeIfAbsent(rs.getString("delivery"), d -> new ArrayList<>())
                        .add(new Recipient(rs.getString("email"), rs.getString("name"), rs.getString("contact_id"))));
        return new Recipients(byDelivery.getOrDefault("to", List.of()), byDelivery.getOrDefault("cc", List.of()),
                byDelivery.getOrDefault("bcc", List.of()));
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static List<FieldChange> fieldChanges(String json) {
        List<FieldChange> changes = new ArrayList<>();
        for (JsonNode field : CustomerJson.read(json, JsonNode.class)) {
            changes.add(new FieldChange(field.get("field").asString(), rawJson(field.get("old_value")),
                    rawJson(field.get("new_value"))));
        }
        return changes;
    }

    private static String rawJson(JsonNode value) {
        return value == null || value.isNull() ? null : value.toString();
    }
}
