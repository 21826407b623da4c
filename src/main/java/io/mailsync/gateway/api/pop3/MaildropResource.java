package io.mailsync.gateway.api.pop3;

import io.mailsync.gateway.api.http.Caller;
import io.mailsync.gateway.api.http.CurrentCaller;
import io.mailsync.gateway.api.http.PathIds;
import io.mailsync.gateway.api.http.ProblemException;
import io.mailsync.gateway.mailbox.MessageUnavailableException;
import io.mailsync.gateway.pop3.MaildropMessage;
import io.mailsync.gateway.pop3.PopDevice;
import io.mailsync.gateway.pop3.PopDevices;
import io.mailsync.gateway.pop3.PopMaildrops;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One POP device's maildrop as the operator (support) looks into it: every message with what the device
 * did to it. The device itself gets the same through the ordinary message endpoints under its own token
 * ({@link io.mailsync.gateway.pop3.MaildropViews}); these paths stay for it as aliases.
 */
@Path("/api/v1/accounts/{accountId}/devices/{deviceId}/maildrop")
@Tag(name = "POP maildrops", description = "Each POP device's own copy of the mail and its own state")
public class MaildropResource {

    /** One message of a POP device's maildrop. */
    @Schema(name = "MaildropMessage")
    public record MaildropMessageJson(UUID id, String subject, String from, long size, Instant receivedAt,
            boolean downloaded, boolean seen, boolean flagged, String folder, boolean serverCopyDeleted) {
        static MaildropMessageJson of(MaildropMessage m) {
            return new MaildropMessageJson(m.id(), m.subject(), m.from(), m.size(), m.receivedAt(), m.downloaded(),
                    m.seen(), m.flagged(), m.folder(), m.serverDeletedAt() != null);
        }
    }

    /** The device's maildrop, oldest first. */
    @Schema(name = "MaildropList")
    public record MaildropList(List<MaildropMessageJson> items, String nextCursor) {
    }

    /** The device's own state of a message to change; absent fields stay as they are. */
    @Schema(name = "MaildropMessageUpdate")
    public record MaildropUpdate(Boolean seen,
            @Size(min = 1, max = 200) @Pattern(regexp = "[^\\p{Cntrl}]+", message = "must not contain control characters")
            String folder) {
    }

    private final PopDevices devices;
    private final PopMaildrops maildrops;
    private final CurrentCaller caller;

    MaildropResource(PopDevices devices, PopMaildrops maildrops, CurrentCaller caller) {
        this.devices = devices;
        this.maildrops = maildrops;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listMaildrop", summary = "A POP device's maildrop",
            description = "Brings the maildrop up to date with the server (as a POP3 login would) and lists it, "
                    + "oldest first, with the device's own read state and folder. At most 10,000 messages. For the "
                    + "operator, or the device itself (an alias: under its own token the device gets its maildrop "
                    + "from listMessages, paginated and in the shared MessageSummary shape). Ids are the same.")
    @APIResponse(responseCode = "200", description = "The maildrop",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MaildropList.class)))
    @APIResponse(responseCode = "404", description = "No such account or POP device for this caller")
    public MaildropList listMaildrop(
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("accountId") String accountId,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("deviceId") String deviceId) {
        PopDevice device = device(accountId, deviceId);
        return new MaildropList(maildrops.refresh(device).stream().map(MaildropMessageJson::of).toList(), null);
    }

    @PATCH
    @Path("{messageId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateMaildropMessage", summary = "Change a POP device's own state of a message",
            description = "Read state and local folder of this device only: the server and other devices never see it. "
                    + "folder is a free local folder name (updateMessage with a folderId is the device's own way).")
    @APIResponse(responseCode = "200", description = "The message as the device now has it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MaildropMessageJson.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "No such account, POP device or message for this caller")
    public MaildropMessageJson updateMaildropMessage(
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("accountId") String accountId,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("deviceId") String deviceId,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("messageId") String messageId,
            @Valid MaildropUpdate update) {
        PopDevice device = device(accountId, deviceId);
        UUID message = PathIds.parse(messageId, "message");
        if (update == null) {
            throw ProblemException.invalid("body", "send seen and/or folder");
        }
        return maildrops.update(device.id(), message, update.seen(), update.folder()).map(MaildropMessageJson::of)
                .orElseThrow(() -> ProblemException.notFound("message"));
    }

    @GET
    @Path("{messageId}/raw")
    @Produces("message/rfc822")
    @Operation(operationId = "downloadMaildropMessage", summary = "Download a message into a POP device",
            description = "The device's kept copy, or the server's, which is then kept for it; counts as the "
                    + "device's download (its policy may then delete the server copy).")
    @APIResponse(responseCode = "200", description = "The message",
            content = @Content(mediaType = "message/rfc822", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such account, POP device or message, or it left the server first")
    public Response downloadMaildropMessage(
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("accountId") String accountId,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("deviceId") String deviceId,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("messageId") String messageId) {
        PopDevice device = device(accountId, deviceId);
        UUID message = PathIds.parse(messageId, "message");
        try {
            return Response.ok(maildrops.download(device, message), "message/rfc822").build();
        } catch (MessageUnavailableException e) {
            throw ProblemException.notFound("message");
        }
    }

    private PopDevice device(String accountId, String deviceId) {
        UUID account = PathIds.parse(accountId, "account");
        UUID id = PathIds.parse(deviceId, "device");
        caller.requireAccount(account);
        Caller who = caller.get();
        if (!who.operator() && !id.equals(who.deviceId())) {
            throw ProblemException.notFound("device");
        }
        return devices.ofAccount(account).stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("device"));
    }
}
