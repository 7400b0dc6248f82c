package io.billfold.platform.eventstore;

import io.billfold.platform.personaldata.InMemoryKeys;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;

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
}
