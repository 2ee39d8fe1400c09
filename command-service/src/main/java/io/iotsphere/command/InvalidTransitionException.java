package io.iotsphere.command;

import io.iotsphere.contracts.command.CommandStatus;

/** A transition the {@link Lifecycle} refuses; the API answers it with 409. */
public class InvalidTransitionException extends RuntimeException {

    private final CommandStatus from;
    private final CommandStatus to;

    public InvalidTransitionException(String commandId, CommandStatus from, CommandStatus to) {
        super("command " + commandId + " is " + from + " and cannot become " + to);
        this.from = from;
        this.to = to;
    }

    public CommandStatus from() {
        return from;
    }

    public CommandStatus to() {
        return to;
    }
}
