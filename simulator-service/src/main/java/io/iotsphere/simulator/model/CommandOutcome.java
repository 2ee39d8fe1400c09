package io.iotsphere.simulator.model;

import java.util.Map;

/** What a device answers to a command: completed with a result, or failed with a reason. */
public record CommandOutcome(boolean completed, Map<String, Object> result, String error) {

    public static CommandOutcome done(Map<String, Object> result) {
        return new CommandOutcome(true, result, null);
    }

    public static CommandOutcome failed(String error) {
        return new CommandOutcome(false, null, error);
    }
}
