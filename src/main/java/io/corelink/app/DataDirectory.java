package io.corelink.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data directory of one server: created with mode 0700 on first start (and kept at 0700), and locked for the server's lifetime so
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

    /**
     * Opens the data directory of {@code serve}, creating it (mode 0700) when missing. An existing directory is put
     * back to mode 0700 (another local user must not read the store nor hold its lock), and the lock file is the
     * owner's alone (0600).
     *
     * @throws StartupException when the directory cannot be created, read or written, or another server holds it
     */
    public static DataDirectory open(Path path) {
        return open(path, true);
    }

    /**
     * Opens a data directory that must exist already, as the store commands need: a mistyped {@code --data-dir}
     * must be reported, not answered with a new empty store.
     *
     * @throws StartupException when it does not exist, or for any reason {@link #open(Path)} gives
     */
    public static DataDirectory openExisting(Path path) {
        return open(path, false);
    }

    private static DataDirectory open(Path path, boolean create) {
        Path dir = path.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            if (!create) {
                throw new StartupException("there is no data directory at " + dir + "; check --data-dir");
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new StartupException("cannot create the data directory " + dir + ": " + describe(e)
                        + "; choose another --data-dir");
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new StartupException("the data directory " + dir + " is not a directory; choose another --data-dir");
        }
        try {
            setMode(dir, "rwx------");
        } catch (IOException e) {
            throw new StartupException("cannot make the data directory " + dir + " private (mode 0700): "
                    + describe(e) + "; run Corelink as the directory's owner");
        }
        if (!Files.isReadable(dir) || !Files.isWritable(dir) || !Files.isExecutable(dir)) {
            throw new StartupException("the data directory " + dir + " is not readable and writable by this user");
        }
        Path lockFile = dir.resolve(LOCK_FILE);
        try {
            FileChannel channel = openLockFile(lockFile);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw new StartupException("the data directory " + dir + " is in use by another Corelink server");
            }
            return new DataDirectory(dir, channel, lock);
        } catch (IOException e) {
            throw new StartupException("cannot lock the data directory " + dir + ": " + describe(e));
        }
    }

    private static FileChannel openLockFile(Path lockFile) throws IOException {
        try {
            return FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            setMode(lockFile, "rw-------");
            return FileChannel.open(lockFile, StandardOpenOption.WRITE);
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
    }

    /** What went wrong with a file, in words (never a Java class name). */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name exists";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return "input/output error";
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
        createWithMode(temporary, mode);
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Creates an empty file that has {@code mode} from its first moment (not the umask's, then changed). */
    static void createWithMode(Path file, String mode) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
            setMode(file, mode); // the umask may have taken bits away that the mode has
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
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
