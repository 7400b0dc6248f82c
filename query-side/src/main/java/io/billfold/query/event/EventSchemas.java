package io.billfold.query.event;

import io.billfold.api.event.PublicEventTypes;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The public event in the OpenAPI document: the feed serves each event's stored JSON as it is, so the schema
 * generator sees only raw text where the document must describe an event.
 */
@Component
class EventSchemas implements GlobalOpenApiCustomizer {

    private static final String RAW_VALUE = "RawValue";
    private static final String PUBLIC_EVENT = "PublicEvent";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null
                || openApi.getComponents().getSchemas().remove(RAW_VALUE) == null) {
            return;
        }
        openApi.getComponents().addSchemas(PUBLIC_EVENT, new ObjectSchema()
                .description("A change clients see (docs/events.md). id and position never change, replays "
                        + "included; position grows in commit order within the organization.")
                .required(List.of("id", "type", "occurred_at", "position", "data"))
                .addProperty("id", new StringSchema().example("evt_3f2b6c1e-5d4a-4e8f-9b7c-2a1d0e9f8c7b"))
                .addProperty("type", new StringSchema()._enum(List.copyOf(PublicEventTypes.ALL)))
                .addProperty("occurred_at", new StringSchema().format("date-time"))
                .addProperty("position", new IntegerSchema().format("int64"))
                .addProperty("data", new ObjectSchema().required(List.of("object"))
                        .addProperty("object", new ObjectSchema().additionalProperties(true)
                                .description("The resource as GET shows it right after the change"))
                        .addProperty("previous_attributes", new ObjectSchema().additionalProperties(true)
                                .description("The changed members' old values (updates only)")))
                .addProperty("actor", new ObjectSchema().additionalProperties(true).nullable(true))
                .addProperty("request_id", new StringSchema().nullable(true)));
        String reference = "#/components/schemas/" + PUBLIC_EVENT;
        openApi.getComponents().getSchemas().values().forEach(schema -> replace(schema, reference));
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                operation.getResponses().values().forEach(response -> {
                    if (response.getContent() != null) {
                        response.getContent().values().forEach(media -> replace(media.getSchema(), reference));
                    }
                })));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void replace(Schema schema, String reference) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null && schema.get$ref().endsWith("/" + RAW_VALUE)) {
            schema.set$ref(reference);
        }
        replace(schema.getItems(), reference);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> replace((Schema) property, reference));
        }
        if (schema.getAllOf() != null) {
            schema.getAllOf().forEach(part -> replace((Schema) part, reference));
        }
    }
}
