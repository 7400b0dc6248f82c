package io.billfold.platform.openapi;

import com.fasterxml.jackson.core.type.TypeReference;
import io.billfold.platform.web.Problem;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives each operation of the OpenAPI document its examples, read from {@code examples/<operationId>.json} in the
 * package of the controller that handles it (a resource next to the code that owns the operation):
 * <pre>{@code
 * {
 *   "request": <the body, for every JSON media type the operation takes>,
 *   "request_media": {"text/csv": <the body in a media type that is not JSON>},
 *   "response": <the success response's body, for every JSON media type it is written in>,
 *   "response_media": {"text/csv": <the success body in a media type that is not JSON>},
 *   "problems": [{"status": 422, "title": "...", "detail": "...", "code": "insufficient_funds"}]
 * }
 * }</pre>
 * Each problem becomes an example of that status's problem response, named by its code, with {@code type} and
 * {@code request_id} filled in. A file that names a status, media type or member the operation does not have fails
 * the document: an example never silently goes missing. {@code OpenApiExamplesTest} validates every example against
 * its schema and requires one per body and success response.
 */
@Component
class ApiExamples implements GlobalOperationCustomizer, GlobalOpenApiCustomizer {

    /** The request id that examples show (real ones are {@code req_} and a UUID). */
    static final String REQUEST_ID = "req_5f0c4a1e-8d2b-4c7a-9e3f-2b6d8a1c4e70";
    private static final Set<String> MEMBERS = Set.of("request", "request_media", "response", "response_media",
            "problems");

    /** The controller type of each operation: where its examples live. */
    private final Map<String, Class<?>> owners = new ConcurrentHashMap<>();

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (operation.getOperationId() != null) {
            owners.put(operation.getOperationId(), handler.getBeanType());
        }
        return operation;
    }

    /**
     * After every operation customizer: the responses an example belongs to exist by now, whoever declared them. Safe
     * to run again on the same document: each example replaces itself.
     */
    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            Class<?> owner = owners.get(operation.getOperationId());
            URL resource = owner == null ? null : owner.getResource("examples/" + operation.getOperationId() + ".json");
            if (resource != null) {
                apply(operation, read(resource), resource);
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private static void apply(Operation operation, Map<String, Object> examples, URL source) {
        for (String member : examples.keySet()) {
            require(MEMBERS.contains(member), source, "unknown member " + member);
        }
        if (examples.containsKey("request") || examples.containsKey("request_media")) {
            require(operation.getRequestBody() != null, source, "the operation takes no body");
            set(operation.getRequestBody().getContent(), examples.get("request"),
                    (Map<String, Object>) examples.getOrDefault("request_media", Map.of()), source);
        }
        if (examples.containsKey("response") || examples.containsKey("response_media")) {
            ApiResponse success = operation.getResponses().entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith("2") && entry.getValue().getContent() != null)
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            require(success != null, source, "the operation answers no success body");
            set(success.getContent(), examples.get("response"),
                    (Map<String, Object>) examples.getOrDefault("response_media", Map.of()), source);
        }
        Set<String> codes = new HashSet<>();
        for (Map<String, Object> problem : (List<Map<String, Object>>) examples.getOrDefault("problems", List.of())) {
            require(codes.add(String.valueOf(problem.get("code"))), source, "two examples of " + problem.get("code"));
            addProblem(operation, problem, source);
        }
    }

    /** The JSON example for each JSON media type, the others by media type. */
    private static void set(Content content, Object json, Map<String, Object> byMediaType, URL source) {
        for (String mediaType : byMediaType.keySet()) {
            require(content.containsKey(mediaType), source, "no media type " + mediaType);
        }
        require(json == null || content.keySet().stream().anyMatch(ApiExamples::isJson), source,
                "no JSON media type");
        content.forEach((mediaType, media) -> {
            Object example = byMediaType.containsKey(mediaType) ? byMediaType.get(mediaType)
                    : isJson(mediaType) ? json : null;
            if (example != null) {
                media.setExample(example);
            }
        });
    }

    private static void addProblem(Operation operation, Map<String, Object> given, URL source) {
        Object status = given.get("status");
        Object code = given.get("code");
        require(status instanceof Integer && code instanceof String, source, "a problem needs a status and a code");
        ApiResponse response = operation.getResponses().get(status.toString());
        require(response != null && response.getContent() != null
                        && response.getContent().get(ProblemResponses.PROBLEM_JSON) != null, source,
                "the operation declares no problem response of status " + status + " of its own");
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problem.TYPE_PREFIX + code);
        problem.putAll(given);
        problem.put("request_id", REQUEST_ID);
        response.getContent().get(ProblemResponses.PROBLEM_JSON).addExamples((String) code, new Example().summary((String) given.get("detail")).value(problem));
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static Map<String, Object> read(URL resource) {
        try (InputStream in = resource.openStream()) {
            return Json.mapper().readValue(in, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI examples " + resource, e);
        }
    }

    private static void require(boolean condition, URL source, String problem) {
        if (!condition) {
            throw new IllegalStateException("OpenAPI examples " + source + ": " + problem);
        }
    }
}
