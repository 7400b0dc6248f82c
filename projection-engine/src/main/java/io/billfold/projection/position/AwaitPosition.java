package io.billfold.projection.position;

import io.billfold.platform.web.Problem;
import io.billfold.platform.web.ProblemWriter;
import io.billfold.platform.web.QueryParameters;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.time.Duration;

/**
 * Read-your-writes: a GET with {@code Billfold-Await-Position: n} is answered once the read models have processed
 * position {@code n} (taken from a command's {@code Billfold-Position}), or with 503 {@code not_caught_up} after the
 * wait limit.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AwaitPositionSettings.class)
class AwaitPosition implements WebMvcConfigurer, HandlerInterceptor {

    static final String HEADER = "Billfold-Await-Position";

    private final ProjectionPositions positions;
    private final ProblemWriter problems;
    private final Duration maxWait;

    AwaitPosition(ProjectionPositions positions, ProblemWriter problems, AwaitPositionSettings settings) {
        this.positions = positions;
        this.problems = problems;
        this.maxWait = settings.maxWait();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/v1/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String header = request.getHeader(HEADER);
        if (header == null || !"GET".equals(request.getMethod()) || request.getDispatcherType() == DispatcherType.ASYNC) {
            return true;
        }
        long position;
        try {
            position = Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw QueryParameters.invalid(HEADER, "must be a position from a Billfold-Position header");
        }
        if (position < 0) {
            throw QueryParameters.invalid(HEADER, "must be a position from a Billfold-Position header");
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pause = 2;
        while (!positions.processed(position)) {
            if (System.nanoTime() > deadline) {
                problems.write(response, Problem.of(503, "not_caught_up", "Service Unavailable",
                        "The read models have not reached position " + position + " yet; retry shortly"));
                return false;
            }
            sleep(pause);
            pause = Math.min(pause * 2, 10);
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
