package io.billfold.projection.processing;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's JPA token store, except that query nodes starting a processor at the same time do not all create its
 * segments. Axon lets every node try, expecting the losers' inserts to fail and to be retried; but a failed insert
 * dooms the Spring transaction around it, whose commit then fails, and with it the node's start. Here a node creates
 * the segments under an advisory lock held until its transaction ends, after looking for them again, so the next
 * node finds them instead.
 */
class ProjectionTokenStore extends JpaTokenStore {

    private final JdbcTemplate jdbc;

    ProjectionTokenStore(Builder builder, JdbcTemplate jdbc) {
        super(builder);
        this.jdbc = jdbc;
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        initializeTokenSegments(processorName, segmentCount, null);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtextextended(?, 0))", Object.class,
                "token-segments:" + processorName);
        if (fetchSegments(processorName).length == 0) {
            super.initializeTokenSegments(processorName, segmentCount, initialToken);
        }
    }
}
