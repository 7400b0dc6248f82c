package io.billfold.platform.eventstore;

import io.billfold.api.customer.Address;
import io.billfold.api.customer.Connector;
import io.billfold.api.customer.CustomerCreatedEvent;
import io.billfold.api.customer.CustomerDetails;
import io.billfold.api.customer.CustomerRenamedEvent;
import io.billfold.api.customer.TaxIdentifier;
import io.billfold.api.wallet.WalletDebitedEvent;
import io.billfold.platform.personaldata.InMemoryKeys;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageSerializerPersonalDataTest {

    private final InMemoryKeys keys = new InMemoryKeys();
    private final Serializer serializer = new AxonConfiguration().serializer(InMemoryKeys.protection(keys));

    private static CustomerCreatedEvent created(String customerId) {
        return new CustomerCreatedEvent(customerId, "org_1", new CustomerDetails("Marker Name", "marker-ext",
                "marker@example.com", "+33123456789", new Address("marker line", null, null, "Paris", null, "75001",
                "FR"), null, List.of(new TaxIdentifier("FR", "EU_VAT", "FR40303265045")), "{\"marker\":\"x\"}",
                true, false, "be_1", new Connector("crm", "marker-ref")), false, "cus_parent");
    }

    @Test
    void personalValuesAreStoredEncryptedAndEverythingElseInClear() {
        SerializedObject<byte[]> stored = serializer.serialize(created("cus_1"), byte[].class);

        String json = new String(stored.getData(), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("Marker", "marker", "Paris", "75001", "FR40303265045", "+33123456789")
                .contains("\"customerId\":\"cus_1\"", "\"organizationId\":\"org_1\"", "\"businessEntityId\":\"be_1\"",
                        "\"communicationsEnabled\":true", "\"parentCustomerId\":\"cus_parent\"",
                        "\"shipToAddress\":null", "pd1:");
        assertThat(serializer.<byte[], CustomerCreatedEvent>deserialize(stored)).isEqualTo(created("cus_1"));
    }

    @Test
    void anErasedSubjectReadsAsItsPlaceholders() {
        SerializedObject<byte[]> stored = serializer.serialize(created("cus_2"), byte[].class);
        SerializedObject<byte[]> renamed = serializer.serialize(new CustomerRenamedEvent("cus_2", "Other"),
                byte[].class);
        SerializedObject<byte[]> debit = serializer.serialize(new WalletDebitedEvent("wal_1", "cus_2", "txn_1", "EUR",
                500, "manual_deduction", null, "marker description", "ref-1", Map.of("k", "marker"), 1000, null, null),
                byte[].class);
        keys.erase("cus_2");

        CustomerDetails details = serializer.<byte[], CustomerCreatedEvent>deserialize(stored).details();
        assertThat(details).isEqualTo(new CustomerDetails("[erased]", null, null, null, null, null, List.of(), null,
                true, false, "be_1", null));
        assertThat(serializer.<byte[], CustomerRenamedEvent>deserialize(renamed).customerName()).isEqualTo("[erased]");
        assertThat(serializer.<byte[], WalletDebitedEvent>deserialize(debit)).isEqualTo(new WalletDebitedEvent(
                "wal_1", "cus_2", "txn_1", "EUR", 500, "manual_deduction", null, null, "ref-1", Map.of(), 1000, null, null));
    }

    @Test
    void anEventWrittenAfterErasureKeepsOnlyPlaceholders() {
        keys.erase("cus_3");

        SerializedObject<byte[]> stored = serializer.serialize(new CustomerRenamedEvent("cus_3", "Marker"),
                byte[].class);

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).doesNotContain("Marker").contains("[erased]");
    }

    @Test
    void clearValuesWrittenBeforeEncryptionAreReadAsTheyAre() {
        byte[] legacy = "{\"customerId\":\"cus_4\",\"customerName\":\"Old Name\"}".getBytes(StandardCharsets.UTF_8);
        SerializedObject<byte[]> stored = new SimpleSerializedObject<>(legacy, byte[].class,
                CustomerRenamedEvent.class.getName(), "1");

        assertThat(serializer.<byte[], CustomerRenamedEvent>deserialize(stored).customerName()).isEqualTo("Old Name");
    }

    @Test
    void aCiphertextMovedToAnotherFieldOrSubjectDoesNotOpen() {
        String sealedName = sealedMember(serializer.serialize(new CustomerRenamedEvent("cus_5", "Marker"),
                byte[].class), "customerName");
        serializer.serialize(new CustomerRenamedEvent("cus_6", "Other"), byte[].class);
        byte[] moved = ("{\"customerId\":\"cus_6\",\"customerName\":\"" + sealedName + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serializer.deserialize(new SimpleSerializedObject<>(moved, byte[].class,
                CustomerRenamedEvent.class.getName(), "1"))).hasMessageContaining("does not open");
    }

    private static String sealedMember(SerializedObject<byte[]> stored, String member) {
        String json = new String(stored.getData(), StandardCharsets.UTF_8);
        int start = json.indexOf("\"" + member + "\":\"") + member.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }
}
