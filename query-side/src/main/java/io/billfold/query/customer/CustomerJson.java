package io.billfold.query.customer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON of the customer read model's jsonb columns and history values, in the API's field names. A mapper of its own:
 * the web layer's settings never change what is stored.
 */
final class CustomerJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private CustomerJson() {
    }

    static String write(Object value) {
        return value == null ? null : JSON.writeValueAsString(value);
    }

    static <T> T read(String json, Class<T> type) {
        return json == null ? null : JSON.readValue(json, type);
    }

    static <T> T read(String json, tools.jackson.core.type.TypeReference<T> type) {
        try {
            return json == null ? null : JSON.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalStateException("The read model holds JSON it wrote itself", e);
        }
    }
}
