package io.billfold.api.customer;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** One field of a change, with its value before and after as JSON text (rendered verbatim, null when unset). */
public record FieldChange(String field, @JsonRawValue String oldValue, @JsonRawValue String newValue) {
}
