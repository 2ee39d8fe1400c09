package io.iotsphere.asset.service;

import io.iotsphere.commons.rest.Problems;
import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

/** What a failure from the database means, looking through the wrappers Hibernate and Vert.x put around it. */
public final class Errors {

    private Errors() {}

    /** The SQLSTATE of the PostgreSQL error behind the failure, or null when there is none. */
    public static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return pg.getSqlState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    public static boolean isUniqueViolation(Throwable failure) {
        return "23505".equals(sqlState(failure));
    }

    /** Someone changed the row between our read and our write (its version moved). */
    public static boolean isOptimisticLock(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The 409 for a write that lost a race with another one. */
    public static RuntimeException changedMeanwhile(String what) {
        return Problems.conflict(what + " was changed meanwhile: read it again and retry");
    }

    /** The 409 for a {@code version} that is not the stored one. */
    public static RuntimeException versionMismatch(String what, long stored, long given) {
        return Problems.conflict(what + " is at version " + stored + ", not " + given + ": read it again and retry");
    }
}
