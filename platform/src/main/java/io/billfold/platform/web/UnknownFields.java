package io.billfold.platform.web;

import io.billfold.api.error.FieldError;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request body's unknown fields are reported together with every other invalid field of the request, not instead of
 * them. While a request body is read, an unknown member is recorded (with its path) and skipped, so the request goes
 * on to its command, whose validation lists the other invalid fields. Whatever the command answers, the response is
 * then a 422 listing the unknown fields first and the command's own field errors after them; a command that succeeded
 * is rolled back with it (every request with a body runs in one transaction, {@code TransactionalRequests}, and
 * anything but a 2xx rolls back). Only a 5xx is left as it is: it says nothing about the request.
 */
@ControllerAdvice
class UnknownFields extends DeserializationProblemHandler implements RequestBodyAdvice, ResponseBodyAdvice<Object> {

    private static final String READING = UnknownFields.class.getName() + ".reading";
    private static final String FOUND = UnknownFields.class.getName() + ".found";

    // ---- reading the body ----------------------------------------------------------------------------------------

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) {
        attributes().ifPresent(attributes -> {
            // A request retried whole (TransactionalRequests) reads its body again: what it found before is found anew.
            attributes.removeAttribute(FOUND, RequestAttributes.SCOPE_REQUEST);
            attributes.setAttribute(READING, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        });
        return input;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        attributes().ifPresent(attributes -> attributes.removeAttribute(READING, RequestAttributes.SCOPE_REQUEST));
        return body;
    }

    @Override
    public Object handleEmptyBody(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
                                  Class<? extends HttpMessageConverter<?>> converterType) {
        return afterBodyRead(body, input, parameter, targetType, converterType);
    }

    /** Outside the reading of a request body (stored JSON, tests), an unknown member fails as configured. */
    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                         ValueDeserializer<?> deserializer, Object beanOrClass, String propertyName) {
        RequestAttributes attributes = attributes().orElse(null);
        if (attributes == null || attributes.getAttribute(READING, RequestAttributes.SCOPE_REQUEST) == null) {
            return false;
        }
        found(attributes).add(new FieldError(pathOf(context, parser, propertyName), "unknown_field",
                "is not a known field"));
        parser.skipChildren();
        return true;
    }

    // ---- writing the response ------------------------------------------------------------------------------------

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        RequestAttributes attributes = attributes().orElse(null);
        @SuppressWarnings("unchecked")
        List<FieldError> unknown = attributes == null ? null
                : (List<FieldError>) attributes.getAttribute(FOUND, RequestAttributes.SCOPE_REQUEST);
        int status = response instanceof ServletServerHttpResponse servlet ? servlet.getServletResponse().getStatus()
                : 200;
        if (unknown == null || unknown.isEmpty() || status >= 500) {
            return body;
        }
        List<FieldError> errors = new ArrayList<>(unknown);
        if (body instanceof Problem problem && problem.status() == 422 && problem.errors() != null) {
            errors.addAll(problem.errors());
        }
        Problem merged = Problem.of(422, "validation_failed", "The request is invalid",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid", errors);
        response.setStatusCode(HttpStatus.UNPROCESSABLE_CONTENT);
        response.getHeaders().setContentType(ProblemWriter.PROBLEM_JSON);
        response.getHeaders().remove("Location");
        response.getHeaders().remove(CommandResponses.POSITION_HEADER);
        return merged;
    }

    private static List<FieldError> found(RequestAttributes attributes) {
        @SuppressWarnings("unchecked")
        List<FieldError> found = (List<FieldError>) attributes.getAttribute(FOUND, RequestAttributes.SCOPE_REQUEST);
        if (found == null) {
            found = new ArrayList<>();
            attributes.setAttribute(FOUND, found, RequestAttributes.SCOPE_REQUEST);
        }
        return found;
    }

    private static Optional<RequestAttributes> attributes() {
        return Optional.ofNullable(RequestContextHolder.getRequestAttributes());
    }

    /**
     * The member's path in the API's notation ({@code address.colour}, {@code tax_info[0].colour}). Records (every
     * request body) collect their unknown members while they read their object and hand them over from a buffer
     * afterwards: the request's own parser then stands on the end of that object, so its context is where the object
     * is. Otherwise the parser stands on the member's value (or just inside it, for an object or array value).
     */
    private static String pathOf(DeserializationContext context, JsonParser parser, String propertyName) {
        JsonParser source = context.getParser();
        TokenStreamContext objectLocation;
        if (source != null && source != parser && source.currentToken() == JsonToken.END_OBJECT) {
            objectLocation = source.streamReadContext();
        } else {
            TokenStreamContext member = parser.currentToken() != null && parser.currentToken().isStructStart()
                    ? parser.streamReadContext().getParent() : parser.streamReadContext();
            objectLocation = member == null ? null : member.getParent();
        }
        String object = location(objectLocation);
        return object.isEmpty() ? propertyName : object + "." + propertyName;
    }

    /** Where a context is in the document: the members and array elements that lead to it. */
    private static String location(TokenStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray() && at.hasCurrentIndex()) {
                path.insert(0, "[" + at.getCurrentIndex() + "]");
            } else if (at.inObject() && at.currentName() != null) {
                path.insert(0, "." + at.currentName());
            }
        }
        return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }
}
