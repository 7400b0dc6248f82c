package io.billfold.query.customer;

import io.billfold.api.MetadataKeys;
import io.billfold.api.PageRequest;
import io.billfold.api.customer.Address;
import io.billfold.api.customer.CustomerArchivedEvent;
import io.billfold.api.customer.CustomerChange;
import io.billfold.api.customer.CustomerCreatedEvent;
import io.billfold.api.customer.CustomerCustomDataChangedEvent;
import io.billfold.api.customer.CustomerDetails;
import io.billfold.api.customer.CustomerFilter;
import io.billfold.api.customer.CustomerPage;
import io.billfold.api.customer.CustomerRenamedEvent;
import io.billfold.api.customer.CustomerResponse;
import io.billfold.api.customer.FindCustomerHistoryQuery;
import io.billfold.api.customer.FindCustomerQuery;
import io.billfold.api.customer.FindCustomersQuery;
import io.billfold.platform.testing.TestDataDir;
import io.billfold.query.QuerySideApplication;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer projection against a real PostgreSQL, with events handed to it directly. */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Transactional
class CustomerProjectionTest {

    private static final String ORGANIZATION = "org_projection";

    @Autowired
    CustomerProjection projection;
    @Autowired
    CustomerQueries queries;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        TestDataDir.register(registry);
    }

    @Test
    void listQueriesArePlannedWithTheirValuesEveryTime() {
        CustomerFilter search = new CustomerFilter(null, null, "acme", null, null, null, null, false, null, null, null);
        for (int i = 0; i < 10; i++) {
            queries.list(new FindCustomersQuery(ORGANIZATION, search, new PageRequest(10, null)));
        }
        // The test's transaction holds one connection; the driver would have prepared the statement on it by now.
        assertThat(jdbc.queryForObject("select count(*) from pg_prepared_statements where statement like '%customer_view%'",
                Integer.class)).isZero();
    }

    @Test
    void createdCustomerIsStoredWithEveryField() {
        String id = newId();
        projection.on(created(id, "Acme"), message(id, 0, created(id, "Acme")));

        CustomerResponse customer = queries.find(new FindCustomerQuery(ORGANIZATION, id));
        assertThat(customer.customerName()).isEqualTo("Acme");
        assertThat(customer.address()).isEqualTo(new Address("1 Main St", null, null, "Paris", null, "75001", "FR"));
        assertThat(customer.customData()).isEqualTo("{\"tier\":\"gold\"}");
        assertThat(customer.version()).isEqualTo(1);
        assertThat(queries.find(new FindCustomerQuery("org_other", id))).isNull();
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        String id = newId();
        projection.on(created(id, "Acme"), message(id, 0, created(id, "Acme")));
        CustomerRenamedEvent renamed = new CustomerRenamedEvent(id, "Acme Inc");
        DomainEventMessage<?> renamedMessage = message(id, 1, renamed);

        projection.on(renamed, renamedMessage);
        projection.on(renamed, renamedMessage);
        projection.on(created(id, "Acme"), message(id, 0, created(id, "Acme")));

        assertThat(queries.find(new FindCustomerQuery(ORGANIZATION, id)).customerName()).isEqualTo("Acme Inc");
        assertThat(history(id)).extracting(CustomerChange::change).containsExactly("customer_renamed", "customer_created");
    }

    @Test
    void historyRecordsOldAndNewValuesAndTheActor() {
        String id = newId();
        projection.on(created(id, "Acme"), message(id, 0, created(id, "Acme")));
        CustomerCustomDataChangedEvent customData = new CustomerCustomDataChangedEvent(id, "{\"exempt_tax\":true}", true);
        projection.on(customData, message(id, 1, customData));

        CustomerChange change = history(id).get(0);
        assertThat(change.change()).isEqualTo("customer_custom_data_changed");
        assertThat(change.actor().id()).isEqualTo("key_test");
        assertThat(change.actor().name()).isEqualTo("test key");
        assertThat(change.version()).isEqualTo(2);
        assertThat(change.fields()).hasSize(2);
        assertThat(change.fields().get(0).oldValue()).isEqualTo("{\"tier\":\"gold\"}");
        assertThat(change.fields().get(0).newValue()).isEqualTo("{\"exempt_tax\":true}");
        assertThat(change.fields().get(1).oldValue()).isEqualTo("false");
        assertThat(change.fields().get(1).newValue()).isEqualTo("true");
        assertThat(queries.find(new FindCustomerQuery(ORGANIZATION, id)).taxExempt()).isTrue();
    }

    @Test
    void archivedCustomersAreListedOnlyWhenAskedFor() {
        String id = newId();
        projection.on(created(id, "Archived Ltd"), message(id, 0, created(id, "Archived Ltd")));
        projection.on(new CustomerArchivedEvent(id), message(id, 1, new CustomerArchivedEvent(id)));

        CustomerFilter live = new CustomerFilter(null, null, "archived ltd", null, null, null, null, false, null, null, null);
        CustomerFilter all = new CustomerFilter(null, null, "archived ltd", null, null, null, null, true, null, null, null);
        assertThat(queries.list(new FindCustomersQuery(ORGANIZATION, live, new PageRequest(10, null))).data()).isEmpty();
        assertThat(queries.list(new FindCustomersQuery(ORGANIZATION, all, new PageRequest(10, null))).data())
                .extracting(CustomerResponse::id).containsExactly(id);
    }

    @Test
    void aCreationTimeRangeIsListedNewestFirstByCreationTimeAndPaginates() {
        Instant t0 = Instant.parse("2031-03-01T08:00:00Z");
        List<String> ids = List.of(newId(), newId(), newId(), newId());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            projection.on(created(id, "Range " + i), new GenericDomainEventMessage<>("Customer", id, 0,
                    created(id, "Range " + i), MetaData.emptyInstance(), UUID.randomUUID().toString(),
                    t0.plusSeconds(3600L * i)));
        }
        CustomerFilter range = new CustomerFilter(null, null, null, null, null, null, null, false,
                t0.minusSeconds(1), t0.plusSeconds(3 * 3600), null);

        CustomerPage first = queries.list(new FindCustomersQuery(ORGANIZATION, range, new PageRequest(2, null)));
        assertThat(first.data()).extracting(CustomerResponse::id).containsExactly(ids.get(2), ids.get(1));
        assertThat(first.hasMore()).isTrue();
        CustomerPage second = queries.list(new FindCustomersQuery(ORGANIZATION, range,
                new PageRequest(2, first.nextCursor())));
        assertThat(second.data()).extracting(CustomerResponse::id).containsExactly(ids.get(0));
        assertThat(second.hasMore()).isFalse();
        assertThat(queries.list(new FindCustomersQuery(ORGANIZATION, range, new PageRequest(2, "cus_unknown"))).data())
                .as("a cursor that names no customer of the organization").isEmpty();
    }

    private List<CustomerChange> history(String id) {
        return queries.history(new FindCustomerHistoryQuery(ORGANIZATION, id, new PageRequest(10, null))).data();
    }

    private static String newId() {
        return "cus_" + UUID.randomUUID();
    }

    private static CustomerCreatedEvent created(String id, String name) {
        return new CustomerCreatedEvent(id, ORGANIZATION, new CustomerDetails(name, null, null, null,
                new Address("1 Main St", null, null, "Paris", null, "75001", "FR"), null, List.of(),
                "{\"tier\":\"gold\"}", true, false, null, null), false, null);
    }

    private static DomainEventMessage<?> message(String id, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Customer", id, sequence, payload,
                MetaData.from(Map.of(MetadataKeys.ACTOR_ID, "key_test", MetadataKeys.ACTOR_NAME, "test key")));
    }
}
