package io.iotsphere.registry.rest;

import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.Roles;
import io.iotsphere.registry.service.CredentialService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A device's credential, and the exchange of its secret for a device token. */
@Path("/api/v1/devices/{id}")
@Tag(name = "Device credentials")
public class CredentialResource {

    /** A new secret, shown this once. */
    public record Rotated(String secret) {}

    @Inject
    CredentialService credentials;

    @Inject
    Caller caller;

    @GET
    @Path("credentials")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<CredentialView> get(@PathParam("id") String id) {
        return credentials.credential(caller.tenant(), id).map(CredentialView::of);
    }

    @POST
    @Path("credentials/rotate")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Rotated> rotate(@PathParam("id") String id) {
        return credentials.rotate(caller.tenant(), id).map(Rotated::new);
    }

    @DELETE
    @Path("credentials")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<CredentialView> revoke(@PathParam("id") String id) {
        return credentials.revoke(caller.tenant(), id).map(CredentialView::of);
    }

    /**
     * A device trades its tenant and secret for a short-lived device JWT (role {@code device}, {@code sub} = its id).
     * Any mistake answers the same 401; repeated failures answer 429 with Retry-After.
     */
    @POST
    @Path("token")
    @PermitAll
    public Uni<TokenResponse> token(
            @PathParam("id") String id,
            @NotNull(message = "tenant and secret are required") @Valid TokenRequest request) {
        return credentials.exchange(request.tenant(), id, request.secret());
    }
}
