package io.iotsphere.asset.rest;

import io.iotsphere.commons.rest.Problems;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Query parameters that bean validation checks for shape, turned into values (a 400 naming the parameter if not). */
final class Params {

    private Params() {}

    static LocalDate date(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Problems.badRequest(name + ": '" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    static UUID uuid(String value) {
        return value == null ? null : UUID.fromString(value);
    }

    static void range(String fromName, LocalDate from, String toName, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw Problems.badRequest(toName + ": " + to + " is before " + fromName + " " + from);
        }
    }
}
