package io.billfold.platform.personaldata;

import java.util.function.Consumer;

/** Tells this node of every erasure committed on any node, so that what it keeps of the customer in memory goes too. */
public interface Erasures {

    /** Calls {@code listener} with the id of each erased customer (on the listening thread: it must be quick). */
    void onErasure(Consumer<String> listener);
}
