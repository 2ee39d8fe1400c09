package io.iotsphere.command;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The test run's own database of the service, read and written directly: to check what the service keeps, and to
 * leave rows as a crashed instance would have left them.
 */
final class Database {

    private Database() {}

    static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    static boolean online(String tenant, String deviceId) throws SQLException {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("SELECT online FROM devices WHERE tenant = ? AND id = ?")) {
            s.setString(1, tenant);
            s.setString(2, deviceId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Runs a statement with the given parameters; returns the rows changed. */
    static int update(String sql, Object... params) throws SQLException {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }
}
