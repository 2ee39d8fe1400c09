package io.iotsphere.contracts.device;

import java.util.List;

/** A command a device type accepts, with its parameters. */
public record CommandSpec(String name, String description, List<CommandParam> params) {}
