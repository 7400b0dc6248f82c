package io.billfold.projection;

import io.billfold.projection.write.BatchedWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/** The smallest read model: one row per note written. */
@Component
@ProcessingGroup(NoteProjection.PROCESSING_GROUP)
public class NoteProjection implements ReadModel {

    public static final String PROCESSING_GROUP = "notes";

    /** The one event the test projection handles. */
    public record NoteWritten(String noteId, String text) {
    }

    private final JdbcTemplate jdbc;

    NoteProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("note");
    }

    @EventHandler
    void on(NoteWritten event) {
        BatchedWrites.queue(jdbc, 0, "insert into note (note_id, text) values (?, ?) on conflict do nothing",
                event.noteId(), event.text());
    }
}
