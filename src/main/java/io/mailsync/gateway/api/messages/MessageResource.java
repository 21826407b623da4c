package io.mailsync.gateway.api.messages;

import io.mailsync.gateway.api.http.CallerMailbox;
import io.mailsync.gateway.api.http.CurrentCaller;
import io.mailsync.gateway.api.http.IdempotentPosts;
import io.mailsync.gateway.api.http.IfNoneMatch;
import io.mailsync.gateway.api.http.PageLimit;
import io.mailsync.gateway.api.http.PathIds;
import io.mailsync.gateway.api.http.Problem;
import io.mailsync.gateway.api.http.ProblemException;
import io.mailsync.gateway.api.http.ProblemType;
import io.mailsync.gateway.command.FlagChange;
import io.mailsync.gateway.mailbox.BatchResult;
import io.mailsync.gateway.mailbox.MailboxView;
import io.mailsync.gateway.mailbox.MessageCursor;
import io.mailsync.gateway.mailbox.MessageDownload;
import io.mailsync.gateway.mailbox.MessagePage;
import io.mailsync.gateway.mailbox.MessageQuery;
import io.mailsync.gateway.mailbox.StoredMessage;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerResponse;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.OptionalLong;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Reads and changes an account's messages through the caller's mailbox view ({@link CallerMailbox}): for most
 * callers lists from the mirror, details and downloads from the upstream server on demand.
 *
 * <p>A message id is stable for the life of the message in its folder. A move seen upstream
 * yields a new id (destroyed in the old folder, created in the new one) unless the gateway made
 * the move itself; a UIDVALIDITY change replaces every id of that folder (one folder.reset change).
 */
@Path("/api/v1/accounts/{accountId}/messages")
@Tag(name = "Messages", description = "Mirrored messages; bodies and attachments fetched from upstream on demand")
public class MessageResource {

    /** How every operation describes its answer to a POP device: the same schemas, from its own maildrop. */
    private static final String POP_MODE = " Under the token of a device in POP3 mode: ";

    private final CurrentCaller caller;
    private final CallerMailbox mailbox;
    private final IdempotentPosts idempotent;
    private final MessagePageCache pages;

    MessageResource(CurrentCaller caller, CallerMailbox mailbox, IdempotentPosts idempotent, MessagePageCache pages) {
        this.caller = caller;
        this.mailbox = mailbox;
        this.idempotent = idempotent;
        this.pages = pages;
    }

    @PATCH
    @Path("/{messageId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateMessage", summary = "Change a message's flags, keywords or folder",
            description = "Written through: the upstream server is changed first (UID STORE, then MOVE), then the "
                    + "mirror and the change log; 200 means the change is on the server. Send If-Match with the "
                    + "ETag of the message to change it only if nobody else did meanwhile. A move keeps the "
                    + "message id. Flags are changed before the move: if the move then fails, the flag change stands."
                    + POP_MODE + "seen, flagged and folderId (one of its folders from listFolders) change that "
                    + "device's own copy only: never the server, the shared mirror, the change log or other devices. "
                    + "keywords, addKeywords and removeKeywords are refused (400): a maildrop keeps none.")
    @APIResponse(responseCode = "200", description = "The message as it is now",
            headers = @Header(name = "ETag", description = "The message's new state"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageSummaryJson.class)))
    @APIResponse(responseCode = "400", description = "Invalid field, e.g. a keyword that is not an IMAP atom")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account or message")
    @APIResponse(responseCode = "409", description = "The folder was reset upstream")
    @APIResponse(responseCode = "412", description = "If-Match does not name the message's current state")
    @APIResponse(responseCode = "502", description = "The upstream server refused; nothing changed")
    @APIResponse(responseCode = "503", description = "The folder is busy or the server cannot serve now; nothing changed")
    @APIResponse(responseCode = "504", description = "The upstream server did not answer in time; nothing changed here")
    public Response updateMessage(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("accountId") String accountId,
            @Parameter(description = "Message id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("messageId") String messageId,
            @Parameter(description = "ETag of the state this change is based on") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid MessagePatchRequest body) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        UUID message = PathIds.parse(messageId, "message");
        StoredMessage now = mailbox.of(account).update(message, new MailboxView.MessageChange(body.seen(),
                body.flagged(), body.keywords(), body.addKeywords(), body.removeKeywords(), body.folderId()), ifMatch);
        return Response.ok(MessageSummaryJson.of(now.summary()), MediaType.APPLICATION_JSON_TYPE)
                .tag(new EntityTag(now.stateTag())).build();
    }

    @DELETE
    @Path("/{messageId}")
    @Operation(operationId = "deleteMessage", summary = "Delete a message",
            description = "Moves the message to the folder with role trash. With permanent=true, or when the "
                    + "message already is in Trash, it is expunged upstream for good (UID EXPUNGE of that message "
                    + "only). Written through like PATCH; If-Match is honoured." + POP_MODE + "the message leaves that "
                    + "device's maildrop only, as a POP3 DELE committed at QUIT does (there is no shared Trash, and "
                    + "permanent changes nothing); the server copy is deleted only when the device's policy is "
                    + "AFTER_DOWNLOAD (as after a POP3 QUIT), or later by AFTER_DAYS expiry.")
    @APIResponse(responseCode = "204", description = "Deleted upstream and in the mirror")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account or message")
    @APIResponse(responseCode = "409", description = "The account has no Trash folder (use permanent=true), or the folder was reset")
    @APIResponse(responseCode = "412", description = "If-Match does not name the message's current state")
    @APIResponse(responseCode = "502", description = "The upstream server refused; nothing changed")
    @APIResponse(responseCode = "504", description = "The upstream server did not answer in time")
    public Response deleteMessage(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("accountId") String accountId,
            @Parameter(description = "Message id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("messageId") String messageId,
            @Parameter(description = "true: expunge for good instead of moving to Trash",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("permanent") String permanent,
            @Parameter(description = "ETag of the state this delete is based on") @HeaderParam("If-Match") String ifMatch) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        UUID message = PathIds.parse(messageId, "message");
        boolean expunge = Boolean.TRUE.equals(bool("permanent", permanent));
        mailbox.of(account).delete(message, expunge, ifMatch);
        return Response.noContent().build();
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "batchMessages", summary = "Change or delete many messages at once",
            description = "One action on up to 1000 messages, grouped per folder, each group sent upstream as a "
                    + "few IMAP commands over a UID set. The answer lists every id with done, not-found or failed: "
                    + "a group whose upstream command fails leaves its messages unchanged while the others go "
                    + "through, so a client retries only the failed ids. When nothing could be done because the "
                    + "server refused or timed out, the answer is that 502/504 problem. Idempotency-Key is honoured."
                    + POP_MODE + "the same changes as PATCH and DELETE on its own maildrop; every id is done or "
                    + "not-found, never failed.")
    @APIResponse(responseCode = "200", description = "What happened to each message",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResultJson.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account")
    @APIResponse(responseCode = "409", description = "A request with this Idempotency-Key is in progress (see Retry-After)")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another request")
    @APIResponse(responseCode = "502", description = "The upstream server refused every group; nothing changed")
    @APIResponse(responseCode = "504", description = "The upstream server did not answer in time; nothing changed here")
    public Response batchMessages(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("accountId") String accountId,
            @Parameter(description = "Makes a retry of this request safe") @HeaderParam(IdempotentPosts.HEADER) String key,
            @NotNull @Valid MessageBatchRequest body) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        boolean delete = Boolean.TRUE.equals(body.delete());
        MailboxView.MessageChange change = new MailboxView.MessageChange(body.seen(), body.flagged(), body.keywords(),
                body.addKeywords(), body.removeKeywords(), body.folderId());
        // the body is checked before the Idempotency-Key is claimed, whoever's mail it is for
        FlagChange flags = FlagChange.of(change);
        if (delete && (!flags.isEmpty() || body.folderId() != null)) {
            throw ProblemException.invalid("delete", "cannot be combined with flag changes or folderId");
        }
        MailboxView view = mailbox.of(account);
        return idempotent.run(key, "POST /accounts/" + account + "/messages/batch", body, () -> {
            BatchResult result = view.batch(body.messageIds(), change, delete, Boolean.TRUE.equals(body.permanent()));
            BatchResultJson json = BatchResultJson.of(result);
            if (json.done() == 0 && json.failed() > 0) {
                BatchResult.Item first = result.items().stream()
                        .filter(i -> i.status() == BatchResult.Status.FAILED).findFirst().orElseThrow();
                boolean allSame = result.items().stream().filter(i -> i.status() == BatchResult.Status.FAILED)
                        .allMatch(i -> i.failure() == first.failure());
                if (allSame && first.failure() != BatchResult.Kind.CONFLICT) {
                    ProblemType type = switch (first.failure()) {
                        case TIMEOUT -> ProblemType.UPSTREAM_TIMEOUT;
                        case UNAVAILABLE -> ProblemType.UPSTREAM_UNAVAILABLE;
                        default -> ProblemType.UPSTREAM_FAILED;
                    };
                    throw new ProblemException(type, first.reason());
                }
            }
            return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listMessages", summary = "List messages",
            description = "Messages of the account, or of one folder, newest first (arrival time, then id), "
                    + "one page at a time. Pass the answer's nextCursor as cursor to get the next page; the "
                    + "filters must stay the same. Send If-None-Match with the ETag of a page to get 304 when "
                    + "nothing of the account's mail has changed since." + POP_MODE + "that device's own maildrop with its own read "
                    + "state, flags and folders, in the same shape, order, filters and pagination (ids are the "
                    + "device's own, not the mirror's). A first page (no cursor) brings the maildrop up to date with "
                    + "the server first, as a POP3 login does; when the server cannot be reached it lists what the "
                    + "device has. to is empty, answered, draft and hasAttachments are false, keywords is empty and "
                    + "preview is null (a maildrop keeps none of them); date is the arrival time; no ETag is given.")
    @APIResponse(responseCode = "200", description = "One page of messages",
            headers = @Header(name = "ETag", description = "Changes when anything in the account's mail changes"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageList.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match")
    @APIResponse(responseCode = "400", description = "A bad limit, cursor, filter or q (field in errors[])")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account, or folderId is not a folder of it")
    public Response listMessages(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("accountId") String accountId,
            @Parameter(description = "Only this folder's messages", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("folderId") String folderId,
            @Parameter(description = "true: only unread messages; false: only read ones",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("unread") String unread,
            @Parameter(description = "true: only flagged messages; false: only unflagged ones",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("flagged") String flagged,
            @Parameter(description = "A simple search: a case-insensitive substring of the subject, the sender's "
                    + "name or the sender's address (1 to 200 characters). It scans the account's messages "
                    + "in list order; full-text search is not offered yet.",
                    schema = @Schema(maxLength = MessageQuery.MAX_TEXT_LENGTH)) @QueryParam("q") String q,
            @Parameter(description = "Page size, 1 to 200", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "Opaque: the nextCursor of the previous page")
            @QueryParam("cursor") String cursor,
            @Context HttpHeaders headers) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        MessageQuery query = new MessageQuery(
                folderId == null || folderId.isEmpty() ? null : PathIds.parse(folderId, "folder"),
                bool("unread", unread), bool("flagged", flagged), text(q), PageLimit.parse(limit), cursor(cursor));
        MailboxView view = mailbox.of(account);
        OptionalLong version = view.listVersion();
        if (version.isEmpty()) {
            return Response.ok(list(view.messages(query))).build();
        }
        long sequence = version.getAsLong();
        EntityTag tag = new EntityTag("m" + sequence);
        if (IfNoneMatch.matches(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag.getValue())) {
            return Response.notModified(tag).build();
        }
        byte[] body = pages.page(account, query, sequence, () -> list(view.messages(query)));
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).tag(tag)
                .header("Cache-Control", "private, no-cache").build();
    }

    @GET
    @Path("/{messageId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMessage", summary = "Get a message",
            description = "The message with its headers, text and HTML bodies (decoded, each capped at 1 MiB) and "
                    + "its attachment list, fetched from the upstream server. Send If-None-Match with the ETag "
                    + "to get 304 without an upstream fetch when nothing changed." + POP_MODE + "read from the "
                    + "device's own copy, downloading it first if it has none (that counts as the device's download, "
                    + "as a POP3 RETR does); a message its device downloaded stays readable after the server copy is "
                    + "gone. Its ETag changes with the device's read state, flag and folder.")
    @APIResponse(responseCode = "200", description = "The message",
            headers = @Header(name = "ETag", description = "Changes when flags, keywords or the folder change"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MessageDetailJson.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account or message, or it is gone upstream")
    @APIResponse(responseCode = "409", description = "The folder was reset upstream (UIDVALIDITY changed): "
            + "this id is void and will be replaced; follow the changes feed")
    @APIResponse(responseCode = "422", description = "The upstream server refused the account's stored login")
    @APIResponse(responseCode = "502", description = "The upstream server refused or could not be reached")
    @APIResponse(responseCode = "503", description = "The upstream server closed the connection or cannot serve now")
    @APIResponse(responseCode = "504", description = "The upstream server did not answer in time")
    public Response getMessage(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("accountId") String accountId,
            @Parameter(description = "Message id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("messageId") String messageId,
            @Context HttpHeaders headers) {
        MailboxView view = mailbox.of(PathIds.parse(accountId, "account"));
        StoredMessage stored = view.message(PathIds.parse(messageId, "message"));
        EntityTag tag = new EntityTag(stored.stateTag());
        if (IfNoneMatch.matches(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag.getValue())) {
            return Response.notModified(tag).build();
        }
        MessageDetailJson detail = MessageDetailJson.of(stored, view.content(stored));
        return Response.ok(detail, MediaType.APPLICATION_JSON_TYPE)
                .tag(tag).header("Cache-Control", "private, no-cache").build();
    }

    @GET
    @Path("/{messageId}/raw")
    @Produces({"message/rfc822", Problem.MEDIA_TYPE})
    @Operation(operationId = "downloadRawMessage", summary = "Download the raw message",
            description = "The message exactly as the upstream server holds it (RFC 5322), streamed." + POP_MODE
                    + "the device's own copy, downloaded first if needed (counts as its download).")
    @APIResponse(responseCode = "200", description = "The message",
            content = @Content(mediaType = "message/rfc822", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account or message, or it is gone upstream")
    @APIResponse(responseCode = "409", description = "The folder was reset upstream (UIDVALIDITY changed)")
    @APIResponse(responseCode = "502", description = "The upstream server refused or could not be reached")
    @APIResponse(responseCode = "503", description = "The upstream server closed the connection or cannot serve now")
    @APIResponse(responseCode = "504", description = "The upstream server did not answer in time")
    public Response downloadRawMessage(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("accountId") String accountId,
            @Parameter(description = "Message id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("messageId") String messageId,
            @Context HttpServerResponse response) {
        MailboxView view = mailbox.of(PathIds.parse(accountId, "account"));
        UUID message = PathIds.parse(messageId, "message");
        // offered under its id, whatever name the place it comes from gives it
        return stream(view.raw(message), message + ".eml", response);
    }

    @GET
    @Path("/{messageId}/attachments/{attachmentId}")
    @Produces({MediaType.WILDCARD, Problem.MEDIA_TYPE})
    @Operation(operationId = "downloadAttachment", summary = "Download an attachment",
            description = "One attachment, decoded from its transfer encoding and streamed with its content type "
                    + "and file name (Content-Disposition: attachment, RFC 6266 with an RFC 5987 filename*)."
                    + POP_MODE + "from the device's own copy.")
    @APIResponse(responseCode = "200", description = "The attachment's bytes",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=…; filename*=UTF-8''…"),
            content = @Content(mediaType = "application/octet-stream",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account, message or attachment")
    @APIResponse(responseCode = "409", description = "The folder was reset upstream (UIDVALIDITY changed)")
    @APIResponse(responseCode = "502", description = "The upstream server refused or could not be reached")
    @APIResponse(responseCode = "503", description = "The upstream server closed the connection or cannot serve now")
    @APIResponse(responseCode = "504", description = "The upstream server did not answer in time")
    public Response downloadAttachment(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("accountId") String accountId,
            @Parameter(description = "Message id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("messageId") String messageId,
            @Parameter(description = "Attachment id from the message detail, e.g. 2 or 1.3")
            @PathParam("attachmentId") String attachmentId,
            @Context HttpServerResponse response) {
        MailboxView view = mailbox.of(PathIds.parse(accountId, "account"));
        MessageDownload download = view.attachment(PathIds.parse(messageId, "message"), attachmentId);
        return stream(download, download.filename(), response);
    }

    private static MessageList list(MessagePage page) {
        return new MessageList(page.items().stream().map(MessageSummaryJson::of).toList(),
                page.next() == null ? null : page.next().encode());
    }

    private static Response stream(MessageDownload download, String filename, HttpServerResponse response) {
        // the upstream connection goes back when the exchange ends, even when no body is written (HEAD, abort)
        // (closing talks to the server: never on the event loop)
        response.endHandler(done -> Infrastructure.getDefaultWorkerPool().execute(download::close));
        response.closeHandler(closed -> Infrastructure.getDefaultWorkerPool().execute(download::close));
        StreamingOutput body = download::writeTo;
        return Response.ok(body, download.contentType())
                .header("Content-Disposition", ContentDisposition.attachment(filename))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header("Cache-Control", "private, max-age=3600")
                .build();
    }

    private static Boolean bool(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalid(field, "must be true or false");
        };
    }

    private static String text(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        if (q.length() > MessageQuery.MAX_TEXT_LENGTH || q.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid("q", "must be 1 to " + MessageQuery.MAX_TEXT_LENGTH
                    + " printable characters");
        }
        return q.strip();
    }


    private static MessageCursor cursor(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return MessageCursor.decode(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor given out by this API; start again without it");
        }
    }
}
