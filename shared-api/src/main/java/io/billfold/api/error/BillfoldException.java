package io.billfold.api.error;

/**
 * A rule violation with a stable, machine-readable code. Thrown on either side and mapped to a problem response
 * by its {@link ErrorKind}, never by its message.
 */
public abstract class BillfoldException extends RuntimeException {

    private final ErrorKind kind;
    private final String code;

    protected BillfoldException(ErrorKind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public ErrorKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
