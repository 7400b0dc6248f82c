package io.billfold.platform.auth;

import io.billfold.platform.web.Problem;
import io.billfold.platform.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;

/**
 * Checks the caller's role against what the endpoint needs before any controller runs: 403 when it is too low.
 * Organization endpoints are closed to the operator (it belongs to no organization), operator endpoints to keys.
 */
@Configuration(proxyBeanMethods = false)
class Authorization implements WebMvcConfigurer, HandlerInterceptor {

    private final ProblemWriter problems;

    Authorization(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/v1/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        // A streamed response is dispatched again when it completes; it was authorized on its first dispatch.
        if (!(handler instanceof HandlerMethod method) || request.getDispatcherType() == DispatcherType.ASYNC) {
            return true;
        }
        Caller caller = CallerContext.current().map(CallerContext.Current::caller).orElse(null);
        if (caller != null && allowed(caller, method, request.getMethod())) {
            return true;
        }
        problems.write(response, Problem.of(403, "forbidden", "Forbidden",
                "This API key's role does not allow this request"));
        return false;
    }

    private static boolean allowed(Caller caller, HandlerMethod method, String httpMethod) {
        if (find(method, OperatorOnly.class) != null) {
            return caller.operator();
        }
        RequiredRole required = find(method, RequiredRole.class);
        Role role = required != null ? required.value()
                : "GET".equals(httpMethod) || "HEAD".equals(httpMethod) ? Role.READER : Role.WRITER;
        return caller.hasRole(role);
    }

    private static <A extends java.lang.annotation.Annotation> A find(HandlerMethod method, Class<A> type) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), type);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), type);
    }
}
