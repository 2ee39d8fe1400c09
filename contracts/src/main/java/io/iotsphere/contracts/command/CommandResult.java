package io.iotsphere.contracts.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Payload of {@code io.iotsphere.command.acknowledged.v1}, {@code .completed.v1} and {@code .failed.v1}: what the
 * device said about a command. {@code result} carries command output, {@code error} a failure reason.
 */
public record CommandResult(String commandId, String deviceId, JsonNode result, String error, Instant at) {}
