package io.billfold.command.importing;

import java.util.List;

/** A record of an import file as stored: its cells, and what was found about it set-based when the file was stored. */
record StoredRow(int rowNumber, List<String> cells, Integer duplicateOf, String duplicateColumn) {
}
