package io.billfold.app;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.ValidationReport.Level;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks every exchange the API tests make against the checked-in OpenAPI document ({@code docs/openapi.json}): the
 * status must be one the operation declares, and the headers and body those of that response, the body valid against
 * its schema, a success body with the members of the operation's example. The request itself is not judged (tests send
 * invalid ones on purpose); the document has to declare what the API answers to them. Requests outside the document (console, actuator, unknown paths) are not checked.
 */
final class ContractCheck {

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(document())
            .withLevelResolver(LevelResolver.create()
                    .withLevel("validation.request", Level.IGNORE)
                    .withLevel("validation.response", Level.ERROR)
                    .build())
            .withResolveCombinators(true)
            .build();

    /** Each operation of the document: its method, a pattern of its path and its id. */
    private static final List<DocumentedOperation> OPERATIONS = operations();
    /** "operationId status" of every exchange checked so far, for the coverage of {@code ApiContractTest}. */
    private static final Set<String> EXCHANGES = ConcurrentHashMap.newKeySet();

    /** {@code successExample}: the example of its success response's JSON body, null when it has none. */
    private record DocumentedOperation(String method, Pattern path, String id, JsonNode successExample) {
    }

    private ContractCheck() {
    }

    /** The operations of the document, by id, with the statuses the API tests have seen them answer. */
    static Map<String, Set<Integer>> statusesSeen() {
        Map<String, Set<Integer>> seen = new TreeMap<>();
        OPERATIONS.forEach(operation -> seen.put(operation.id(), new TreeSet<>()));
        for (String exchange : EXCHANGES) {
            String[] idAndStatus = exchange.split(" ");
            seen.get(idAndStatus[0]).add(Integer.parseInt(idAndStatus[1]));
        }
        return seen;
    }

    /** Fails with every way the response departs from what the document declares for the request's operation. */
    static void verify(String method, URI uri, HttpHeaders requestHeaders, byte[] requestBody, int status,
                       HttpHeaders responseHeaders, String responseBody) {
        if (!uri.getPath().startsWith("/v1/")) {
            return;
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, uri.getRawPath());
        requestHeaders.map().forEach(request::withHeader);
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                request.withQueryParam(decode(nameAndValue[0]), nameAndValue.length == 2 ? decode(nameAndValue[1]) : "");
            }
        }
        if (requestBody != null) {
            request.withBody(requestBody);
        }
        SimpleResponse.Builder response = new SimpleResponse.Builder(status);
        responseHeaders.map().forEach(response::withHeader);
        if (responseBody != null && !responseBody.isEmpty()) {
            response.withBody(responseBody);
        }
        DocumentedOperation operation = OPERATIONS.stream()
                .filter(candidate -> candidate.method().equalsIgnoreCase(method)
                        && candidate.path().matcher(uri.getRawPath()).matches())
                .findFirst().orElse(null);
        if (operation != null) {
            EXCHANGES.add(operation.id() + " " + status);
        }
        ValidationReport report = VALIDATOR.validate(request.build(), response.build());
        if (report.hasErrors()) {
            throw new AssertionError("The response to " + method + " " + uri.getRawPath() + " is not one docs/openapi.json "
                    + "declares:\n" + report.getMessages().stream().filter(message -> message.getLevel() == Level.ERROR)
                    .map(message -> "  " + message.getKey() + ": " + message.getMessage())
                    .reduce((a, b) -> a + "\n" + b).orElse("") + "\nstatus " + status + ", body: " + responseBody);
        }
        if (operation != null && operation.successExample() != null && status < 300
                && responseHeaders.firstValue("Content-Type").orElse("").contains("json")) {
            List<String> differences = new ArrayList<>();
            compareMembers(operation.successExample(), parse(responseBody), "", differences);
            if (!differences.isEmpty()) {
                throw new AssertionError("The example of " + operation.id() + " in docs/openapi.json (its examples/"
                        + operation.id() + ".json) does not have the members the API writes:\n  "
                        + String.join("\n  ", differences) + "\nbody: " + responseBody);
            }
        }
    }

    /**
     * The API writes every member of a response, null or not, so a success body and the operation's example have the
     * same members: the object's own, and those of each item of a list against the example's first item. Deeper
     * members are left out: one may be null in the example and an object in the response.
     */
    private static void compareMembers(JsonNode example, JsonNode actual, String path, List<String> differences) {
        if (!example.isObject() || !actual.isObject()) {
            return;
        }
        Set<String> expected = names(example);
        Set<String> written = names(actual);
        if (!expected.equals(written)) {
            Set<String> missing = new TreeSet<>(written);
            missing.removeAll(expected);
            Set<String> extra = new TreeSet<>(expected);
            extra.removeAll(written);
            differences.add((path.isEmpty() ? "the body" : path) + ": the example lacks " + missing
                    + " and has " + extra + " that the API does not write");
        }
        JsonNode exampleItems = example.get("data");
        JsonNode items = actual.get("data");
        if (path.isEmpty() && exampleItems != null && exampleItems.isArray() && !exampleItems.isEmpty()
                && items != null && items.isArray()) {
            for (int i = 0; i < items.size(); i++) {
                compareMembers(exampleItems.get(0), items.get(i), "data[" + i + "]", differences);
            }
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.properties().forEach(member -> names.add(member.getKey()));
        return names;
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static List<DocumentedOperation> operations() {
        List<DocumentedOperation> operations = new ArrayList<>();
        new OpenAPIV3Parser().readContents(document(), null, new ParseOptions()).getOpenAPI().getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> operations.add(
                        new DocumentedOperation(method.name(), Pattern.compile(
                                path.replaceAll("\\{[^/]+}", "[^/]+").replace(".", "\\.")), operation.getOperationId(),
                                successExample(operation)))));
        // Literal paths before templates: /v1/customers/imports/{id} before /v1/customers/{id}/...
        operations.sort(Comparator.comparingLong(operation -> operation.path().pattern().chars()
                .filter(c -> c == '^').count()));
        return operations;
    }

    private static JsonNode successExample(Operation operation) {
        return operation.getResponses().entrySet().stream()
                .filter(response -> response.getKey().startsWith("2") && response.getValue().getContent() != null)
                .flatMap(response -> response.getValue().getContent().entrySet().stream())
                .filter(media -> media.getKey().contains("json") && media.getValue().getExample() != null)
                .map(media -> Json.mapper().<JsonNode>valueToTree(media.getValue().getExample()))
                .findFirst().orElse(null);
    }

    private static String document() {
        try {
            return Files.readString(OpenApiDocumentTest.CHECKED_IN, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
