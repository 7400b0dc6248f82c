package io.billfold.query.event;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON of the public events: the API's conventions (snake_case names, ISO-8601 instants, decimal strings for money,
 * numbers in custom data kept exactly as written). A mapper of its own, like the other read models': web settings
 * never change what is stored, so a replay writes the same bytes as the live projection did.
 */
final class EventJson {

    static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private EventJson() {
    }

    /** A value as the API writes it; JSON text (custom data) is parsed, so it is embedded rather than quoted. */
    static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /** A response record as the API writes it, raw JSON components ({@code @JsonRawValue}) included. */
    static ObjectNode object(Object response) {
        return (ObjectNode) JSON.readTree(JSON.writeValueAsString(response));
    }

    static JsonNode parse(String json) {
        return json == null ? JSON.nullNode() : JSON.readTree(json);
    }

    static String write(JsonNode node) {
        return JSON.writeValueAsString(node);
    }
}
