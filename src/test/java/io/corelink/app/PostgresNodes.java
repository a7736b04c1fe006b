package io.corelink.app;

import io.corelink.domain.Account;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/** Corelink nodes of one deployment on a shared PostgreSQL database, for the multi-node tests. */
final class PostgresNodes {
    private PostgresNodes() {
    }

    /** A node with its own data directory {@code dirs/name}, the given administrator key, on free ports. */
    static CorelinkServer start(Path dirs, String name, String url, String key, String secret,
                                UnaryOperator<ServerConfig> configure) {
        ServerConfig config = new ServerConfig(dirs.resolve(name), "127.0.0.1", 0, List.of(0), List.of(),
                new Account("us-east-1", "000000000000"), url, "postgres", null, key, secret);
        return CorelinkServer.start(configure.apply(config), Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
    }
}
