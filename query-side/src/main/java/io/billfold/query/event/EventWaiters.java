package io.billfold.query.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Long polls of the feed ({@code wait}): each waits as a {@link DeferredResult}, holding neither a servlet thread nor
 * a database connection. When the frontier advances, one query finds which organizations (and types) got events;
 * only their waiters read their page again, on a small pool of this class's own, and answer when it is not empty.
 */
@Component
class EventWaiters implements FeedFrontier.Listener {

    private static final Logger log = LoggerFactory.getLogger(EventWaiters.class);

    /** A waiting request: what it asked for and where its answer goes. */
    record Waiter(String organizationId, long afterPosition, List<String> types, int limit,
                  DeferredResult<EventPage> result) {
        boolean wants(String type) {
            return types.isEmpty() || types.contains(type);
        }
    }

    private final JdbcTemplate jdbc;
    private final EventFeed feed;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final ExecutorService readers;

    EventWaiters(JdbcTemplate jdbc, EventFeed feed, FeedFrontier frontier) {
        this.jdbc = jdbc;
        this.feed = feed;
        AtomicInteger threads = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "event-waiter-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        frontier.addListener(this);
    }

    void await(Waiter waiter) {
        waiters.add(waiter);
        waiter.result().onCompletion(() -> waiters.remove(waiter));
    }

    int waiting() {
        return waiters.size();
    }

    @Override
    public void advanced(long from, long to) {
        if (waiters.isEmpty()) {
            return;
        }
        Set<String> arrived = new HashSet<>(jdbc.queryForList("""
                select distinct organization_id || ' ' || type from public_event where position >= ? and position < ?
                """, String.class, from, to));
        for (Waiter waiter : waiters) {
            boolean concerned = arrived.stream().anyMatch(key -> key.startsWith(waiter.organizationId() + " ")
                    && waiter.wants(key.substring(waiter.organizationId().length() + 1)));
            if (concerned) {
                readers.execute(() -> answer(waiter));
            }
        }
    }

    private void answer(Waiter waiter) {
        if (waiter.result().isSetOrExpired()) {
            return;
        }
        try {
            EventFeed.Page page = feed.page(waiter.organizationId(), waiter.afterPosition(), waiter.types(),
                    waiter.limit());
            if (!page.isEmpty()) {
                waiter.result().setResult(EventPage.of(page));
            }
        } catch (RuntimeException e) {
            log.warn("Could not answer a long poll of the event feed: {}", e.getMessage());
            waiter.result().setErrorResult(e);
        }
    }
}
