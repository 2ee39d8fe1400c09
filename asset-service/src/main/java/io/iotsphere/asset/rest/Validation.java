package io.iotsphere.asset.rest;

/** Shapes of identifiers and values accepted by the API. */
public final class Validation {

    /** Asset ids are device ids (the same shape as the registry's and the event contracts'). */
    public static final String ASSET_ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";

    public static final String ASSET_ID_MESSAGE =
            "must be 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";
    public static final String PRODUCT_ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$";
    public static final String PRODUCT_ID_MESSAGE =
            "must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";
    public static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    public static final String UUID_MESSAGE = "must be a UUID";
    public static final String DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    public static final String DATE_MESSAGE = "must be a date: YYYY-MM-DD";
    public static final String CURRENCY = "^[A-Z]{3}$";
    public static final String CURRENCY_MESSAGE = "must be an ISO 4217 code of three capital letters";
    public static final String SLOT_MESSAGE = "must be 1 to 32 letters, digits, '_' or '-'";

    public static final String FUEL_TYPES = "electric|natural-gas|propane|oil|heat-pump|solar";
    public static final String LOCATION_TYPES =
            "fast-food|hospital|student-center|office|specialty-shop|retail|transportation|school|other";
    public static final String USE_TYPES = "serviced|self-serve|public|employee|customer|student|patient|other";

    private Validation() {}

    /** The message of a {@code @Pattern} that allows one of the values of a {@code a|b|c} list. */
    public static String oneOf(String values) {
        return "must be one of " + values.replace("|", ", ");
    }
}
