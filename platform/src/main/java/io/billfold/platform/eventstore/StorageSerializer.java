package io.billfold.platform.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billfold.platform.personaldata.PersonalDataProtection;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Axon's Jackson serializer, remembering which class each stored type name denotes, and keeping personal data
 * encrypted. Axon looks the class up by name (through the class loader) for every event it reads: in a profile of a
 * replay that was a tenth of the event reader's time, and it happens again for every event an aggregate is loaded
 * from. A type with personal data goes through its JSON tree, where {@link PersonalDataProtection} seals those members
 * on the way in and opens them (or puts the erased placeholders in) on the way out; every other type is Axon's own
 * path. Axon deserializes payloads lazily, upcasters included, so every reader (aggregates, processors, replays,
 * snapshots) comes through here.
 */
final class StorageSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();
    private final PersonalDataProtection protection;
    /**
     * Every event's metadata is read on every read of it. Axon's {@code MetaDataDeserializer} looks up and
     * contextualizes a map deserializer on each call: in a profile of a replay, 11 % of the projection worker's time
     * went to metadata, most of it to that lookup. This reader resolves its deserializer once.
     */
    private final ObjectReader metaDataReader;

    StorageSerializer(JacksonSerializer.Builder builder, PersonalDataProtection protection) {
        super(builder);
        this.protection = protection;
        this.metaDataReader = getObjectMapper().readerFor(getObjectMapper().getTypeFactory()
                .constructMapType(Map.class, String.class, Object.class));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object == null || !protection.applies(object.getClass())) {
            return super.serialize(object, expectedRepresentation);
        }
        try {
            ObjectNode tree = getObjectMapper().valueToTree(object);
            protection.protect(tree, object.getClass());
            byte[] bytes = getObjectMapper().writeValueAsBytes(tree);
            T content = String.class.equals(expectedRepresentation)
                    ? (T) new String(bytes, StandardCharsets.UTF_8)
                    : getConverter().convert(bytes, expectedRepresentation);
            return new SimpleSerializedObject<>(content, expectedRepresentation, typeForClass(object.getClass()));
        } catch (JsonProcessingException e) {
            throw new SerializationException("Unable to serialize object", e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = SerializedType.emptyType().equals(serializedObject.getType()) ? null
                : classForType(serializedObject.getType());
        if (type == MetaData.class && !JsonNode.class.equals(serializedObject.getContentType())) {
            try {
                return (T) MetaData.from(metaDataReader.<Map<String, Object>>readValue(
                        getConverter().convert(serializedObject, byte[].class).getData()));
            } catch (IOException e) {
                throw new SerializationException("Error while deserializing metadata", e);
            }
        }
        if (type == null || !protection.applies(type)) {
            T value = super.deserialize(serializedObject);
            protection.observed(value);
            return value;
        }
        try {
            JsonNode tree;
            if (JsonNode.class.equals(serializedObject.getContentType())) {
                tree = ((JsonNode) serializedObject.getData()).deepCopy();
            } else {
                byte[] bytes = getConverter().convert(serializedObject, byte[].class).getData();
                // Most ledger entries carry no description or metadata, hence no ciphertext: Axon's direct path.
                if (!PersonalDataProtection.mayHoldCiphertext(bytes)) {
                    return (T) getReader(type).readValue(bytes);
                }
                tree = getObjectMapper().readTree(bytes);
            }
            protection.reveal((ObjectNode) tree, type);
            return (T) getReader(type).readValue(tree);
        } catch (IOException e) {
            throw new SerializationException("Error while deserializing object", e);
        }
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
