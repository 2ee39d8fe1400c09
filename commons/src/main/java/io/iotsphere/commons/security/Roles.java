package io.iotsphere.commons.security;

/** The {@code groups} a token may carry. Admins do everything, operators write and command, viewers read. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";
    public static final String DEVICE = "device";

    private Roles() {}
}
