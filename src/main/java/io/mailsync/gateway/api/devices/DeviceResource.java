package io.mailsync.gateway.api.devices;

import io.mailsync.gateway.api.http.Caller;
import io.mailsync.gateway.api.http.CurrentCaller;
import io.mailsync.gateway.api.http.IdempotentPosts;
import io.mailsync.gateway.api.http.PathIds;
import io.mailsync.gateway.api.http.Problem;
import io.mailsync.gateway.api.http.ProblemException;
import io.mailsync.gateway.device.DeviceService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An account's devices. The operator registers, lists, re-configures and revokes any of them. A device token may list
 * its account's devices, read one, and revoke itself (sign out); registering devices and revoking other
 * devices stay with the operator, so a stolen token can neither mint new tokens nor lock the owner out.
 */
@Path("/api/v1/accounts/{accountId}/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Devices", description = "Phones, PCs and POP3 clients that follow an account")
public class DeviceResource {

    private final DeviceService devices;
    private final CurrentCaller caller;
    private final IdempotentPosts idempotent;

    DeviceResource(DeviceService devices, CurrentCaller caller, IdempotentPosts idempotent) {
        this.devices = devices;
        this.caller = caller;
        this.idempotent = idempotent;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerDevice", summary = "Register a device and get its token (shown once)")
    @APIResponse(responseCode = "201", description = "Registered; the token is in this answer only",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RegisteredDeviceJson.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account for this caller (operator only)")
    @APIResponse(responseCode = "409", description = "The account has as many devices as allowed, the device would "
            + "mix IMAP devices with POP devices that delete from the server (mixed-mode guard; "
            + "acceptMixedModeRisk=true overrides), or a request with this Idempotency-Key is in progress")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another request")
    public Response register(@Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING,
                                     format = "uuid")) @PathParam("accountId") String accountId,
                             @Parameter(description = "Makes a retry of this request safe: the retry gets the same "
                                     + "device and token") @HeaderParam(IdempotentPosts.HEADER) String key,
                             @NotNull @Valid DeviceRequest request, @Context UriInfo uri) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        caller.requireOperator();
        return idempotent.run(key, "POST /accounts/" + account + "/devices", request, () -> {
            RegisteredDeviceJson registered = RegisteredDeviceJson.of(devices.register(account, request.toNewDevice()));
            return Response.created(uri.getAbsolutePathBuilder().path(registered.id().toString()).build())
                    .entity(registered).build();
        });
    }

    @GET
    @Operation(operationId = "listDevices", summary = "The account's devices with last activity and cursor")
    @APIResponse(responseCode = "200", description = "Every device of the account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceList.class)))
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account for this caller")
    public DeviceList list(@Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING,
            format = "uuid")) @PathParam("accountId") String accountId) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        return devices.list(account)
                .map(list -> new DeviceList(list.stream().map(DeviceJson::of).toList(), null))
                .orElseThrow(() -> ProblemException.notFound("account"));
    }

    @GET
    @Path("{deviceId}")
    @Operation(operationId = "getDevice", summary = "One device of the account")
    @APIResponse(responseCode = "200", description = "The device",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceJson.class)))
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account or device for this caller")
    public DeviceJson get(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("accountId") String accountId,
            @Parameter(description = "Device id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("deviceId") String deviceId) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        return devices.find(account, PathIds.parse(deviceId, "device")).map(DeviceJson::of)
                .orElseThrow(() -> ProblemException.notFound("device"));
    }

    @PATCH
    @Path("{deviceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateDevice", summary = "Re-configure a device: its name or its POP3 server policy",
            description = "Operator only. A new POP3 policy meets the same mixed-mode guard as registration: a policy "
                    + "that deletes from the server, on an account with IMAP devices, answers 409 unless "
                    + "acceptMixedModeRisk=true; the account then warns. A device keeps its mode (409 otherwise). "
                    + "Devices carry no version, so there is no ETag: the last re-configuration wins. A new policy "
                    + "applies to what the device downloads from then on.")
    @APIResponse(responseCode = "200", description = "The device as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceJson.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, or a POP3 policy for an IMAP device")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account or device for this caller (operator only)")
    @APIResponse(responseCode = "409", description = "The policy would mix IMAP devices with POP devices that delete "
            + "from the server (acceptMixedModeRisk=true overrides), or the body asks for another mode")
    public DeviceJson update(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("accountId") String accountId,
            @Parameter(description = "Device id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("deviceId") String deviceId,
            @NotNull @Valid DevicePatchRequest request) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        caller.requireOperator();
        UUID device = PathIds.parse(deviceId, "device");
        return devices.reconfigure(account, device, request.toChanges()).map(DeviceJson::of)
                .orElseThrow(() -> ProblemException.notFound("device"));
    }

    @DELETE
    @Path("{deviceId}")
    // no body on success: a client that accepts only the problem type of its errors must not get 406
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "revokeDevice", summary = "Revoke a device: its token stops working",
            description = "The operator may revoke any device; a device may revoke only itself (sign out).")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account or device for this caller")
    public Response revoke(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("accountId") String accountId,
            @Parameter(description = "Device id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("deviceId") String deviceId) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        UUID device = PathIds.parse(deviceId, "device");
        Caller who = caller.get();
        if (!who.operator() && !device.equals(who.deviceId())) {
            // like other operator-only actions, revoking another device does not exist for a device
            throw ProblemException.notFound("device");
        }
        if (!devices.revoke(account, device)) {
            throw ProblemException.notFound("device");
        }
        return Response.noContent().build();
    }
}
