package io.iotsphere.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gives the test run a fresh PostgreSQL database on the local server (created at start, dropped at stop) and points
 * the service's reactive and JDBC datasources at it. Flyway of the service under test creates the schema. Use with
 * {@code @QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value =
 * "registry"))}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String prefix = "svc";
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database", prefix).replaceAll("[^a-z0-9_]", "_");
    }

    @Override
    public Map<String, String> start() {
        String host = LocalInfra.pgHost();
        int port = LocalInfra.pgPort();
        LocalInfra.requireReachable("PostgreSQL", host, port);
        database = prefix + "_" + LocalInfra.newRunId();
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            dropStale(c, s);
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + database + ": " + e.getMessage(), e);
        }
        return Map.of(
                "quarkus.datasource.username",
                user(),
                "quarkus.datasource.password",
                password(),
                "quarkus.datasource.reactive.url",
                "postgresql://" + host + ":" + port + "/" + database,
                "quarkus.datasource.jdbc.url",
                "jdbc:postgresql://" + host + ":" + port + "/" + database);
    }

    @Override
    public void stop() {
        if (database == null) {
            return;
        }
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            // A left-over database is removed by a later run once stale; a failing drop must not fail the tests.
            System.getLogger(getClass().getName())
                    .log(System.Logger.Level.WARNING, "cannot drop test database " + database, e);
        }
    }

    private static void dropStale(Connection c, Statement s) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname ~ '_t[0-9]{10}x'")) {
            while (rs.next()) {
                if (LocalInfra.isStale(rs.getString(1))) {
                    stale.add(rs.getString(1));
                }
            }
        }
        for (String name : stale) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static Connection admin() throws SQLException {
        String url = "jdbc:postgresql://" + LocalInfra.pgHost() + ":" + LocalInfra.pgPort() + "/postgres";
        return DriverManager.getConnection(url, user(), password());
    }

    private static String user() {
        return LocalInfra.get("IOTSPHERE_PG_TEST_USER", "iotsphere_test");
    }

    private static String password() {
        return LocalInfra.require("IOTSPHERE_PG_TEST_PASSWORD");
    }
}
