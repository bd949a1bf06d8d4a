package io.nas.launcher;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresDatabaseTest {

    @Test
    void freshDatabaseIsUsableAndDroppedOnClose() throws SQLException {
        String name;
        try (PostgresDatabase database = PostgresDatabase.create("Support-Test")) {
            name = database.name();
            assertThat(name).matches("nas_support_test_[0-9a-f]{10}");
            assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/" + name);
            assertThat(database.username()).isEqualTo("postgres");
            assertThat(exists(name)).isTrue();

            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE trial (id TEXT PRIMARY KEY, accuracy DOUBLE PRECISION)");
                statement.execute("INSERT INTO trial VALUES ('t-1', 0.75)");
                try (ResultSet rows = statement.executeQuery("SELECT accuracy FROM trial WHERE id = 't-1'")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getDouble(1)).isEqualTo(0.75);
                }
            }
            // An open connection must not keep the database alive: services under test may still hold some.
            Connection leftOpen = database.connect();
            assertThat(leftOpen.isValid(1)).isTrue();
        }
        assertThat(exists(name)).isFalse();
    }

    @Test
    void longPrefixesStillGiveValidNames() {
        try (PostgresDatabase database = PostgresDatabase.create("x".repeat(80))) {
            assertThat(database.name()).hasSizeLessThanOrEqualTo(63);
        }
    }

    private static boolean exists(String name) throws SQLException {
        try (Connection connection = PostgresDatabase.adminConnection();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
