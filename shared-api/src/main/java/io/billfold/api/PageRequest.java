package io.billfold.api;

/** Cursor pagination of a list query: at most {@code limit} items after the item {@code startingAfter} (exclusive). */
public record PageRequest(int limit, String startingAfter) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
}
