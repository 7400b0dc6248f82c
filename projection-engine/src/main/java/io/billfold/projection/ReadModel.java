package io.billfold.projection;

import java.util.List;

/**
 * A projection and the tables it owns. A replay rebuilds exactly these tables, in a schema of their own, and swaps
 * them in; the projection's handlers must write nothing else and use unqualified table names.
 */
public interface ReadModel {

    /** The processing group of the projection's event handlers, which is also its processor's name. */
    String processingGroup();

    /** Its tables, each referenced only by the projection itself, its queries and other tables of this list. */
    List<String> tables();

    /**
     * The indexes its handlers look rows up by (besides primary keys and unique constraints). A replay builds these
     * with the empty tables and the others, which only queries need, once it has caught up.
     */
    default List<String> handlerIndexes() {
        return List.of();
    }
}
