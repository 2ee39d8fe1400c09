package io.iotsphere.command;

import static io.iotsphere.contracts.command.CommandStatus.CANCELLED;
import static io.iotsphere.contracts.command.CommandStatus.DELIVERED;
import static io.iotsphere.contracts.command.CommandStatus.EXPIRED;
import static io.iotsphere.contracts.command.CommandStatus.FAILED;
import static io.iotsphere.contracts.command.CommandStatus.QUEUED;
import static io.iotsphere.contracts.command.CommandStatus.SENT;
import static io.iotsphere.contracts.command.CommandStatus.SUCCEEDED;
import static io.iotsphere.contracts.command.CommandStatus.TIMED_OUT;

import io.iotsphere.contracts.command.CommandStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The transitions a command may make. Everything else is refused: a terminal command never changes again, and a
 * duplicate or late result cannot move a command backwards.
 *
 * <pre>
 * QUEUED    → SENT, EXPIRED, CANCELLED, FAILED (device decommissioned)
 * SENT      → DELIVERED, SUCCEEDED, FAILED, TIMED_OUT, EXPIRED, CANCELLED
 * DELIVERED → SUCCEEDED, FAILED, TIMED_OUT, CANCELLED
 * TIMED_OUT → SENT (retry), DELIVERED, SUCCEEDED, FAILED (late answer, or retries exhausted), EXPIRED, CANCELLED
 * </pre>
 *
 * A device that completes without acknowledging first goes from SENT straight to SUCCEEDED. Expiry applies to
 * commands not yet delivered; once delivered, only the timeout applies.
 */
public final class Lifecycle {

    private static final Map<CommandStatus, Set<CommandStatus>> ALLOWED = Map.of(
            QUEUED, EnumSet.of(SENT, EXPIRED, CANCELLED, FAILED),
            SENT, EnumSet.of(DELIVERED, SUCCEEDED, FAILED, TIMED_OUT, EXPIRED, CANCELLED),
            DELIVERED, EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT, CANCELLED),
            TIMED_OUT, EnumSet.of(SENT, DELIVERED, SUCCEEDED, FAILED, EXPIRED, CANCELLED),
            SUCCEEDED, EnumSet.noneOf(CommandStatus.class),
            FAILED, EnumSet.noneOf(CommandStatus.class),
            EXPIRED, EnumSet.noneOf(CommandStatus.class),
            CANCELLED, EnumSet.noneOf(CommandStatus.class));

    private Lifecycle() {}

    public static boolean allowed(CommandStatus from, CommandStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /** The states a command can go to from {@code from}. */
    public static Set<CommandStatus> next(CommandStatus from) {
        return ALLOWED.get(from);
    }
}
