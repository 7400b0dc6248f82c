package io.billfold.command.customer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billfold.api.error.FieldChecks;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;

import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Applies a JSON merge patch (RFC 7396) to a record of details (a customer's, a contact's), in the field names of the
 * HTTP API: absent members stay, null members are cleared, objects (addresses, connector, custom_data) merge member by
 * member, and anything else, lists included, is replaced. A member the API does not know is refused, also when it is
 * null: it is reported to the caller's checks and left out, so that the rest of the patch is still validated and every
 * invalid field is listed at once. Fields holding JSON text (custom_data) are patched as the JSON objects they hold.
 */
final class MergePatch {

    private static final PropertyNamingStrategies.NamingBase API_NAMES =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private MergePatch() {
    }

    static <T extends Record> T apply(T current, String mergePatch, Class<T> type, Set<String> jsonTextFields,
                                      FieldChecks checks) {
        if (mergePatch == null) {
            throw new ValidationFailedException(new FieldError("body", "not_an_object", "must be a JSON object"));
        }
        JsonNode patch = ApiJson.parse(mergePatch).orElseThrow(() ->
                new ValidationFailedException(new FieldError("body", "malformed_json", "is not valid JSON")));
        if (!patch.isObject()) {
            throw new ValidationFailedException(new FieldError("body", "not_an_object", "must be a JSON object"));
        }
        removeUnknownMembers(patch, type, "", checks);
        ObjectNode target = ApiJson.MAPPER.valueToTree(current);
        for (String field : jsonTextFields) {
            if (target.hasNonNull(field)) {
                target.set(field, readTree(target.get(field).asText()));
            }
        }
        ObjectNode merged = (ObjectNode) merge(target, patch);
        for (String field : jsonTextFields) {
            if (merged.hasNonNull(field)) {
                merged.put(field, merged.get(field).toString());
            }
        }
        return toRecord(merged, type);
    }

    /** Reports and removes members a record type does not have, looking into nested records; custom_data is free-form. */
    private static void removeUnknownMembers(JsonNode patch, Class<?> type, String path, FieldChecks checks) {
        Iterator<Map.Entry<String, JsonNode>> members = patch.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            String field = path + member.getKey();
            RecordComponent component = componentNamed(type, member.getKey());
            if (component == null) {
                checks.add(new FieldError(field, "unknown_field", "is not a known field"));
                members.remove();
            } else if (member.getValue().isObject() && component.getType().isRecord()) {
                removeUnknownMembers(member.getValue(), component.getType(), field + ".", checks);
            }
        }
    }

    private static RecordComponent componentNamed(Class<?> type, String apiName) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (API_NAMES.translate(component.getName()).equals(apiName)) {
                return component;
            }
        }
        return null;
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : ApiJson.MAPPER.createObjectNode();
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

    private static <T> T toRecord(JsonNode merged, Class<T> type) {
        try {
            return ApiJson.MAPPER.treeToValue(merged, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ValidationFailedException(new FieldError(pathOf(e), "unknown_field", "is not a known field"));
        } catch (JsonMappingException e) {
            throw new ValidationFailedException(new FieldError(pathOf(e), "invalid_type", "has the wrong type"));
        } catch (JacksonException e) {
            throw new ValidationFailedException(new FieldError("body", "invalid_value", "cannot be read"));
        }
    }

    private static JsonNode readTree(String json) {
        return ApiJson.parse(json).orElseThrow(() ->
                new IllegalStateException("Stored custom_data is always a JSON object"));
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
