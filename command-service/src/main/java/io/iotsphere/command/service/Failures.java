package io.iotsphere.command.service;

import io.vertx.pgclient.PgException;

/** Recognises database failures the services answer in a particular way. */
final class Failures {

    private Failures() {}

    /** A unique constraint refused the write (SQL state 23505), wherever in the cause chain. */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
