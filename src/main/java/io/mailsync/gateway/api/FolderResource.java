package io.mailsync.gateway.api;

import io.mailsync.gateway.store.MailboxQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Lists an account's mirrored folders. */
@Path("/api/v1/accounts/{accountId}/folders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Folders", description = "The folders of an upstream account, as mirrored")
public class FolderResource {

    private final MailboxQueries queries;
    private final CurrentCaller caller;

    FolderResource(MailboxQueries queries, CurrentCaller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listFolders", summary = "List folders",
            description = "Every folder of the account, INBOX first, then by path, with its role and its total "
                    + "and unread counts. All folders fit one page.")
    @APIResponse(responseCode = "200", description = "The folders",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FolderList.class)))
    @APIResponse(responseCode = "401", description = "No or unknown bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such account for this caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FolderList listFolders(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("accountId") String accountId) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        return queries.folders(account)
                .map(folders -> new FolderList(folders.stream().map(FolderJson::of).toList(), null))
                .orElseThrow(() -> ProblemException.notFound("account"));
    }
}
