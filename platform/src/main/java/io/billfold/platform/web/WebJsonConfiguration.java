package io.billfold.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Strict JSON for the HTTP API: a field of the wrong type is a validation error, not silently converted (no
 * {@code "true"} for a boolean, no number for a string), so that what a client sends is what it meant.
 */
@Configuration(proxyBeanMethods = false)
class WebJsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictScalars(UnknownFields unknownFields) {
        return builder -> builder
                .addHandler(unknownFields)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // Free-form JSON (custom_data) keeps its numbers exactly as the client wrote them.
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setAcceptBlankAsEmpty(false))
                // An empty or blank string is not "absent": "expected_version": " " must not turn off the check.
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setAcceptBlankAsEmpty(false))
                .withCoercionConfig(LogicalType.Float, config -> config
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setAcceptBlankAsEmpty(false))
                .addModule(new SimpleModule("nul-free-strings").addDeserializer(String.class, new NulFreeStrings()));
    }
}
