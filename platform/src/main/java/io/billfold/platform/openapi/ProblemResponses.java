package io.billfold.platform.openapi;

import io.billfold.platform.web.Problem;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springframework.http.HttpStatus;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Declares the problem responses of an operation: per status one {@code application/problem+json} response whose
 * {@code code} is an enum of every code the operation may answer with that status. Whoever implements a failure (an
 * exception type, a filter, an interceptor) declares it here, so that the document follows the code.
 */
public final class ProblemResponses {

    public static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_SCHEMA = "Problem";

    private ProblemResponses() {
    }

    /** The operation may answer {@code status} with a problem carrying any of {@code codes}. */
    public static void add(Operation operation, int status, String... codes) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        String key = Integer.toString(status);
        ApiResponse response = operation.getResponses().get(key);
        Shared shared = response != null && response.get$ref() != null ? Shared.of(status) : null;
        if (response == null || response.get$ref() != null || response.getContent() == null
                || response.getContent().get(PROBLEM_JSON) == null) {
            response = new ApiResponse().description(HttpStatus.valueOf(status).getReasonPhrase())
                    .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new ComposedSchema()
                            .allOf(List.of(new Schema<>().$ref(PROBLEM_SCHEMA),
                                    new ObjectSchema().addProperty("code", new StringSchema()))))));
            operation.getResponses().addApiResponse(key, response);
        }
        if (shared != null) {
            add(operation, status, shared.code);
        }
        MediaType problem = response.getContent().get(PROBLEM_JSON);
        Schema<?> withCode = (Schema<?>) problem.getSchema().getAllOf().get(1);
        @SuppressWarnings("unchecked")
        Schema<String> code = (Schema<String>) withCode.getProperties().get("code");
        TreeSet<String> all = new TreeSet<>(code.getEnum() == null ? List.of() : code.getEnum());
        all.addAll(Arrays.asList(codes));
        code.setEnum(List.copyOf(all));
    }

    /** Answers {@code status} with the problem every operation may give with it, unless it already has others. */
    static void addShared(Operation operation, Shared problem) {
        String key = Integer.toString(problem.status);
        if (operation.getResponses().get(key) == null) {
            operation.getResponses().addApiResponse(key, new ApiResponse().$ref(problem.name()));
        }
    }

    /**
     * Problems that every operation may give, each with one code and the same meaning: shared as components so that
     * the document does not repeat them.
     */
    enum Shared {
        Unauthenticated(401, "unauthenticated", "No API key, or one that is unknown or revoked"),
        Forbidden(403, "forbidden", "The API key's role does not allow this request"),
        NotAcceptable(406, "not_acceptable", "No representation the Accept header allows"),
        UnsupportedMediaType(415, "unsupported_media_type", "A body of a media type the operation does not take"),
        InternalError(500, "internal_error", "An unexpected failure of the server, logged with the request id");

        final int status;
        final String code;
        final String description;

        Shared(int status, String code, String description) {
            this.status = status;
            this.code = code;
            this.description = description;
        }

        static Shared of(int status) {
            for (Shared shared : values()) {
                if (shared.status == status) {
                    return shared;
                }
            }
            throw new IllegalArgumentException("No shared problem response of status " + status);
        }

        ApiResponse response() {
            return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                    new MediaType().schema(new ComposedSchema().allOf(List.of(new Schema<>().$ref(PROBLEM_SCHEMA),
                                    new ObjectSchema().addProperty("code", new StringSchema()._enum(List.of(code))))))
                            .example(example(status, code))));
        }
    }

    private static Map<String, Object> example(int status, String code) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", Problem.TYPE_PREFIX + code);
        example.put("title", HttpStatus.valueOf(status).getReasonPhrase());
        example.put("status", status);
        example.put("detail", "What went wrong, for a person to read");
        example.put("code", code);
        example.put("request_id", ApiExamples.REQUEST_ID);
        return example;
    }
}
