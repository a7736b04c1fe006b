package io.corelink.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The benchmark's temporary directories, deleted when the run's JVM exits: the recording rows alone leave two
 * databases of 600,000 things behind (about 1 GB a run), which filled the disk of a machine over a day of runs.
 */
final class BenchTemp {
    private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(BenchTemp::deleteQuietly),
                "bench-temp-cleanup"));
    }

    private BenchTemp() {
    }

    /** A new temporary directory named from {@code prefix}, deleted with all it holds when the JVM exits. */
    static Path directory(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        CREATED.add(dir);
        return dir;
    }

    private static void deleteQuietly(Path dir) {
        // twice: a file that vanished during the first walk ends that walk early
        deleteOnce(dir);
        deleteOnce(dir);
    }

    private static void deleteOnce(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // a file still open elsewhere: left for the system's temporary-file cleaning
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // already gone, or unreadable: nothing more to do
        }
    }
}
