package io.billfold.projection.position;

import io.billfold.platform.openapi.ProblemResponses;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import java.math.BigDecimal;
import java.util.Arrays;

/** Documents {@link AwaitPosition} on every read: its header and its 503. */
@Component
class AwaitPositionContract implements GlobalOperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        if (mapping == null || !Arrays.asList(mapping.method()).contains(RequestMethod.GET)) {
            return operation;
        }
        operation.addParametersItem(new HeaderParameter().name(AwaitPosition.HEADER)
                .description("Read your writes: the Billfold-Position of a command response. The read waits (up to "
                        + "5 s) until the read models have processed that position, or answers 503 not_caught_up.")
                .schema(new IntegerSchema().format("int64").minimum(BigDecimal.ZERO).example(1042)));
        ProblemResponses.add(operation, 503, "not_caught_up");
        return operation;
    }
}
