package io.billfold.command.importing;

import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * Reads an import file record by record as it arrives (never whole): UTF-8 with or without a byte order mark,
 * RFC 4180 quoting (commas, quotes and line breaks inside quoted fields), CRLF or LF line ends, empty lines ignored.
 * A file that is not such text is refused whole with 422.
 */
final class CsvFile {

    /** What a record of the file becomes; {@code row} is its record number, the header being 1. */
    interface Records {
        void header(CsvHeader header);

        void record(long row, List<String> cells);
    }

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private CsvFile() {
    }

    static void read(InputStream in, Records records) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        try {
            reader.mark(1);
            if (reader.read() != BYTE_ORDER_MARK) {
                reader.reset();
            }
            CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
            Iterator<CSVRecord> iterator = parser.iterator();
            if (!iterator.hasNext()) {
                throw invalid("empty_file", "has no header record");
            }
            records.header(CsvHeader.of(cells(iterator.next())));
            while (iterator.hasNext()) {
                CSVRecord record = iterator.next();
                records.record(record.getRecordNumber(), cells(record));
            }
        } catch (CharacterCodingException e) {
            throw notText();
        } catch (UncheckedIOException | IllegalStateException e) {
            if (causedByEncoding(e)) {
                throw notText();
            }
            throw invalid("malformed_csv", "is not valid CSV: " + e.getMessage());
        }
    }

    private static List<String> cells(CSVRecord record) {
        List<String> cells = record.toList();
        for (String cell : cells) {
            if (cell.indexOf('\u0000') >= 0) {
                throw invalid("binary_content", "contains NUL characters; it is not a text file (record "
                        + record.getRecordNumber() + ")");
            }
        }
        return cells;
    }

    private static boolean causedByEncoding(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    private static ValidationFailedException notText() {
        return invalid("invalid_encoding", "is not UTF-8 text");
    }

    private static ValidationFailedException invalid(String code, String message) {
        return new ValidationFailedException(new FieldError("file", code, message));
    }
}
