package io.billfold.webhooks;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoint update ({@link WebhookEndpoints.UpdateRequest}) in the OpenAPI document: its members are read as JSON
 * trees, to tell an absent member from a null one, so the schema generator knows nothing of their types.
 */
@Component
class WebhookUpdateSchema implements GlobalOpenApiCustomizer {

    private static final String SCHEMA = WebhookEndpoints.UpdateRequest.class.getSimpleName();

    @Override
    @SuppressWarnings("rawtypes")
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null
                || openApi.getComponents().getSchemas().get(SCHEMA) == null) {
            return;
        }
        Map<String, Schema> members = new LinkedHashMap<>();
        members.put("description", new StringSchema().nullable(true).description("null removes it"));
        members.put("event_types", new ArraySchema().items(new StringSchema())
                .description("[\"*\"] for every type, or a list of event types"));
        members.put("status", new StringSchema()._enum(List.of("enabled", "disabled")));
        members.put("url", new StringSchema().description("An http or https URL"));
        openApi.getComponents().getSchemas().get(SCHEMA).setProperties(members);
    }
}
