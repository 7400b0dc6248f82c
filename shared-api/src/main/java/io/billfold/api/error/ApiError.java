package io.billfold.api.error;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The API error a {@link BillfoldException} type stands for: its kind (and so its HTTP status) and its stable code.
 * Declared once on the type, so that the OpenAPI document can list the codes an endpoint may answer from the exception
 * types it raises, without writing them a second time.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiError {

    ErrorKind kind();

    String code();
}
