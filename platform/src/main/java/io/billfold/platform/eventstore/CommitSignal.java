package io.billfold.platform.eventstore;

/**
 * The signal that events were committed: every statement that appends events ({@link PostgresEventStorageEngine})
 * also sends {@code NOTIFY billfold_events}. PostgreSQL delivers it when (and only if) the transaction commits, to
 * every listening process, once however many statements of the transaction sent it (an import chunk runs fifty
 * commands). It is what wakes the projections.
 */
public final class CommitSignal {

    /** The channel projections listen on to learn that events were committed. */
    public static final String CHANNEL = "billfold_events";

    private CommitSignal() {
    }
}
