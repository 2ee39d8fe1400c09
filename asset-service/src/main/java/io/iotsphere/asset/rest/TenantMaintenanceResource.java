package io.iotsphere.asset.rest;

import io.iotsphere.asset.AssetTypes;
import io.iotsphere.asset.MaintenanceRecord;
import io.iotsphere.asset.service.MaintenanceService;
import io.iotsphere.commons.rest.Page;
import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Maintenance records of all the tenant's assets (what the prediction service learns from). */
@Path("/api/v1/maintenance")
@Tag(name = "Maintenance")
public class TenantMaintenanceResource {

    @Inject
    MaintenanceService maintenance;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Page<MaintenanceView>> list(
            @QueryParam("type") @Pattern(regexp = MaintenanceRecord.TYPES, message = MaintenanceResource.TYPE_MESSAGE)
                    String type,
            @QueryParam("assetType")
                    @Pattern(regexp = AssetTypes.PATTERN, message = "must be water-heater or vending-machine")
                    String assetType,
            @QueryParam("from") @Pattern(regexp = Validation.DATE, message = Validation.DATE_MESSAGE) String from,
            @QueryParam("to") @Pattern(regexp = Validation.DATE, message = Validation.DATE_MESSAGE) String to,
            @BeanParam @Valid PageRequest page) {
        return maintenance.ofTenant(caller.tenant(), MaintenanceResource.filter(type, from, to, assetType), page);
    }
}
