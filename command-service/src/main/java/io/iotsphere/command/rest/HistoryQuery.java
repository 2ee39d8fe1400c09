package io.iotsphere.command.rest;

import io.iotsphere.command.repository.CommandSearch;
import io.iotsphere.commons.rest.Problems;
import io.iotsphere.contracts.command.CommandStatus;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** {@code ?status=&name=&from=&to=} of the history lists ({@code from}/{@code to}: RFC 3339, creation time). */
public class HistoryQuery {

    @QueryParam("status")
    @Pattern(
            regexp = "(?i)QUEUED|SENT|DELIVERED|SUCCEEDED|FAILED|TIMED_OUT|EXPIRED|CANCELLED",
            message = "must be QUEUED, SENT, DELIVERED, SUCCEEDED, FAILED, TIMED_OUT, EXPIRED or CANCELLED")
    public String status;

    @QueryParam("name")
    @Pattern(regexp = Validation.COMMAND_NAME, message = Validation.COMMAND_NAME_MESSAGE)
    public String name;

    @QueryParam("from")
    public String from;

    @QueryParam("to")
    public String to;

    public CommandSearch.Filter filter(String deviceId) {
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw Problems.badRequest("from: must be before 'to'");
        }
        CommandStatus s = status == null ? null : CommandStatus.valueOf(status.toUpperCase(Locale.ROOT));
        return new CommandSearch.Filter(deviceId, s, name, since, until);
    }

    private static Instant instant(String param, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Problems.badRequest(param + ": must be an RFC 3339 timestamp such as 2026-01-31T12:00:00Z");
        }
    }
}
