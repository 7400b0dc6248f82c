package io.billfold.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * What a browser is told about every response: never guess a content type, never show it in a frame, send no referrer.
 * API and actuator responses (customer data, balances, health) are never stored by a browser or a proxy, and run
 * nothing if a browser were to render one. Pages set their own, stricter policy on top (the console module).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class BrowserHeaders extends OncePerRequestFilter {

    public static final String NO_STORE = "no-store";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean api = request.getRequestURI().startsWith("/v1/") || request.getRequestURI().startsWith("/actuator");
        apply(response, api);
        // A request retried whole (TransactionalRequests) resets its response, headers included: these come back.
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void reset() {
                super.reset();
                apply(response, api);
            }
        });
    }

    private static void apply(HttpServletResponse response, boolean api) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (api) {
            response.setHeader("Cache-Control", NO_STORE);
            response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        } else {
            response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        }
    }
}
