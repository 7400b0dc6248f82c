package io.billfold.api.error;

/** What kind of failure an error is; the HTTP layer maps each kind to one status. */
public enum ErrorKind {
    /** The request was understood but breaks a rule (422). */
    INVALID,
    /** The resource does not exist, or belongs to another organization (404). */
    NOT_FOUND,
    /** The request conflicts with the current state (409). */
    CONFLICT,
    /** The caller may not do this (403). */
    FORBIDDEN,
    /** A dependency is not ready; the client may retry (503). */
    UNAVAILABLE
}
