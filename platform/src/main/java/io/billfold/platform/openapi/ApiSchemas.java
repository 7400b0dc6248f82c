package io.billfold.platform.openapi;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The schemas every operation shares: money as a decimal string, the problem document, the list envelope. Properties
 * follow how responses are written: every member is present, and one of a reference type may be null.
 */
@Component
class ApiSchemas implements PropertyCustomizer, GlobalOpenApiCustomizer {

    static final String MONEY = "Money";
    static final String LIST_ENVELOPE = "ListEnvelope";
    /** The one member written verbatim that is always a JSON object; others (a change's old and new values) are any value. */
    private static final String CUSTOM_DATA = "custom_data";
    /** A member that may hold any JSON value; the schema generator gives every schema a type, this one has none. */
    private static final String ANY_JSON_VALUE = "Any JSON value";
    /** How the schema generator refers to a member read as a JSON tree (custom_data of a request). */
    private static final String JSON_NODE_REF = "#/components/schemas/JsonNode";
    /** Members holding an amount of money, in requests and responses (see {@code Amounts}). */
    private static final Set<String> MONEY_MEMBERS = Set.of("amount", "balance", "balance_after",
            "low_balance_threshold", "remaining", "held", "available");
    /** Money members that may be null in a response (no threshold set). */
    private static final Set<String> NULLABLE_MONEY_MEMBERS = Set.of("low_balance_threshold");

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Schema customize(Schema property, AnnotatedType type) {
        String name = type.getPropertyName();
        if (name == null || property == null) {
            return property;
        }
        if (MONEY_MEMBERS.contains(name) && !primitive(type.getType())) {
            return NULLABLE_MONEY_MEMBERS.contains(name) ? money().nullable(true) : new Schema<>().$ref(MONEY);
        }
        if (annotated(type, JsonRawValue.class) || JsonNode.class.isAssignableFrom(rawClass(type.getType()))) {
            return CUSTOM_DATA.equals(name) ? jsonObject()
                    : new Schema<>().description(ANY_JSON_VALUE).nullable(true);
        }
        if (primitive(type.getType())) {
            return property;
        }
        return nullable(property);
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        Components components = openApi.getComponents();
        if (components.getSchemas() == null) {
            components.setSchemas(new TreeMap<>());
        }
        components.getSchemas().forEach((name, schema) -> {
            if (schema.getProperties() != null) {
                for (Object property : schema.getProperties().values()) {
                    itemsNotNull((Schema<?>) property);
                    if (ANY_JSON_VALUE.equals(((Schema<?>) property).getDescription())) {
                        ((Schema<?>) property).setType(null);
                    }
                }
                schema.getProperties().replaceAll((member, property) ->
                        JSON_NODE_REF.equals(((Schema<?>) property).get$ref())
                                ? jsonObject() : property);
            }
            if (isPage(schema)) {
                components.getSchemas().put(name, page(schema));
            }
        });
        components.getSchemas().remove("JsonNode");
        nullableReferences(components);
        addSharedSchemas(components);
        for (ProblemResponses.Shared shared : ProblemResponses.Shared.values()) {
            components.addResponses(shared.name(), shared.response());
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(ApiSchemas::completeParameters));
        }
        components.addSchemas(MONEY, money());
    }

    private static Schema<Object> jsonObject() {
        return new ObjectSchema().additionalProperties(true).description("Any JSON object").nullable(true);
    }

    private static Schema<String> money() {
        return new StringSchema().pattern("^-?[0-9]+(\\.[0-9]+)?$").example("125.50")
                .description("An amount of money: a decimal number written as a JSON string, never a float, with at "
                        + "most as many decimals as its currency has (JPY 0, USD 2, BHD 3). Requests may also send "
                        + "a JSON number, read as the exact decimal it is written as.");
    }

    private static void addSharedSchemas(Components components) {
        components.addSchemas(LIST_ENVELOPE, new ObjectSchema()
                .description("One page of a list, newest first unless the operation says otherwise. To read on, send "
                        + "next_cursor as starting_after; limit is 1 to 100 (default 20).")
                .required(List.of("has_more"))
                .addProperty("has_more", new BooleanSchema().description("Whether items follow this page"))
                .addProperty("next_cursor", new StringSchema().nullable(true)
                        .description("The id of this page's last item when more follow, to send as starting_after")));
        components.addSchemas("FieldError", new ObjectSchema()
                .description("One invalid field of a request")
                .required(List.of("field", "code", "message"))
                .addProperty("field", new StringSchema().example("address.country")
                        .description("A JSON path such as address.country or tax_info[1].tax_id, a query parameter "
                                + "or a header"))
                .addProperty("code", new StringSchema().example("invalid_value")
                        .description("Stable, machine-readable: required, invalid_value, invalid_type, too_long, "
                                + "unknown_field, ..."))
                .addProperty("message", new StringSchema().example("must be an ISO 3166-1 country code")));
        components.addSchemas(ProblemResponses.PROBLEM_SCHEMA, new ObjectSchema()
                .description("An RFC 9457 problem document (application/problem+json); code is stable and "
                        + "machine-readable, the other texts are for people")
                .required(List.of("type", "title", "status", "code"))
                .addProperty("type", new StringSchema().example("urn:billfold:problem:insufficient_funds"))
                .addProperty("title", new StringSchema().example("Unprocessable Content"))
                .addProperty("status", new IntegerSchema().example(422))
                .addProperty("detail", new StringSchema().example("The wallet holds only 10.00 USD"))
                .addProperty("code", new StringSchema().example("insufficient_funds"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("FieldError"))
                        .description("Every invalid field of the request (validation_failed only)"))
                .addProperty("request_id", new StringSchema()
                        .description("The X-Request-Id of the request, to quote to support")));
    }

    /**
     * A member that holds another schema or null: the schema itself admits null, because validators and generators of
     * OpenAPI 3.0 read a nullable sibling of a reference in different ways.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void nullableReferences(Components components) {
        Set<String> nullable = new TreeSet<>();
        for (Schema<?> schema : components.getSchemas().values()) {
            if (schema.getProperties() == null) {
                continue;
            }
            schema.getProperties().replaceAll((member, property) -> {
                Schema candidate = (Schema) property;
                if (Boolean.TRUE.equals(candidate.getNullable()) && candidate.getAllOf() != null
                        && candidate.getAllOf().size() == 1) {
                    Schema reference = (Schema) candidate.getAllOf().get(0);
                    nullable.add(reference.get$ref().substring(reference.get$ref().lastIndexOf('/') + 1));
                    return reference;
                }
                return candidate;
            });
        }
        nullable.forEach(name -> components.getSchemas().get(name).setNullable(true));
    }

    /** Lists never hold nulls. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void itemsNotNull(Schema<?> property) {
        Schema items = property.getItems();
        if (items == null) {
            return;
        }
        if (items.getAllOf() != null && items.getAllOf().size() == 1 && Boolean.TRUE.equals(items.getNullable())) {
            ((Schema) property).setItems((Schema) items.getAllOf().get(0));
        } else {
            items.setNullable(null);
        }
    }

    /**
     * Parameters declared with a description only are strings; one that two handlers of an operation declare (one
     * per media type) is one.
     */
    private static void completeParameters(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        Map<String, Parameter> unique = new LinkedHashMap<>();
        for (Parameter parameter : operation.getParameters()) {
            if (parameter.getSchema() == null && parameter.getContent() == null) {
                parameter.setSchema(new StringSchema());
            }
            unique.putIfAbsent(parameter.getIn() + ":" + parameter.getName(), parameter);
        }
        operation.setParameters(new ArrayList<>(unique.values()));
    }

    /** A list page: {@code data}, {@code has_more} and {@code next_cursor}, as every {@code ListPage} is written. */
    private static boolean isPage(Schema<?> schema) {
        Map<String, Schema> properties = schema.getProperties();
        return properties != null && properties.keySet().equals(Set.of("data", "has_more", "next_cursor"));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema page(Schema<?> schema) {
        Schema data = schema.getProperties().get("data");
        data.setNullable(null);
        return new ComposedSchema().allOf(List.of(new Schema<>().$ref(LIST_ENVELOPE),
                new ObjectSchema().required(List.of("data")).addProperty("data", data)));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema nullable(Schema property) {
        if (property.get$ref() != null) {
            return new ComposedSchema().allOf(List.of(property)).nullable(true);
        }
        return property.nullable(true);
    }

    private static boolean primitive(Type type) {
        return rawClass(type).isPrimitive();
    }

    private static Class<?> rawClass(Type type) {
        return type instanceof Class<?> c ? c : type instanceof JavaType java ? java.getRawClass() : Object.class;
    }

    private static boolean annotated(AnnotatedType type, Class<? extends Annotation> annotation) {
        if (type.getCtxAnnotations() == null) {
            return false;
        }
        for (Annotation present : type.getCtxAnnotations()) {
            if (annotation.isInstance(present)) {
                return true;
            }
        }
        return false;
    }
}
