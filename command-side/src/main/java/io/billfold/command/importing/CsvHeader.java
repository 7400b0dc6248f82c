package io.billfold.command.importing;

import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The header record of an import file: names matched case-insensitively and without surrounding blanks. A file whose
 * header has no {@code customer_name} is not a customer file (a missing header, another delimiter), and is refused
 * whole; columns Billfold does not know are kept aside and reported with the import.
 */
record CsvHeader(List<String> columns, List<String> unknown) {

    static CsvHeader of(List<String> names) {
        List<String> columns = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            String column = name.strip().toLowerCase(Locale.ROOT);
            if (column.isEmpty()) {
                errors.add(new FieldError("header", "blank_column", "column " + (columns.size() + 1) + " has no name"));
            } else if (!seen.add(column)) {
                errors.add(new FieldError(column, "duplicate_column", "is named twice in the header"));
            } else if (!CsvColumns.ALL.contains(column)) {
                unknown.add(column);
            }
            columns.add(column);
        }
        if (!seen.contains(CsvColumns.CUSTOMER_NAME)) {
            errors.add(0, new FieldError(CsvColumns.CUSTOMER_NAME, "missing_column",
                    "the first record must be a header naming the columns, " + CsvColumns.CUSTOMER_NAME
                            + " among them, separated by commas"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        return new CsvHeader(List.copyOf(columns), List.copyOf(unknown));
    }

    int indexOf(String column) {
        return columns.indexOf(column);
    }
}
