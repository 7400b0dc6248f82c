package io.billfold.platform.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A list endpoint that reads {@code limit} and {@code starting_after} (see {@code QueryParameters.page}): the OpenAPI
 * document gives it both query parameters with their limits.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Paginated {
}
