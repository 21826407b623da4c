package io.mailsync.gateway.api.pop3;

import io.mailsync.gateway.api.http.CurrentCaller;
import io.mailsync.gateway.api.http.PageLimit;
import io.mailsync.gateway.api.http.PathIds;
import io.mailsync.gateway.api.http.ProblemException;
import io.mailsync.gateway.pop3.ModelComparison.ImapState;
import io.mailsync.gateway.pop3.ModelComparison.PopState;
import io.mailsync.gateway.pop3.ModelComparison.Result;
import io.mailsync.gateway.pop3.ModelComparison;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Shows how the IMAP model and the POP model differ for one real account, message by message. */
@Path("/api/v1/accounts/{accountId}/comparison")
@Tag(name = "Comparison", description = "IMAP model versus each POP device")
public class ComparisonResource {

    static final String MARKDOWN = "text/markdown";
    private static final int DEFAULT_LIMIT = 200;

    private final ModelComparison comparison;
    private final CurrentCaller caller;

    ComparisonResource(ModelComparison comparison, CurrentCaller caller) {
        this.comparison = comparison;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, MARKDOWN})
    @Operation(operationId = "compareModels", summary = "Compare the IMAP model with each POP device",
            description = "Per message, the IMAP state (folder, seen, flagged) beside each POP device's state "
                    + "(downloaded, seen, folder, deleted, server copy deleted), newest first, and a summary: "
                    + "messages each device lacks, read-state and folder divergence, and messages POP removed from "
                    + "the server and so lost to IMAP devices. Covers the newest `limit` messages (truncated says "
                    + "when there are more). Accept: text/markdown answers a readable table. On an account with a "
                    + "POP3 endpoint, what POP devices downloaded over upstream POP3 (keyed by UIDL) is matched to "
                    + "the mirror's message by the Message-ID header, or by size and Date when one side has none "
                    + "(matchedBy), so each real message is one row.")
    @APIResponse(responseCode = "200", description = "The comparison",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ModelComparisonJson.class)),
                    @Content(mediaType = MARKDOWN, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "A bad limit")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account for this caller")
    public Response compareModels(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("accountId") String accountId,
            @Parameter(description = "Most messages covered (1 to 1000, default 200)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
            @QueryParam("limit") String limit,
            @Context HttpHeaders headers) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        int max = PageLimit.parse(limit, DEFAULT_LIMIT, ModelComparison.MAX_LIMIT);
        Result result = comparison.compare(account, max).orElseThrow(() -> ProblemException.notFound("account"));
        boolean markdown = headers.getAcceptableMediaTypes().stream()
                .anyMatch(t -> MARKDOWN.equalsIgnoreCase(t.getType() + "/" + t.getSubtype()))
                && headers.getAcceptableMediaTypes().stream().noneMatch(t -> t.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                        && !t.isWildcardType());
        if (markdown) {
            return Response.ok(markdown(result), MARKDOWN + "; charset=UTF-8").build();
        }
        return Response.ok(ModelComparisonJson.of(result), MediaType.APPLICATION_JSON).build();
    }

    static String markdown(Result r) {
        StringBuilder md = new StringBuilder();
        md.append("# IMAP model vs POP devices\n\n");
        if (r.warning() != null) {
            md.append("> **Warning:** ").append(cell(r.warning())).append("\n\n");
        }
        md.append("| Message | IMAP (folder, read, flagged) |");
        for (ModelComparison.Device d : r.devices()) {
            md.append(' ').append(cell(d.name() == null ? d.id().toString() : d.name())).append(" (POP, ")
                    .append(d.deleteFromServer()).append(d.days() == null ? "" : " " + d.days() + " days").append(") |");
        }
        md.append("\n|---|---|");
        md.append("---|".repeat(r.devices().size()));
        md.append('\n');
        for (ModelComparison.Row row : r.items()) {
            md.append("| ").append(cell(row.subject() == null ? "(no subject)" : row.subject())).append(" | ")
                    .append(imap(row.imap())).append(" |");
            for (PopState p : row.devices()) {
                md.append(' ').append(pop(p)).append(" |");
            }
            md.append('\n');
        }
        ModelComparison.Summary s = r.summary();
        md.append("\n## Summary\n\n");
        md.append("- messages compared: ").append(s.messages()).append(" (on the IMAP side: ").append(s.imapMessages())
                .append(")\n");
        md.append("- removed from the server by POP: ").append(s.removedFromServerByPop())
                .append(", of which lost to IMAP devices: ").append(s.lostToImapDevices()).append('\n');
        for (int i = 0; i < s.devices().size(); i++) {
            ModelComparison.DeviceSummary d = s.devices().get(i);
            ModelComparison.Device device = r.devices().get(i);
            md.append("- ").append(cell(device.name() == null ? d.deviceId().toString() : device.name()))
                    .append(": downloaded ").append(d.downloaded()).append(", lacks ").append(d.lacking())
                    .append(", read state differs on ").append(d.readStateDivergent())
                    .append(", folder differs on ").append(d.folderDivergent())
                    .append(", deleted on the device ").append(d.deletedOnDevice()).append('\n');
        }
        if (r.truncated()) {
            md.append("\n(more messages exist than this comparison covers; raise limit)\n");
        }
        return md.toString();
    }

    private static String imap(ImapState imap) {
        if (imap == null) {
            return "gone from the server";
        }
        return cell(imap.folder()) + ", " + (imap.seen() ? "read" : "unread") + (imap.flagged() ? ", flagged" : "");
    }

    private static String pop(PopState p) {
        if (!p.present()) {
            return p.deleted() ? "deleted on device" : (p.serverCopyDeleted() ? "lost (server copy deleted)" : "—");
        }
        StringBuilder s = new StringBuilder(p.downloaded() ? "downloaded" : "not downloaded");
        s.append(", ").append(p.seen() ? "read" : "unread").append(", ").append(cell(p.folder()));
        if (p.serverCopyDeleted()) {
            s.append(", server copy deleted");
        }
        return s.toString();
    }

    /** Table cells keep to one line and never break the table. */
    private static String cell(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("[\\r\\n\\t]+", " ").replace("|", "\\|");
    }
}
