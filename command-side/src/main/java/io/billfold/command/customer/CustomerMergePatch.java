package io.billfold.command.customer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.billfold.api.customer.CustomerDetails;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;

import java.util.Iterator;
import java.util.Map;

/**
 * Applies a JSON merge patch (RFC 7396) to a customer's details, in the field names of the HTTP API: absent members
 * stay, null members are cleared, objects (addresses, connector, custom_data) merge member by member, and anything
 * else, lists included, is replaced.
 */
final class CustomerMergePatch {

    private static final ObjectMapper API_JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();
    private static final String CUSTOM_DATA = "custom_data";

    private CustomerMergePatch() {
    }

    static CustomerDetails apply(CustomerDetails current, String mergePatch) {
        JsonNode patch;
        try {
            patch = API_JSON.readTree(mergePatch);
        } catch (JacksonException e) {
            throw new ValidationFailedException(new FieldError("body", "malformed_json", "is not valid JSON"));
        }
        if (patch == null || !patch.isObject()) {
            throw new ValidationFailedException(new FieldError("body", "not_an_object", "must be a JSON object"));
        }
        ObjectNode target = API_JSON.valueToTree(current);
        if (current.customData() != null) {
            target.set(CUSTOM_DATA, readTree(current.customData()));
        }
        JsonNode merged = merge(target, patch);
        JsonNode customData = merged.get(CUSTOM_DATA);
        ((ObjectNode) merged).remove(CUSTOM_DATA);
        CustomerDetails patched = toDetails(merged);
        return new CustomerDetails(patched.customerName(), patched.externalId(), patched.email(),
                patched.phoneNumber(), patched.address(), patched.shipToAddress(), patched.taxInfo(),
                customData == null || customData.isNull() ? null : customData.toString(),
                patched.communicationsEnabled(), patched.autoChargeEnabled(), patched.businessEntityId(),
                patched.connector());
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : API_JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> members = patch.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), merge(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }

    private static CustomerDetails toDetails(JsonNode merged) {
        try {
            return API_JSON.treeToValue(merged, CustomerDetails.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ValidationFailedException(new FieldError(pathOf(e), "unknown_field", "is not a known field"));
        } catch (JsonMappingException e) {
            throw new ValidationFailedException(new FieldError(pathOf(e), "invalid_type", "has the wrong type"));
        } catch (JacksonException e) {
            throw new ValidationFailedException(new FieldError("body", "invalid_value", "cannot be read"));
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return API_JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalStateException("Stored custom_data is always a JSON object", e);
        }
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
