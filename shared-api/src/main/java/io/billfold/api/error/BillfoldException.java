package io.billfold.api.error;

/**
 * A rule violation with a stable, machine-readable code. Thrown on either side and mapped to a problem response
 * by its {@link ErrorKind}, never by its message. Every concrete type declares its kind and code with {@link ApiError}.
 */
public abstract class BillfoldException extends RuntimeException {

    private final ErrorKind kind;
    private final String code;

    protected BillfoldException(String message) {
        super(message, null, false, false);
        ApiError error = apiErrorOf(getClass());
        this.kind = error.kind();
        this.code = error.code();
    }

    public ErrorKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** The kind and code every exception of this type carries. */
    public static ApiError apiErrorOf(Class<? extends BillfoldException> type) {
        ApiError error = type.getAnnotation(ApiError.class);
        if (error == null) {
            throw new IllegalStateException(type.getName() + " does not declare its @ApiError");
        }
        return error;
    }
}
