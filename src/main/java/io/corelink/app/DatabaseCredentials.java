package io.corelink.app;

import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The PostgreSQL user and password of {@code serve} and {@code migrate}. The password comes from
 * {@code CORELINK_DATABASE_PASSWORD} or a file ({@code --database-password-file}, first line): a password given with
 * {@code --database-password} works but is visible to every local user in {@code ps}, so it is warned about.
 */
final class DatabaseCredentials {
    @Option(names = "--database-user", paramLabel = "USER", defaultValue = "${env:CORELINK_DATABASE_USER:-}",
            description = "PostgreSQL user. Env CORELINK_DATABASE_USER.")
    String user;

    @Option(names = "--database-password", paramLabel = "PASSWORD",
            description = {"PostgreSQL password; ps shows it to local users:",
                "prefer CORELINK_DATABASE_PASSWORD or", "--database-password-file."})
    String password;

    @Option(names = "--database-password-file", paramLabel = "FILE",
            defaultValue = "${env:CORELINK_DATABASE_PASSWORD_FILE:-}",
            description = {"File whose first line is the PostgreSQL password.",
                "Env CORELINK_DATABASE_PASSWORD_FILE."})
    String passwordFile;

    @Nullable String user() {
        return StoreOptions.blankToNull(user);
    }

    /**
     * The password: the flag, else the file, else {@code CORELINK_DATABASE_PASSWORD}; null when none is given.
     *
     * @throws StartupException when the password file cannot be read
     */
    @Nullable String password(PrintStream err) {
        if (StoreOptions.blankToNull(password) != null) {
            err.println("corelink: warning: --database-password is visible to other local users (ps); prefer "
                    + "CORELINK_DATABASE_PASSWORD or --database-password-file");
            return password;
        }
        String file = StoreOptions.blankToNull(passwordFile);
        if (file != null) {
            return readFirstLine(Path.of(file));
        }
        return StoreOptions.blankToNull(System.getenv("CORELINK_DATABASE_PASSWORD"));
    }

    private static String readFirstLine(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            String line = (end < 0 ? content : content.substring(0, end)).replace("\r", "");
            if (line.isEmpty()) {
                throw new StartupException("the password file " + file + " is empty");
            }
            return line;
        } catch (IOException e) {
            throw new StartupException("cannot read the password file " + file + ": " + DataDirectory.describe(e));
        }
    }
}
