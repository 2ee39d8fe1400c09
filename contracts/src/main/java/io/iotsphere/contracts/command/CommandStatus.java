package io.iotsphere.contracts.command;

/** The persisted lifecycle states of a command. */
public enum CommandStatus {
    QUEUED,
    SENT,
    DELIVERED,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    EXPIRED,
    CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == EXPIRED || this == CANCELLED;
    }
}
