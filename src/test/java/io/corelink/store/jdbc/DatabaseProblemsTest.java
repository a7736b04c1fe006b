package io.corelink.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Why a database failed, in words an operator can act on: each cause its own sentence, no class names. */
class DatabaseProblemsTest {

    @Test
    void noPasswordAndAWrongPassword_areToldApart() {
        String none = DatabaseProblems.explain(new RuntimeException(new PSQLException(
                "The server requested SCRAM-based authentication, but no password was provided.",
                PSQLState.CONNECTION_REJECTED)));
        String wrong = DatabaseProblems.explain(new RuntimeException(new SQLException(
                "FATAL: password authentication failed for user \"corelink\"", "28P01")));
        assertThat(none).isEqualTo("the database asks for a password and none was given; set "
                + "CORELINK_DATABASE_PASSWORD or --database-password-file");
        assertThat(wrong).isEqualTo("the database refused the password of this user; check the user and the password");
    }

    @Test
    void unreachableUnknownAndMissing_eachSayWhatToCheck() {
        assertThat(DatabaseProblems.explain(new SQLException("x", "08001", new ConnectException("refused"))))
                .contains("is it running");
        assertThat(DatabaseProblems.explain(new RuntimeException(new UnknownHostException("db.invalid"))))
                .isEqualTo("the database host name does not resolve; check the host in --database-url");
        assertThat(DatabaseProblems.explain(new SQLException("database \"x\" does not exist", "3D000")))
                .isEqualTo("the database named in the URL does not exist; create it first");
        assertThat(DatabaseProblems.explain(new SQLException("[SQLITE_FULL] database or disk is full")))
                .isEqualTo("the disk holding the database is full");
        assertThat(DatabaseProblems.explain(new SQLException("something else", "XX000")))
                .isEqualTo("the database failed (SQLSTATE XX000)").doesNotContain("Exception");
        assertThat(DatabaseProblems.explain(new IllegalStateException("no SQL here"))).isEqualTo("the database failed");
    }
}
