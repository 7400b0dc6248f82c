package io.billfold.api;

import java.util.Map;

/** Who caused a change: the API key that sent the command. */
public record Actor(String id, String name) {

    /** The actor a message's metadata names (see {@link MetadataKeys}). */
    public static Actor of(Map<String, ?> metaData) {
        return new Actor((String) metaData.get(MetadataKeys.ACTOR_ID), (String) metaData.get(MetadataKeys.ACTOR_NAME));
    }
}
