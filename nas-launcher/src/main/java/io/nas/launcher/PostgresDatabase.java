package io.nas.launcher;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fresh, empty database on the local PostgreSQL server (127.0.0.1:5432, user postgres, trust auth), dropped
 * on {@link #close()} or, if a test forgets, when the JVM exits.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final int PORT = 5432;
    private static final String USER = "postgres";
    private static final String PASSWORD = "";
    private static final int MAX_NAME_LENGTH = 63;
    private static final Set<PostgresDatabase> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> OPEN.forEach(PostgresDatabase::close), "drop-test-databases"));
    }

    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    /** Creates {@code nas_<prefix>_<random>}; the prefix is reduced to lowercase letters, digits and '_'. */
    public static PostgresDatabase create(String prefix) {
        String cleanPrefix = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String base = "nas_" + cleanPrefix;
        String name = base.substring(0, Math.min(base.length(), MAX_NAME_LENGTH - suffix.length() - 1))
                + "_" + suffix;
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
        PostgresDatabase database = new PostgresDatabase(name);
        System.out.printf("PostgreSQL database %s created on 127.0.0.1:%d%n", name, PORT);
        OPEN.add(database);
        return database;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return jdbcUrl(name);
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public Connection connect() throws SQLException {
        return open(jdbcUrl());
    }

    /** Drops the database, closing whatever connections a service still holds to it. */
    @Override
    public void close() {
        if (!OPEN.remove(this)) {
            return;
        }
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return jdbcUrl();
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    /** The driver directly, not DriverManager: Quarkus test class loaders can hide the driver from it. */
    private static Connection open(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("The PostgreSQL driver does not accept " + url);
        }
        return connection;
    }

    /** A connection to the maintenance database {@code postgres}, for CREATE and DROP DATABASE. */
    static Connection adminConnection() {
        try {
            return open(jdbcUrl("postgres"));
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable on " + HOST + ":" + PORT + " as user "
                    + USER + " (" + e.getMessage() + "). Start it with: "
                    + "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
        }
    }
}
