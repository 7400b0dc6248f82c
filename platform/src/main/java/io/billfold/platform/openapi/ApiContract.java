package io.billfold.platform.openapi;

import io.billfold.api.PageRequest;
import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.platform.web.ProblemExceptionHandler;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completes every operation of the OpenAPI document from what its handler declares: the problems it may answer (its
 * {@link Raises}, and those every {@code /v1} request may meet in the platform's filters), the headers of its success
 * response ({@link ResponseHeaders}), its pagination parameters ({@link Paginated}). Query parameters read as a map
 * are not one parameter: the endpoint lists them with {@code @Parameter} instead.
 */
@Component
class ApiContract implements GlobalOperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        hideParameterMaps(operation, handler);
        if (AnnotatedElementUtils.hasAnnotation(handler.getMethod(), Paginated.class)) {
            addPagination(operation);
        }
        addCommonProblems(operation);
        for (Class<? extends BillfoldException> raised : raised(handler)) {
            ApiError error = BillfoldException.apiErrorOf(raised);
            ProblemResponses.add(operation, ProblemExceptionHandler.statusOf(error.kind()).value(), error.code());
        }
        addSuccessHeaders(operation, handler);
        return operation;
    }

    /**
     * What any {@code /v1} request may be answered, whatever the endpoint: a query string that is not UTF-8
     * ({@code MalformedRequests}), a request the servlet container refuses ({@code ProblemErrorController}), no or an unknown key ({@code ApiKeyAuthentication}), a role too low
     * ({@code Authorization}), an Accept header the endpoint cannot satisfy, a Content-Type that is no media type, an
     * invalid parameter, and the database being unreachable ({@code ProblemExceptionHandler}).
     */
    private static void addCommonProblems(Operation operation) {
        ProblemResponses.add(operation, 400, "malformed_query", "bad_request");
        ProblemResponses.add(operation, 422, "validation_failed");
        ProblemResponses.add(operation, 503, "service_unavailable");
        for (ProblemResponses.Shared shared : ProblemResponses.Shared.values()) {
            ProblemResponses.addShared(operation, shared);
        }
        if (operation.getRequestBody() != null) {
            ProblemResponses.add(operation, 400, "malformed_json", "malformed_body");
            ProblemResponses.add(operation, 413, "payload_too_large");
        }
    }

    private static List<Class<? extends BillfoldException>> raised(HandlerMethod handler) {
        List<Class<? extends BillfoldException>> raised = new ArrayList<>();
        for (Raises raises : Arrays.asList(find(handler.getBeanType(), Raises.class),
                find(handler.getMethod(), Raises.class))) {
            if (raises != null) {
                raised.addAll(List.of(raises.value()));
            }
        }
        return raised;
    }

    private static void addSuccessHeaders(Operation operation, HandlerMethod handler) {
        Map<String, Header> headers = new LinkedHashMap<>();
        for (ResponseHeaders declared : Arrays.asList(find(handler.getBeanType(), ResponseHeaders.class),
                find(handler.getMethod(), ResponseHeaders.class))) {
            if (declared != null) {
                for (ResponseHeader header : declared.value()) {
                    headers.put(header.headerName, header.header());
                }
            }
        }
        if (headers.isEmpty()) {
            return;
        }
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                headers.forEach(response::addHeaderObject);
            }
        });
    }

    private static void addPagination(Operation operation) {
        operation.addParametersItem(new QueryParameter().name("limit")
                .description("How many items to answer, at most")
                .schema(new IntegerSchema().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(PageRequest.MAX_LIMIT))
                        ._default(PageRequest.DEFAULT_LIMIT)));
        operation.addParametersItem(new QueryParameter().name("starting_after")
                .description("The next_cursor of the previous page: the items after that one")
                .schema(new StringSchema().minLength(1).maxLength(255)));
    }

    private static void hideParameterMaps(Operation operation, HandlerMethod handler) {
        if (operation.getParameters() == null) {
            return;
        }
        for (MethodParameter parameter : handler.getMethodParameters()) {
            RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
            if (requestParam != null && Map.class.isAssignableFrom(parameter.getParameterType())) {
                String name = parameter.getParameterName();
                operation.getParameters().removeIf((Parameter documented) -> "query".equals(documented.getIn())
                        && documented.getName().equals(name));
            }
        }
    }

    private static <A extends Annotation> A find(java.lang.reflect.AnnotatedElement element, Class<A> type) {
        return AnnotatedElementUtils.findMergedAnnotation(element, type);
    }
}
