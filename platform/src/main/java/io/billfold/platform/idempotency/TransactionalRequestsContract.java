package io.billfold.platform.idempotency;

import io.billfold.platform.openapi.ProblemResponses;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/** Documents, on the operations {@link TransactionalRequests} covers, the Idempotency-Key and the problems it answers. */
@Component
class TransactionalRequestsContract implements GlobalOperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        if (mapping == null || mapping.method().length != 1 || mapping.path().length != 1) {
            return operation;
        }
        RequestMethod method = mapping.method()[0];
        if (!TransactionalRequests.covers(method.name(), mapping.path()[0])
                || handler.hasMethodAnnotation(OwnTransactions.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), OwnTransactions.class)) {
            return operation;
        }
        ProblemResponses.add(operation, 400, "malformed_json");
        ProblemResponses.add(operation, 409, "concurrent_modification");
        ProblemResponses.add(operation, 413, "payload_too_large");
        if (method == RequestMethod.POST) {
            operation.addParametersItem(new HeaderParameter().name(TransactionalRequests.IDEMPOTENCY_KEY)
                    .description("Makes the request safe to retry: a retry with the same key and body answers the "
                            + "first response (same status and body, with Idempotent-Replayed: true) and changes "
                            + "nothing. Keys are kept 48 hours, per organization.")
                    .schema(new StringSchema().minLength(1).maxLength(255).example("invoice-4711-settlement")));
            ProblemResponses.add(operation, 409, "idempotency_request_in_flight");
            ProblemResponses.add(operation, 422, "idempotency_key_reused");
        }
        return operation;
    }
}
