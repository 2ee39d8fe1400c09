package io.iotsphere.commons.messaging;

import java.util.List;

/**
 * An incoming event that does not conform to its contract. Thrown from a consumer, it sends the record to the topic's
 * dead-letter queue (failure-strategy {@code dead-letter-queue}) with this message as the {@code dead-letter-reason}.
 */
public class InvalidEventException extends RuntimeException {

    private final List<String> problems;

    public InvalidEventException(List<String> problems) {
        super("invalid event: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
