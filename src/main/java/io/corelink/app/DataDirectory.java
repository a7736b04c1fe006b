package io.corelink.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The data directory of one server: created with mode 0700 on first start, and locked for the server's lifetime so
 * that a second server on the same directory refuses to start instead of corrupting it. The lock is an OS file lock,
 * released by the OS when the process dies.
 */
public final class DataDirectory implements AutoCloseable {
    static final String LOCK_FILE = "corelink.lock";
    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** @throws StartupException when the directory cannot be created, read or written, or another server holds it */
    public static DataDirectory open(Path path) {
        Path dir = path.toAbsolutePath().normalize();
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir);
                setMode(dir, "rwx------");
            }
            if (!Files.isDirectory(dir)) {
                throw new StartupException("data directory " + dir + " is not a directory");
            }
            if (!Files.isReadable(dir) || !Files.isWritable(dir) || !Files.isExecutable(dir)) {
                throw new StartupException("data directory " + dir + " is not readable and writable");
            }
            FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new StartupException("data directory " + dir + " is in use by another Corelink server");
            }
            return new DataDirectory(dir, channel, lock);
        } catch (AccessDeniedException e) {
            throw new StartupException("data directory " + dir + " is not accessible: permission denied");
        } catch (IOException e) {
            throw new StartupException("cannot use data directory " + dir + ": " + e.getClass().getSimpleName());
        }
    }

    public Path path() {
        return path;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    /**
     * Replaces {@code file} with {@code content} in one step (a temporary file with {@code mode}, then an atomic
     * move), so that a crash leaves the old content or the new, never a part.
     */
    static void writeAtomically(Path file, String content, String mode) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary);
        setMode(temporary, mode);
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Sets a POSIX mode where the file system has them. */
    static void setMode(Path file, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException e) {
            // Not POSIX (Windows): the directory keeps the ACLs it inherits.
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // The OS drops the lock with the process anyway.
        }
    }
}
