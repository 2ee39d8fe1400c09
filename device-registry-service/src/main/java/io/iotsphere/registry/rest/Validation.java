package io.iotsphere.registry.rest;

/** Shapes of identifiers accepted by the API (the same as the event contracts'). */
public final class Validation {

    public static final String DEVICE_ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";
    public static final String DEVICE_ID_MESSAGE =
            "must be 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";
    public static final String TYPE_ID = "^[a-z][a-z0-9-]{0,62}$";
    public static final String TYPE_ID_MESSAGE =
            "must be 1 to 63 lower-case letters, digits or '-', starting with a letter";
    public static final String TAG = "^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$";
    public static final String TAG_MESSAGE = "must be 1 to 64 letters, digits, '.', '_', ':', '/' or '-'";
    public static final String ATTRIBUTE_KEY = "^[A-Za-z][A-Za-z0-9._-]{0,63}$";

    private Validation() {}
}
