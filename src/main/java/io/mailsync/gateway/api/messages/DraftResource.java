package io.mailsync.gateway.api.messages;

import io.mailsync.gateway.api.http.CurrentCaller;
import io.mailsync.gateway.api.http.IdempotentPosts;
import io.mailsync.gateway.api.http.PathIds;
import io.mailsync.gateway.api.http.Problem;
import io.mailsync.gateway.api.http.ProblemException;
import io.mailsync.gateway.command.DraftCommands;
import io.mailsync.gateway.mailbox.MirrorReader;
import io.mailsync.gateway.mailbox.StoredMessage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Drafts in the account's upstream Drafts folder, and sending them through its SMTP server. */
@Path("/api/v1/accounts/{accountId}/drafts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Drafts", description = "Drafts kept upstream in the Drafts folder; send through SMTP with one copy in Sent")
public class DraftResource {

    private final DraftCommands drafts;
    private final MirrorReader queries;
    private final CurrentCaller caller;
    private final IdempotentPosts idempotent;

    DraftResource(DraftCommands drafts, MirrorReader queries, CurrentCaller caller, IdempotentPosts idempotent) {
        this.drafts = drafts;
        this.queries = queries;
        this.caller = caller;
        this.idempotent = idempotent;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createDraft", summary = "Create a draft",
            description = "Builds the MIME message and APPENDs it to the Drafts folder with \\\\Draft; answers it as "
                    + "a message. 202 without a body when the Drafts folder is not mirrored yet (the draft is on "
                    + "the server and appears in the changes feed). Idempotency-Key is honoured.")
    @APIResponse(responseCode = "201", description = "The draft, as a message of the Drafts folder",
            headers = {@Header(name = "Location", description = "The message's URL"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageSummaryJson.class)))
    @APIResponse(responseCode = "202", description = "Stored upstream; not mirrored yet")
    @APIResponse(responseCode = "400", description = "Invalid field (addresses, line breaks, sizes)")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account")
    @APIResponse(responseCode = "409", description = "No Drafts folder, or a request with this Idempotency-Key is in progress")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another request")
    @APIResponse(responseCode = "502", description = "The upstream server refused")
    @APIResponse(responseCode = "504", description = "The upstream server did not answer in time")
    public Response createDraft(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("accountId") String accountId,
            @Parameter(description = "Makes a retry of this request safe") @HeaderParam(IdempotentPosts.HEADER) String key,
            @NotNull @Valid DraftRequest body) {
        UUID account = account(accountId);
        return idempotent.run(key, "POST /accounts/" + account + "/drafts", body,
                () -> answer(account, drafts.create(account, body.input(), caller.origin()), true));
    }

    @PUT
    @Path("/{messageId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceDraft", summary = "Replace a draft",
            description = "APPENDs the new version (same Message-ID), then expunges the old one; answers the new "
                    + "version, which has a new id. If-Match is honoured.")
    @APIResponse(responseCode = "200", description = "The new version",
            headers = @Header(name = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageSummaryJson.class)))
    @APIResponse(responseCode = "202", description = "Stored upstream; not mirrored yet")
    @APIResponse(responseCode = "400", description = "Invalid field")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account or draft")
    @APIResponse(responseCode = "412", description = "If-Match does not name the draft's current state")
    @APIResponse(responseCode = "502", description = "The upstream server refused")
    @APIResponse(responseCode = "504", description = "The upstream server did not answer in time")
    public Response replaceDraft(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("accountId") String accountId,
            @Parameter(description = "Message id of the draft", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("messageId") String messageId,
            @Parameter(description = "ETag of the version this one replaces") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid DraftRequest body) {
        UUID account = account(accountId);
        UUID message = PathIds.parse(messageId, "draft");
        return answer(account, drafts.replace(account, message, body.input(), ifMatch, caller.origin()), false);
    }

    @DELETE
    @Path("/{messageId}")
    // no body on success: a client that accepts only the problem type of its errors must not get 406
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "deleteDraft", summary = "Delete a draft", description = "Expunges the draft upstream for good.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account or draft")
    @APIResponse(responseCode = "412", description = "If-Match does not name the draft's current state")
    @APIResponse(responseCode = "502", description = "The upstream server refused")
    public Response deleteDraft(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("accountId") String accountId,
            @Parameter(description = "Message id of the draft", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("messageId") String messageId,
            @Parameter(description = "ETag of the state this delete is based on") @HeaderParam("If-Match") String ifMatch) {
        UUID account = account(accountId);
        drafts.delete(account, PathIds.parse(messageId, "draft"), ifMatch, caller.origin());
        return Response.noContent().build();
    }

    @POST
    @Path("/{messageId}/send")
    @Operation(operationId = "sendDraft", summary = "Send a draft",
            description = "Submits the draft through the account's SMTP endpoint with the account's login, then "
                    + "files exactly one copy in Sent (none is appended when the server filed one itself, found by "
                    + "Message-ID within mailsync.commands.sent-copy-wait) and removes the draft. Send with an "
                    + "Idempotency-Key: a retry with the same key answers the first result and never sends again.")
    @APIResponse(responseCode = "200", description = "Accepted by the SMTP server",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendResultJson.class)))
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account or draft")
    @APIResponse(responseCode = "409", description = "The account has no SMTP endpoint, the draft has no recipients, "
            + "or a request with this Idempotency-Key is in progress")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another request, or SMTP refused the login")
    @APIResponse(responseCode = "502", description = "The SMTP or IMAP server refused (e.g. a recipient); nothing was sent")
    @APIResponse(responseCode = "504", description = "The server did not answer in time")
    public Response sendDraft(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("accountId") String accountId,
            @Parameter(description = "Message id of the draft", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("messageId") String messageId,
            @Parameter(description = "Makes a retry of this request safe") @HeaderParam(IdempotentPosts.HEADER) String key) {
        UUID account = account(accountId);
        UUID message = PathIds.parse(messageId, "draft");
        return idempotent.run(key, "POST /accounts/" + account + "/drafts/" + message + "/send", null,
                () -> Response.ok(SendResultJson.of(drafts.send(account, message, caller.origin())),
                        MediaType.APPLICATION_JSON_TYPE).build());
    }

    private UUID account(String accountId) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        return account;
    }

    private Response answer(UUID account, Optional<UUID> id, boolean created) {
        if (id.isEmpty()) {
            return Response.accepted().build();
        }
        StoredMessage stored = queries.message(account, id.get()).orElseThrow(() -> ProblemException.notFound("draft"));
        Response.ResponseBuilder builder = created
                ? Response.created(URI.create("/api/v1/accounts/" + account + "/messages/" + id.get()))
                : Response.ok();
        return builder.entity(MessageSummaryJson.of(stored.summary())).type(MediaType.APPLICATION_JSON_TYPE)
                .tag(new EntityTag(stored.stateTag())).build();
    }
}
