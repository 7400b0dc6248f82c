package io.billfold.app;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of {@code docs/openapi.json} (written in each feature's {@code examples/<operationId>.json}, see
 * {@code ApiExamples}): every request body and success body has one, every operation shows one of its own problems,
 * and each example is valid against the schema it is declared for, as {@link ContractCheck} validates real bodies: a
 * member the schema does not name is an error too (the validator allows no additional properties).
 * {@link ContractCheck} compares the members of every real success body with its operation's example.
 */
class OpenApiExamplesTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final OpenAPI DOCUMENT = document();

    /** One example as the document declares it: where, the schema it is for, its value. */
    private record Declared(String where, Schema<?> schema, JsonNode value) {
    }

    @Test
    void everyRequestBodyAndSuccessBodyHasAnExample() {
        List<String> missing = new ArrayList<>();
        operations().forEach((id, operation) -> {
            if (operation.getRequestBody() != null) {
                operation.getRequestBody().getContent().forEach((type, media) -> {
                    if (!hasExample(media)) {
                        missing.add(id + " request " + type);
                    }
                });
            }
            operation.getResponses().forEach((status, response) -> {
                if (!status.startsWith("2")) {
                    return;
                }
                if (response.getContent() == null) {
                    assertThat(status).as(id + " answers a success without a body").isEqualTo("204");
                    return;
                }
                response.getContent().forEach((type, media) -> {
                    if (!hasExample(media)) {
                        missing.add(id + " " + status + " " + type);
                    }
                });
            });
        });
        assertThat(missing).as("bodies without an example: add them to the operation's examples/<operationId>.json")
                .isEmpty();
    }

    @Test
    void everyOperationShowsOneOfItsOwnProblems() {
        List<String> without = new ArrayList<>();
        operations().forEach((id, operation) -> {
            int shown = 0;
            for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
                MediaType problem = response.getValue().getContent() == null ? null
                        : response.getValue().getContent().get(PROBLEM_JSON);
                if (problem == null || problem.getExamples() == null) {
                    continue;
                }
                for (var example : problem.getExamples().entrySet()) {
                    JsonNode value = json(example.getValue().getValue());
                    assertThat(value.path("status").asText()).as(id + " " + example.getKey())
                            .isEqualTo(response.getKey());
                    assertThat(value.path("code").asText()).as(id + " " + example.getKey()).isEqualTo(example.getKey());
                    assertThat(value.path("type").asText()).as(id + " " + example.getKey())
                            .isEqualTo("urn:billfold:problem:" + example.getKey());
                    if (response.getKey().startsWith("4")) {
                        shown++;
                    }
                }
            }
            if (shown == 0) {
                without.add(id);
            }
        });
        assertThat(without).as("operations that show none of their 4xx problems").isEmpty();
    }

    @Test
    void everyExampleIsValidAgainstItsSchema() {
        SchemaValidator validator = new SchemaValidator(DOCUMENT, new MessageResolver());
        List<Declared> examples = examples();
        assertThat(examples).hasSizeGreaterThan(operations().size() * 2);
        List<String> invalid = new ArrayList<>();
        for (Declared example : examples) {
            ValidationReport report = validator.validate(example::value, example.schema(), "example");
            report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                    .forEach(message -> invalid.add(example.where() + ": " + message.getMessage()));
        }
        assertThat(invalid).as("examples that are not valid against their schema").isEmpty();
    }

    /** Every example of the document: of operations' bodies and responses, and of the shared responses. */
    private static List<Declared> examples() {
        List<Declared> examples = new ArrayList<>();
        operations().forEach((id, operation) -> {
            if (operation.getRequestBody() != null) {
                operation.getRequestBody().getContent().forEach((type, media) ->
                        collect(id + " request " + type, media, examples));
            }
            operation.getResponses().forEach((status, response) -> {
                if (response.getContent() != null) {
                    response.getContent().forEach((type, media) ->
                            collect(id + " " + status + " " + type, media, examples));
                }
            });
        });
        DOCUMENT.getComponents().getResponses().forEach((name, response) -> response.getContent().forEach(
                (type, media) -> collect("shared response " + name, media, examples)));
        return examples;
    }

    private static void collect(String where, MediaType media, List<Declared> into) {
        if (media.getExample() != null) {
            into.add(new Declared(where, media.getSchema(), json(media.getExample())));
        }
        if (media.getExamples() != null) {
            media.getExamples().forEach((name, example) -> into.add(new Declared(where + " " + name,
                    media.getSchema(), json(example.getValue()))));
        }
    }

    /** The parser reads the example of a binary body (a CSV file) as its bytes. */
    private static JsonNode json(Object example) {
        return Json.mapper().valueToTree(example instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8) : example);
    }

    private static boolean hasExample(MediaType media) {
        return media.getExample() != null || media.getExamples() != null && !media.getExamples().isEmpty();
    }

    private static Map<String, Operation> operations() {
        Map<String, Operation> operations = new LinkedHashMap<>();
        DOCUMENT.getPaths().forEach((path, item) -> item.readOperations().forEach(operation ->
                operations.put(operation.getOperationId(), operation)));
        return operations;
    }

    /** Read as {@link ContractCheck}'s validator reads it: references and combinators resolved. */
    private static OpenAPI document() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        options.setResolveCombinators(true);
        try {
            return new OpenAPIV3Parser().readContents(Files.readString(OpenApiDocumentTest.CHECKED_IN,
                    StandardCharsets.UTF_8), null, options).getOpenAPI();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
