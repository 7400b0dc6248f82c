package io.billfold.api;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a cursor-paginated list: pass {@code nextCursor} as {@code starting_after} to get the next one. Each
 * list has its own record type, so that query handlers answer a concrete type.
 */
public interface ListPage<T> {

    List<T> data();

    boolean hasMore();

    String nextCursor();

    /** Makes a page record of one list type. */
    interface Factory<T, P extends ListPage<T>> {
        P create(List<T> data, boolean hasMore, String nextCursor);
    }

    /** Builds a page from rows fetched with {@code limit + 1}: the extra row only says that there is more. */
    static <T, P extends ListPage<T>> P of(List<T> fetched, int limit, Function<T, String> cursorOf,
                                           Factory<T, P> factory) {
        boolean hasMore = fetched.size() > limit;
        List<T> page = List.copyOf(hasMore ? fetched.subList(0, limit) : fetched);
        return factory.create(page, hasMore, hasMore ? cursorOf.apply(page.get(page.size() - 1)) : null);
    }
}
