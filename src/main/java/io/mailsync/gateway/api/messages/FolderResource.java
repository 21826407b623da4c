package io.mailsync.gateway.api.messages;

import io.mailsync.gateway.api.http.CallerMailbox;
import io.mailsync.gateway.api.http.CurrentCaller;
import io.mailsync.gateway.api.http.IdempotentPosts;
import io.mailsync.gateway.api.http.IfNoneMatch;
import io.mailsync.gateway.api.http.PathIds;
import io.mailsync.gateway.api.http.Problem;
import io.mailsync.gateway.mailbox.MailboxView;
import io.mailsync.gateway.mailbox.MailboxView.TaggedFolder;
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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Lists an account's mirrored folders and creates, renames and deletes them (written through upstream first). */
@Path("/api/v1/accounts/{accountId}/folders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Folders", description = "The folders of an upstream account, as mirrored")
public class FolderResource {

    private final CurrentCaller caller;
    private final CallerMailbox mailbox;
    private final IdempotentPosts idempotent;

    FolderResource(CurrentCaller caller, CallerMailbox mailbox, IdempotentPosts idempotent) {
        this.caller = caller;
        this.mailbox = mailbox;
        this.idempotent = idempotent;
    }

    @GET
    @Path("/{folderId}")
    @Operation(operationId = "getFolder", summary = "Get a folder",
            description = "One folder with its counts. The ETag changes when the folder is renamed or reset, not "
                    + "when messages come and go; send it as If-Match when renaming or deleting. Under the token "
                    + "of a device in POP3 mode: one of its folders (see listFolders) with its own counts.")
    @APIResponse(responseCode = "200", description = "The folder",
            headers = @Header(name = "ETag", description = "The folder's state"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FolderJson.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account or folder")
    public Response getFolder(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("accountId") String accountId,
            @Parameter(description = "Folder id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("folderId") String folderId,
            @Context HttpHeaders headers) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        TaggedFolder folder = mailbox.of(account).folder(PathIds.parse(folderId, "folder"));
        EntityTag tag = new EntityTag(folder.tag());
        if (IfNoneMatch.matches(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag.getValue())) {
            return Response.notModified(tag).build();
        }
        return Response.ok(FolderJson.of(folder.folder()), MediaType.APPLICATION_JSON_TYPE).tag(tag).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createFolder", summary = "Create a folder",
            description = "Creates the folder upstream first (CREATE), then in the mirror (folder.created). "
                    + "Idempotency-Key is honoured.")
    @APIResponse(responseCode = "201", description = "The new folder",
            headers = {@Header(name = "Location", description = "The folder's URL"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FolderJson.class)))
    @APIResponse(responseCode = "400", description = "Invalid name (line breaks, the hierarchy delimiter, * or %) or parentId")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account")
    @APIResponse(responseCode = "409", description = "A folder with that name exists, or a request with this Idempotency-Key is in progress, or the caller is a POP3-mode device")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another request")
    @APIResponse(responseCode = "502", description = "The upstream server refused")
    @APIResponse(responseCode = "504", description = "The upstream server did not answer in time")
    public Response createFolder(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("accountId") String accountId,
            @Parameter(description = "Makes a retry of this request safe") @HeaderParam(IdempotentPosts.HEADER) String key,
            @NotNull @Valid FolderRequests.Create body,
            @Context UriInfo uri) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        MailboxView.FolderChanges changes = mailbox.of(account).folderChanges();
        return idempotent.run(key, "POST /accounts/" + account + "/folders", body, () -> {
            TaggedFolder folder = changes.create(body.name(), body.parentId());
            return Response.created(uri.getAbsolutePathBuilder().path(folder.folder().id().toString()).build())
                    .entity(FolderJson.of(folder.folder())).type(MediaType.APPLICATION_JSON_TYPE)
                    .tag(new EntityTag(folder.tag())).build();
        });
    }

    @PATCH
    @Path("/{folderId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "renameFolder", summary = "Rename a folder",
            description = "Renames the folder upstream first (RENAME), then in the mirror, keeping its id and its "
                    + "subfolders' ids (folder.renamed each). INBOX cannot be renamed. If-Match is honoured.")
    @APIResponse(responseCode = "200", description = "The folder as it is now",
            headers = @Header(name = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FolderJson.class)))
    @APIResponse(responseCode = "400", description = "Invalid name")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account or folder")
    @APIResponse(responseCode = "409", description = "INBOX, or the name is taken, or the caller is a POP3-mode device")
    @APIResponse(responseCode = "412", description = "If-Match does not name the folder's current state")
    @APIResponse(responseCode = "502", description = "The upstream server refused")
    @APIResponse(responseCode = "504", description = "The upstream server did not answer in time")
    public Response renameFolder(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("accountId") String accountId,
            @Parameter(description = "Folder id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("folderId") String folderId,
            @Parameter(description = "ETag of the state this change is based on") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid FolderRequests.Rename body) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        MailboxView.FolderChanges changes = mailbox.of(account).folderChanges();
        TaggedFolder now = changes.rename(PathIds.parse(folderId, "folder"), body.name(), ifMatch);
        return Response.ok(FolderJson.of(now.folder()), MediaType.APPLICATION_JSON_TYPE).tag(new EntityTag(now.tag())).build();
    }

    @DELETE
    @Path("/{folderId}")
    // no body on success: a client that accepts only the problem type of its errors must not get 406
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "deleteFolder", summary = "Delete a folder",
            description = "Deletes the folder and its messages upstream first (DELETE), then in the mirror "
                    + "(one folder.destroyed). Folders with a role (inbox, sent, drafts, trash, junk, archive) and "
                    + "folders with subfolders are refused with 409. If-Match is honoured.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account or folder")
    @APIResponse(responseCode = "409", description = "A role folder, or it has subfolders, or the caller is a POP3-mode device")
    @APIResponse(responseCode = "412", description = "If-Match does not name the folder's current state")
    @APIResponse(responseCode = "502", description = "The upstream server refused")
    @APIResponse(responseCode = "504", description = "The upstream server did not answer in time")
    public Response deleteFolder(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("accountId") String accountId,
            @Parameter(description = "Folder id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("folderId") String folderId,
            @Parameter(description = "ETag of the state this delete is based on") @HeaderParam("If-Match") String ifMatch) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        mailbox.of(account).folderChanges().delete(PathIds.parse(folderId, "folder"), ifMatch);
        return Response.noContent().build();
    }

    @GET
    @Operation(operationId = "listFolders", summary = "List folders",
            description = "Every folder of the account, INBOX first, then by path, with its role and its total "
                    + "and unread counts. All folders fit one page. Under the token of a device in POP3 mode: the "
                    + "account's folders (same ids, names and roles) with that device's own total and unread counts, "
                    + "then the local folders only that device has; these are the folderIds its messages move to.")
    @APIResponse(responseCode = "200", description = "The folders",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FolderList.class)))
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "404", description = "No such account for this caller")
    public FolderList listFolders(
            @Parameter(description = "Account id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("accountId") String accountId) {
        UUID account = PathIds.parse(accountId, "account");
        caller.requireAccount(account);
        return new FolderList(mailbox.of(account).folders().stream().map(FolderJson::of).toList(), null);
    }
}
