package io.mailsync.gateway.api.changes;

import io.mailsync.gateway.api.http.Caller;
import io.mailsync.gateway.api.http.CurrentCaller;
import io.mailsync.gateway.api.http.PageLimit;
import io.mailsync.gateway.api.http.PathIds;
import io.mailsync.gateway.api.http.Problem;
import io.mailsync.gateway.api.http.ProblemException;
import io.mailsync.gateway.api.http.ProblemMappers;
import io.mailsync.gateway.api.http.ProblemType;
import io.mailsync.gateway.changes.ChangeCursor;
import io.mailsync.gateway.changes.ChangeFeed;
import io.mailsync.gateway.changes.ChangePage;
import io.mailsync.gateway.changes.CursorExpired;
import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.device.DeviceService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What changed in an account, after a cursor: as pages ({@code /changes}) or live (Server-Sent Events,
 * {@code /changes/stream}). The cursor a device sends acknowledges everything up to it; the device list
 * shows it.
 */
@Path("/api/v1/accounts/{accountId}/changes")
@Tag(name = "Changes", description = "The account's change log: what other devices and the server changed")
public class ChangeResource {

    private final ChangeFeed feed;
    private final ChangeStreams streams;
    private final DeviceService devices;
    private final CurrentCaller caller;
    private final MailsyncConfig config;

    ChangeResource(ChangeFeed feed, ChangeStreams streams, DeviceService devices, CurrentCaller caller,
                   MailsyncConfig config) {
        this.feed = feed;
        this.streams = streams;
        this.devices = devices;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listChanges", summary = "Changes after a cursor, in order",
            description = "Without since, the feed starts at the oldest retained change. Follow nextCursor while "
                    + "hasMore is true; when it is false, keep nextCursor and ask again later (or open the stream). "
                    + "A cursor older than the retained log answers 410 cursor-expired: resync the mailbox, then "
                    + "start again without since.")
    @APIResponse(responseCode = "200", description = "One page of changes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangeList.class)))
    @APIResponse(responseCode = "400", description = "since is not a cursor of this account, or a bad limit")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account for this caller")
    @APIResponse(responseCode = "410", description = "The cursor is older than the retained log (cursor-expired)")
    public ChangeList list(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("accountId") String accountId,
            @Parameter(description = "Opaque cursor: a nextCursor of this feed or an id of the stream")
            @QueryParam("since") String since,
            @Parameter(description = "Page size, 1 to 500 (default 50)", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "500", defaultValue = "50"))
            @QueryParam("limit") String limit) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        int size = PageLimit.parse(limit, config.changes().defaultPageSize(), config.changes().maxPageSize());
        ChangeCursor from = since == null ? null : cursor(account, since, "since");
        ChangeCursor start = from != null ? from
                : feed.oldest(account).orElseThrow(() -> ProblemException.notFound("account"));
        ChangePage page = feed.after(start, size);
        acknowledge(from);
        return new ChangeList(page.items().stream().map(ChangeJson::of).toList(), page.last().encode(), page.hasMore());
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamChanges", summary = "The same changes, live, as Server-Sent Events",
            description = "Each event: id = cursor, event = change type, data = the change as in the feed. "
                    + "Reconnect with Last-Event-ID (or since) to resume with no gap and no duplicate; without "
                    + "either the stream starts with changes made from now on. Comment lines are heartbeats. "
                    + "A client that does not keep up is disconnected; it reconnects with Last-Event-ID.")
    @APIResponse(responseCode = "200", description = "The event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Last-Event-ID or since is not a cursor of this account")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account for this caller")
    @APIResponse(responseCode = "410", description = "The cursor is older than the retained log (cursor-expired)")
    @APIResponse(responseCode = "429", description = "This replica serves as many streams as it may")
    public void stream(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("accountId") String accountId,
            @Parameter(description = "Resume after this cursor (EventSource sends it on reconnect)")
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Parameter(description = "Resume after this cursor, when Last-Event-ID is not sent")
            @QueryParam("since") String since,
            @Context SseEventSink sink, @Context Sse sse) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        ChangeCursor from = lastEventId != null && !lastEventId.isEmpty()
                ? cursor(account, lastEventId, "Last-Event-ID")
                : since == null ? null : cursor(account, since, "since");
        ChangeCursor start;
        if (from != null) {
            // fails now, as a problem, rather than as a stream that closes at once
            feed.after(from, 1);
            start = from;
        } else {
            start = feed.latest(account).orElseThrow(() -> ProblemException.notFound("account"));
        }
        acknowledge(from);
        streams.open(start, caller.get().deviceId(), sink, sse);
    }

    @ServerExceptionMapper
    public jakarta.ws.rs.core.Response cursorExpired(CursorExpired e) {
        return ProblemMappers.response(Problem.of(ProblemType.CURSOR_EXPIRED, e.getMessage()));
    }

    private void acknowledge(ChangeCursor cursor) {
        Caller who = caller.get();
        if (cursor != null && !who.operator()) {
            devices.acknowledge(who.deviceId(), cursor.sequence());
        }
    }

    private static ChangeCursor cursor(UUID account, String text, String field) {
        ChangeCursor cursor = ChangeCursor.decode(text)
                .orElseThrow(() -> ProblemException.invalid(field, "is not a cursor this API issued"));
        if (!cursor.accountId().equals(account)) {
            throw ProblemException.invalid(field, "is a cursor of another account");
        }
        return cursor;
    }
}
