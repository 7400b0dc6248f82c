package io.billfold.platform.web;

import io.billfold.api.error.FieldError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Refuses, before any part of the app reads them, requests whose envelope no endpoint can handle: a query string that
 * is not percent-encoded UTF-8 (Tomcat would fail while reading a parameter, deep inside a controller), a query
 * parameter holding a NUL (PostgreSQL text cannot hold one, so a filter value would fail in the database), and a
 * Content-Type that is a wildcard or no media type at all (Spring refuses to even represent it).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class MalformedRequests extends OncePerRequestFilter {

    private final ProblemWriter problems;

    MalformedRequests(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !concrete(contentType)) {
            problems.write(response, Problem.of(415, "unsupported_media_type", "Unsupported Media Type",
                    "Content-Type must be one media type, such as application/json"));
            return;
        }
        String query = request.getQueryString();
        if (query != null && query.indexOf('%') >= 0) {
            for (String pair : query.split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                String name = decode(nameAndValue[0]);
                String value = nameAndValue.length == 2 ? decode(nameAndValue[1]) : "";
                if (name == null || value == null) {
                    problems.write(response, Problem.of(400, "malformed_query", "Bad Request",
                            "The query string is not percent-encoded UTF-8"));
                    return;
                }
                if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                    String field = name.indexOf('\0') >= 0 ? "query" : name;
                    problems.write(response, Problem.of(422, "validation_failed", "The request is invalid",
                            field + ": must not contain NUL characters",
                            List.of(new FieldError(field, "invalid_value", "must not contain NUL characters"))));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean concrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The percent-decoded text, or null when an escape is broken or the bytes are not UTF-8. */
    private static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
