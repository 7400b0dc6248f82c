package io.billfold.command.importing;

import io.billfold.api.error.FieldError;

import java.util.List;

/** What applying one row did; {@code errors} (fields named by column) when it failed. */
record RowResult(int rowNumber, Outcome outcome, List<FieldError> errors) {

    enum Outcome { CREATED, UPDATED, SKIPPED, FAILED }

    static RowResult failed(int rowNumber, List<FieldError> errors) {
        return new RowResult(rowNumber, Outcome.FAILED, errors);
    }
}
