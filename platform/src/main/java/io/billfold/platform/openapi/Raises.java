package io.billfold.platform.openapi;

import io.billfold.api.error.BillfoldException;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The rule violations an endpoint may answer with. The OpenAPI document lists each one's status and code (from its
 * {@link io.billfold.api.error.ApiError}) as a problem response of the operation. On a controller type it applies to
 * every endpoint of it, in addition to the endpoint's own.
 */
@Documented
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Raises {

    Class<? extends BillfoldException>[] value();
}
