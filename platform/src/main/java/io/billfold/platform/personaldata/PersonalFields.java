package io.billfold.platform.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billfold.api.DataSubject;
import io.billfold.api.PersonalData;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a stored type keeps personal data: its {@link DataSubject} component and the paths of its {@link PersonalData}
 * components, found in the records it holds too (as Jackson writes them: one JSON member per component). Worked out
 * once per class.
 */
final class PersonalFields {

    /** A personal member: its path from the top of the stored JSON, the same as associated data, and its placeholder. */
    record Field(List<String> path, byte[] associatedData, JsonNode erasedAs) {
    }

    record Layout(String subject, List<Field> fields) {

        boolean personal() {
            return !fields.isEmpty();
        }
    }

    private static final Layout NONE = new Layout(null, List.of());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClassValue<Layout> LAYOUTS = new ClassValue<>() {
        @Override
        protected Layout computeValue(Class<?> type) {
            return analyse(type);
        }
    };

    private PersonalFields() {
    }

    static Layout of(Class<?> type) {
        return LAYOUTS.get(type);
    }

    private static Layout analyse(Class<?> type) {
        if (!type.isRecord()) {
            return NONE;
        }
        List<Field> fields = new ArrayList<>();
        collect(type, List.of(), fields);
        if (fields.isEmpty()) {
            return NONE;
        }
        String subject = null;
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)) {
                subject = component.getName();
            }
        }
        if (subject == null) {
            throw new IllegalStateException(type.getName() + " holds personal data but names no @DataSubject");
        }
        return new Layout(subject, List.copyOf(fields));
    }

    private static void collect(Class<?> type, List<String> prefix, List<Field> fields) {
        for (RecordComponent component : type.getRecordComponents()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(component.getName());
            PersonalData personal = component.getAnnotation(PersonalData.class);
            if (personal != null) {
                fields.add(new Field(List.copyOf(path), String.join(".", path).getBytes(StandardCharsets.UTF_8),
                        placeholder(personal.erasedAs())));
            } else if (component.getType().isRecord()) {
                collect(component.getType(), path, fields);
            }
        }
    }

    private static JsonNode placeholder(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("@PersonalData(erasedAs) must be JSON: " + json, e);
        }
    }
}
