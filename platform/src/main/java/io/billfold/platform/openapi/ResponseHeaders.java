package io.billfold.platform.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The headers an endpoint's success response always carries, for the OpenAPI document. On a controller type it
 * applies to every endpoint of it, in addition to the endpoint's own.
 */
@Documented
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ResponseHeaders {

    ResponseHeader[] value();
}
