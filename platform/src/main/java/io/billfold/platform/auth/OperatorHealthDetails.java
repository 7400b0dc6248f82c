package io.billfold.platform.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.Principal;

/**
 * {@code /actuator/health} shows its details (disk path, processors, segment layout) to the platform operator only:
 * health is configured {@code show-details: when-authorized} for the role {@value #ROLE}, and this filter makes a
 * request that presents the operator key ({@code Authorization: Bearer} or {@code X-API-Key}) a principal in that
 * role. Anyone else gets the status alone, which is what load balancers and probes need.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class OperatorHealthDetails extends OncePerRequestFilter {

    static final String ROLE = "OPERATOR";
    private static final Principal OPERATOR = () -> "platform operator";

    private final String operatorKey;

    OperatorHealthDetails(KeySettings settings) {
        this.operatorKey = settings.operatorKey();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean operator = ApiKeyAuthentication.presentedKey(request)
                .map(key -> ApiKeySecrets.matches(operatorKey, key)).orElse(false);
        chain.doFilter(operator ? new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return OPERATOR;
            }

            @Override
            public boolean isUserInRole(String role) {
                return ROLE.equals(role);
            }
        } : request, response);
    }
}
