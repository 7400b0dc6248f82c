package io.billfold.platform.eventstore;

import io.billfold.platform.personaldata.InMemoryKeys;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StorageSerializerTest {

    record Sample(String name, long amountMinor) {
    }

    private final Serializer serializer = new AxonConfiguration().serializer(InMemoryKeys.protection());

    @Test
    void aStoredTypeIsReadBackAsItsClassEveryTime() {
        SerializedObject<byte[]> stored = serializer.serialize(new Sample("credit", 1250), byte[].class);

        assertThat(serializer.<byte[], Sample>deserialize(stored)).isEqualTo(new Sample("credit", 1250));
        assertThat(serializer.<byte[], Sample>deserialize(stored)).isEqualTo(new Sample("credit", 1250));
        assertThat(serializer.classForType(stored.getType())).isSameAs(Sample.class);
    }

    @Test
    void aTypeNoClassHasStaysUnknown() {
        SerializedType unknown = new SimpleSerializedType("io.billfold.api.NoSuchEvent", null);

        assertThat(serializer.classForType(unknown)).isEqualTo(UnknownSerializedType.class);
        assertThat(serializer.classForType(unknown)).isEqualTo(UnknownSerializedType.class);
        assertThat(serializer.classForType(SimpleSerializedType.emptyType())).isEqualTo(Void.class);
    }

    @Test
    void metadataIsReadBackAsAxonsOwnSerializerReadsIt() {
        MetaData metaData = MetaData.from(Map.of("actor_id", "key_1", "attempt", 3, "big", 12_345_678_901L,
                "nested", Map.of("list", List.of("a", 1)), "flag", true));
        Serializer axons = JacksonSerializer.builder().objectMapper(AxonConfiguration.storageObjectMapper())
                .build();
        SerializedObject<byte[]> stored = serializer.serialize(metaData, byte[].class);

        MetaData read = serializer.deserialize(stored);

        assertThat(read).isEqualTo(axons.<byte[], MetaData>deserialize(stored)).isEqualTo(metaData);
        assertThat(serializer.<byte[], MetaData>deserialize(serializer.serialize(MetaData.emptyInstance(),
                byte[].class))).isEmpty();
    }
}
