package io.billfold.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component of an event (or of a record an event holds) that is personal data of the event's {@link DataSubject}.
 * The event store keeps it encrypted with that subject's key; once the subject is erased, readers get
 * {@link #erasedAs()} in its place.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {

    /** The placeholder readers get after erasure, as JSON: {@code null}, {@code "\"[erased]\""}, {@code "[]"}, {@code "{}"}. */
    String erasedAs() default "null";
}
