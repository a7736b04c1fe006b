package io.corelink.store;

import java.util.Optional;

/** Small named values every node of a deployment must share, such as the key that seals page tokens. */
public interface SettingRepository {

    Optional<String> find(String name);

    /** Stores the value unless the name has one already; returns the value that is stored afterwards. */
    String putIfAbsent(String name, String value);
}
