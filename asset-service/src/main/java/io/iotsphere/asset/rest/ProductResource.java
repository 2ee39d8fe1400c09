package io.iotsphere.asset.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.asset.service.ProductService;
import io.iotsphere.commons.rest.Page;
import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The products a tenant sells from its vending machines. */
@Path("/api/v1/products")
@Tag(name = "Vending inventory")
public class ProductResource {

    @Inject
    ProductService products;

    @Inject
    Bodies bodies;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RequestBody(content = @Content(schema = @Schema(implementation = ProductRequest.class)))
    public Uni<Response> create(JsonNode body) {
        ProductRequest request = bodies.read(body, ProductRequest.class);
        return products.create(caller.tenant(), request)
                .map(view -> Response.created(URI.create("/api/v1/products/" + view.id()))
                        .entity(view)
                        .build());
    }

    /** Products by name; {@code q}: part of the name or id. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Page<ProductView>> list(
            @QueryParam("category") @Size(min = 1, max = 64) String category,
            @QueryParam("q") @Size(min = 1, max = 128) String text,
            @BeanParam @Valid PageRequest page) {
        return products.list(caller.tenant(), category, text, page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<ProductView> get(@PathParam("id") String id) {
        return products.get(caller.tenant(), id);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RequestBody(content = @Content(schema = @Schema(implementation = ProductChange.class)))
    public Uni<ProductView> update(@PathParam("id") String id, JsonNode body) {
        return products.update(caller.tenant(), id, bodies.patch(body, ProductChange.class));
    }

    /** Deletes a product no slot holds. */
    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> delete(@PathParam("id") String id) {
        return products.delete(caller.tenant(), id)
                .replaceWith(Response.noContent().build());
    }
}
