package io.billfold.app;

import io.billfold.platform.personaldata.EncryptHistoryMigration;
import io.billfold.platform.personaldata.PersonalDataSettings;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-time migration of history: a customer whose events were written in clear before encryption (inserted here
 * as the old code stored them) has them encrypted in place, still loads and reads as before, and can then be erased.
 * A second run changes nothing (values already sealed are left as they are).
 */
class EncryptHistoryMigrationTest extends ApiTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PersonalDataSettings settings;

    @Test
    void clearEventsAreEncryptedInPlaceAndStillRead() throws Exception {
        Client admin = newOrganization("legacy");
        String id = "cus_legacy_" + UUID.randomUUID().toString().replace("-", "");
        insertClearEvent(admin.organizationId(), id, 0, "io.billfold.api.customer.CustomerCreatedEvent", """
                {"customerId":"%s","organizationId":"%s","details":{"customerName":"Yv3Legacy",\
                "externalId":"yv3-ext","email":"yv3@legacy.example","phoneNumber":null,"address":{"line1":"Yv3Street",\
                "line2":null,"line3":null,"city":null,"state":null,"zipCode":null,"country":"DE"},\
                "shipToAddress":null,"taxInfo":[],"customData":null,"communicationsEnabled":true,\
                "autoChargeEnabled":false,"businessEntityId":"be_legacy","connector":null},"taxExempt":false,\
                "parentCustomerId":null}""".formatted(id, admin.organizationId()));
        insertClearEvent(admin.organizationId(), id, 1, "io.billfold.api.customer.CustomerRenamedEvent",
                "{\"customerId\":\"%s\",\"customerName\":\"Yv3Renamed\"}".formatted(id));
        String before = payloads(id);
        assertThat(before).contains("Yv3Legacy", "Yv3Renamed", "yv3@legacy.example", "Yv3Street");

        migrate();

        String after = payloads(id);
        assertThat(after).doesNotContain("Yv3Legacy", "Yv3Renamed", "yv3@legacy.example", "Yv3Street", "yv3-ext")
                .contains("be_legacy", "\"taxExempt\":false", "pd1:");
        migrate();
        assertThat(payloads(id)).isEqualTo(after);

        Response patched = admin.patch("/v1/customers/" + id, json(body("phone_number", "+49 30 1234567")));
        assertThat(patched.status()).as(patched.raw().body()).isEqualTo(200);
        assertThat(patched.text("customer_name")).isEqualTo("Yv3Renamed");
        assertThat(patched.text("email")).isEqualTo("yv3@legacy.example");
        assertThat(patched.json().get("address").get("line1").asString()).isEqualTo("Yv3Street");

        Response erased = admin.post("/v1/customers/" + id + "/erase", "");
        assertThat(erased.status()).as(erased.raw().body()).isEqualTo(200);
        assertThat(admin.post("/v1/customers/" + id + "/erase", "").text("customer_name")).isEqualTo("[erased]");
    }

    private void migrate() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            new EncryptHistoryMigration(settings).migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return connection;
                }
            });
        }
    }

    private void insertClearEvent(String organizationId, String customerId, int sequence, String type, String payload) {
        jdbc.update("""
                insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                    event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                values (nextval('domain_event_entry_seq'), ?, ?, 'Customer', ?, convert_to(?, 'UTF8'),
                        convert_to(?, 'UTF8'), '1', ?, to_char(now() at time zone 'utc',
                        'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                """, customerId, sequence, UUID.randomUUID().toString(),
                "{\"organization_id\":\"" + organizationId + "\",\"actor_id\":\"key_legacy\",\"actor_name\":\"legacy\"}",
                payload, type);
    }

    private String payloads(String customerId) {
        return String.join("\n", jdbc.queryForList("""
                select convert_from(payload, 'UTF8') from domain_event_entry where aggregate_identifier = ?
                 order by sequence_number
                """, String.class, customerId));
    }
}
