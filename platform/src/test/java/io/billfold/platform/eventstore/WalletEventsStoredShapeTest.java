package io.billfold.platform.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billfold.api.wallet.DescribedEntry;
import io.billfold.api.wallet.EntryDetails;
import io.billfold.api.wallet.GrantAmount;
import io.billfold.api.wallet.HoldEnded;
import io.billfold.api.wallet.TransferredGrant;
import io.billfold.api.wallet.WalletCreditedEvent;
import io.billfold.api.wallet.WalletDebitedEvent;
import io.billfold.api.wallet.WalletHoldCapturedEvent;
import io.billfold.api.wallet.WalletHoldExpiredEvent;
import io.billfold.api.wallet.WalletHoldReleasedEvent;
import io.billfold.api.wallet.WalletTransferredInEvent;
import io.billfold.api.wallet.WalletTransferredOutEvent;
import io.billfold.platform.personaldata.InMemoryKeys;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wallet events that record an entry's {@link EntryDetails}, and those that end a hold, keep the stored JSON they
 * always had: their own flat members, in the same order, at the same revision, description and metadata sealed under
 * their own paths. The JSON below is what the code before {@code EntryDetails} wrote (in clear, as events were stored
 * before personal data was encrypted, and as the history migration finds them).
 */
class WalletEventsStoredShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant EXPIRY = Instant.parse("2030-01-31T00:00:00Z");

    private final InMemoryKeys keys = new InMemoryKeys();
    private final Serializer serializer = new AxonConfiguration().serializer(InMemoryKeys.protection(keys));

    static Stream<Arguments> storedEvents() {
        return Stream.of(
                Arguments.of("""
                        {"walletId":"wal_1","customerId":"cus_1","transactionId":"txn_1","currency":"USD",\
                        "amountMinor":15025,"reason":"prepayment","description":"March top-up","reference":"PO-7",\
                        "metadata":{"campaign":"spring"},"balanceAfterMinor":15025,"expiresAt":"2030-01-31T00:00:00Z"}\
                        """, new WalletCreditedEvent("wal_1", "cus_1", "txn_1", "USD", 15025, "prepayment",
                        "March top-up", "PO-7", Map.of("campaign", "spring"), 15025, EXPIRY)),
                Arguments.of("""
                        {"walletId":"wal_1","customerId":"cus_1","transactionId":"txn_2","currency":"USD",\
                        "amountMinor":4010,"reason":"invoice_settlement","invoiceId":"inv_9","description":"Invoice 9",\
                        "reference":"INV-9","metadata":{"period":"2025-02"},"balanceAfterMinor":11015,\
                        "consumedGrants":[{"grantId":"txn_1","amountMinor":4010}],"holdId":null}\
                        """, new WalletDebitedEvent("wal_1", "cus_1", "txn_2", "USD", 4010, "invoice_settlement",
                        "inv_9", "Invoice 9", "INV-9", Map.of("period", "2025-02"), 11015,
                        List.of(new GrantAmount("txn_1", 4010)), null)),
                Arguments.of("""
                        {"walletId":"wal_1","customerId":"cus_1","transactionId":"trf_1_out","transferId":"trf_1",\
                        "toWalletId":"wal_2","currency":"USD","amountMinor":1250,"description":"Merge",\
                        "reference":"R-1","metadata":{"k":"v"},"balanceAfterMinor":9765,\
                        "consumedGrants":[{"grantId":"txn_1","amountMinor":1250}]}\
                        """, new WalletTransferredOutEvent("wal_1", "cus_1", "trf_1_out", "trf_1", "wal_2", "USD",
                        1250, "Merge", "R-1", Map.of("k", "v"), 9765, List.of(new GrantAmount("txn_1", 1250)))),
                Arguments.of("""
                        {"walletId":"wal_2","customerId":"cus_2","transactionId":"trf_1_in","transferId":"trf_1",\
                        "fromWalletId":"wal_1","currency":"USD","amountMinor":1250,"description":"Merge",\
                        "reference":"R-1","metadata":{"k":"v"},"balanceAfterMinor":1250,\
                        "grants":[{"grantId":"trf_1_in","sourceGrantId":"txn_1","amountMinor":1250,\
                        "expiresAt":"2030-01-31T00:00:00Z"}]}\
                        """, new WalletTransferredInEvent("wal_2", "cus_2", "trf_1_in", "trf_1", "wal_1", "USD",
                        1250, "Merge", "R-1", Map.of("k", "v"), 1250,
                        List.of(new TransferredGrant("trf_1_in", "txn_1", 1250, EXPIRY)))));
    }

    @ParameterizedTest
    @MethodSource("storedEvents")
    void storedJsonReadsAsTheEventAndItsDetails(String stored, DescribedEntry event) {
        DescribedEntry read = serializer.deserialize(new SimpleSerializedObject<>(
                stored.getBytes(StandardCharsets.UTF_8), byte[].class, event.getClass().getName(), "1"));

        assertThat(read).isEqualTo(event);
        assertThat(read.details()).isEqualTo(new EntryDetails(event.description(), event.reference(),
                event.metadata()));
    }

    @ParameterizedTest
    @MethodSource("storedEvents")
    void anEventIsStoredAsBeforeWithItsPersonalMembersSealed(String stored, DescribedEntry event) throws IOException {
        SerializedObject<byte[]> written = serializer.serialize(event, byte[].class);
        ObjectNode now = (ObjectNode) JSON.readTree(written.getData());
        ObjectNode before = (ObjectNode) JSON.readTree(stored);

        assertThat(written.getType().getRevision()).isEqualTo("1");
        assertThat(names(now)).containsExactlyElementsOf(names(before));
        assertThat(now.get("description").textValue()).startsWith("pd1:");
        assertThat(now.get("metadata").textValue()).startsWith("pd1:");
        now.remove(List.of("description", "metadata"));
        before.remove(List.of("description", "metadata"));
        assertThat(now).isEqualTo(before);
        assertThat(serializer.<byte[], DescribedEntry>deserialize(written)).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("storedEvents")
    void anErasedCustomersEntryReadsWithErasedDetails(String stored, DescribedEntry event) throws IOException {
        SerializedObject<byte[]> written = serializer.serialize(event, byte[].class);
        keys.erase(JSON.readTree(stored).get("customerId").textValue());

        assertThat(serializer.<byte[], DescribedEntry>deserialize(written).details())
                .isEqualTo(new EntryDetails(null, event.reference(), Map.of()));
    }

    static Stream<Arguments> storedHoldEndings() {
        return Stream.of(
                Arguments.of("""
                        {"walletId":"wal_1","customerId":"cus_1","holdId":"hold_1","currency":"USD",\
                        "transactionId":"txn_3","capturedMinor":700,"releasedMinor":300}\
                        """, new WalletHoldCapturedEvent("wal_1", "cus_1", "hold_1", "USD", "txn_3", 700, 300)),
                Arguments.of("""
                        {"walletId":"wal_1","customerId":"cus_1","holdId":"hold_2","currency":"USD","amountMinor":500}\
                        """, new WalletHoldReleasedEvent("wal_1", "cus_1", "hold_2", "USD", 500)),
                Arguments.of("""
                        {"walletId":"wal_1","customerId":"cus_1","holdId":"hold_3","currency":"USD","amountMinor":250}\
                        """, new WalletHoldExpiredEvent("wal_1", "cus_1", "hold_3", "USD", 250)));
    }

    /** The events that end a hold share a type ({@link HoldEnded}), which adds nothing to what they store. */
    @ParameterizedTest
    @MethodSource("storedHoldEndings")
    void aHoldEndingIsStoredAndReadAsBefore(String stored, HoldEnded event) {
        SerializedObject<byte[]> written = serializer.serialize(event, byte[].class);

        assertThat(new String(written.getData(), StandardCharsets.UTF_8)).isEqualTo(stored);
        assertThat(serializer.<byte[], HoldEnded>deserialize(new SimpleSerializedObject<>(
                stored.getBytes(StandardCharsets.UTF_8), byte[].class, event.getClass().getName(), "1")))
                .isEqualTo(event);
    }

    private static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }
}
