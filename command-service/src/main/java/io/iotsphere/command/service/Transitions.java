package io.iotsphere.command.service;

import io.iotsphere.command.Command;
import io.iotsphere.command.CommandTransition;
import io.iotsphere.command.InvalidTransitionException;
import io.iotsphere.command.Lifecycle;
import io.iotsphere.command.messaging.CommandEvents;
import io.iotsphere.contracts.Topics;
import io.iotsphere.contracts.command.CommandStatus;
import io.iotsphere.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Moves commands through their {@link Lifecycle}, inside the caller's transaction: the new state, its history row,
 * its {@code command.status-changed} event (and for SENT the {@code command.dispatched} event) commit together.
 */
@ApplicationScoped
public class Transitions {

    @Inject
    Outbox outbox;

    @Inject
    CommandMetrics metrics;

    /** Records a new command, QUEUED. */
    public Uni<Void> queued(Command c, Instant now) {
        c.status = CommandStatus.QUEUED;
        return record(c, null, CommandStatus.QUEUED, null, now);
    }

    /**
     * Moves the command to {@code to}, or throws {@link InvalidTransitionException} when its lifecycle refuses.
     * SENT starts an attempt (the attempt count goes up, its deadline is set); DELIVERED, SUCCEEDED and FAILED keep
     * what the device said; terminal states end the command.
     */
    public Uni<Void> apply(Command c, CommandStatus to, String reason, Instant now) {
        CommandStatus from = c.status;
        if (!Lifecycle.allowed(from, to)) {
            throw new InvalidTransitionException(c.id.toString(), from, to);
        }
        c.status = to;
        c.updatedAt = now;
        c.reason = reason;
        switch (to) {
            case SENT -> {
                c.attempt++;
                c.sentAt = now;
                c.deadline = now.plusSeconds(c.timeoutSeconds);
            }
            case DELIVERED -> {
                c.deliveredAt = now;
                if (c.deadline == null) {
                    // A late acknowledgement of a timed-out attempt: the device gets the timeout again.
                    c.deadline = now.plusSeconds(c.timeoutSeconds);
                }
            }
            case TIMED_OUT -> c.deadline = null;
            default -> {}
        }
        if (to.isTerminal()) {
            c.finishedAt = now;
            c.deadline = null;
            if (to == CommandStatus.SUCCEEDED) {
                metrics.succeeded(c.sentAt, now);
            }
        }
        Uni<Void> recorded = record(c, from, to, reason, now);
        if (to == CommandStatus.SENT) {
            return recorded.chain(() -> outbox.add(Topics.DEVICE_COMMANDS, CommandEvents.dispatched(c, now)));
        }
        return recorded;
    }

    private Uni<Void> record(Command c, CommandStatus from, CommandStatus to, String reason, Instant now) {
        CommandTransition t = new CommandTransition();
        t.commandId = c.id;
        t.from = from;
        t.to = to;
        t.attempt = c.attempt;
        t.reason = reason;
        t.at = now;
        metrics.transition(to);
        return t.<CommandTransition>persist()
                .chain(() -> outbox.add(Topics.COMMAND_STATUS, CommandEvents.statusChanged(c, from, to, reason, now)));
    }
}
