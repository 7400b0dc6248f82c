package io.billfold.api.error;

/** One invalid field of a request: {@code field} is a JSON path such as {@code address.country} or {@code tax_info[1].tax_id}. */
public record FieldError(String field, String code, String message) {
}
