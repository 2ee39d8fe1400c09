package io.iotsphere.command.rest;

/** Shapes of identifiers accepted by the API (the same as the event contracts'). */
public final class Validation {

    public static final String DEVICE_ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";
    public static final String DEVICE_ID_MESSAGE =
            "must be 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";
    public static final String COMMAND_NAME = "^[a-z][a-z0-9_]{0,63}$";
    public static final String COMMAND_NAME_MESSAGE =
            "must be 1 to 64 lower-case letters, digits or '_', starting with a letter";
    public static final String IDEMPOTENCY_KEY = "^[\\x21-\\x7E]{1,128}$";
    public static final String IDEMPOTENCY_KEY_MESSAGE = "must be 1 to 128 printable ASCII characters without spaces";
    public static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    private Validation() {}
}
