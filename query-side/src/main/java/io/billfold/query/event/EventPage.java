package io.billfold.query.event;

import tools.jackson.databind.util.RawValue;

import java.util.List;

/**
 * A page of the feed, each event written as stored. {@code next_cursor} is the last event's id whenever the page has
 * one (a feed is read on from there, more or not); null on an empty page, whose reader keeps its cursor.
 */
record EventPage(List<RawValue> data, boolean hasMore, String nextCursor) {

    static EventPage of(EventFeed.Page page) {
        return new EventPage(page.bodies().stream().map(RawValue::new).toList(), page.hasMore(), page.lastId());
    }

    static EventPage empty() {
        return new EventPage(List.of(), false, null);
    }
}
