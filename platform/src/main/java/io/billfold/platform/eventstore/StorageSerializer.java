package io.billfold.platform.eventstore;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Axon's Jackson serializer, remembering which class each stored type name denotes. Axon looks the class up by name
 * (through the class loader) for every event it reads: in a profile of a replay that was a tenth of the event reader's
 * time, and it happens again for every event an aggregate is loaded from.
 */
final class StorageSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    StorageSerializer(JacksonSerializer.Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> resolved = super.classForType(type);
        // Unknown types are Axon's own business (it answers a placeholder, and caches that itself).
        if (resolved != UnknownSerializedType.class) {
            classes.put(type.getName(), resolved);
        }
        return resolved;
    }
}
