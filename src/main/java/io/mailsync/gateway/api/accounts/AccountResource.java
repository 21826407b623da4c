package io.mailsync.gateway.api.accounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.account.AccountPage;
import io.mailsync.gateway.account.AccountService;
import io.mailsync.gateway.account.UnknownCursor;
import io.mailsync.gateway.api.http.CurrentCaller;
import io.mailsync.gateway.api.http.IdempotentPosts;
import io.mailsync.gateway.api.http.PageLimit;
import io.mailsync.gateway.api.http.PathIds;
import io.mailsync.gateway.api.http.Problem;
import io.mailsync.gateway.api.http.ProblemException;
import io.mailsync.gateway.api.http.ProblemType;
import io.mailsync.gateway.pop3.MixedModeStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The operator's API for upstream accounts: register, list, inspect, remove. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {


    private final AccountService accounts;
    private final CurrentCaller caller;
    private final ObjectMapper json;
    private final IdempotentPosts idempotent;
    private final MixedModeStatus mixedMode;

    AccountResource(AccountService accounts, CurrentCaller caller, ObjectMapper json, IdempotentPosts idempotent,
                    MixedModeStatus mixedMode) {
        this.accounts = accounts;
        this.caller = caller;
        this.json = json;
        this.idempotent = idempotent;
        this.mixedMode = mixedMode;
    }

    @POST
    @Operation(operationId = "registerAccount", summary = "Register an upstream account after verifying its login")
    @APIResponse(responseCode = "201", description = "Registered; syncing starts",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "409", description = "This login on this server is already registered, or a "
            + "request with this Idempotency-Key is in progress")
    @APIResponse(responseCode = "422", description = "Upstream login refused, host not allowed, or the "
            + "Idempotency-Key was used for another request")
    @APIResponse(responseCode = "502", description = "Upstream server unreachable or failing")
    @APIResponse(responseCode = "504", description = "Upstream server did not answer in time")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@NotNull @Valid AccountRequest request, @Context UriInfo uri,
            @Parameter(description = "Makes a retry of this request safe") @HeaderParam(IdempotentPosts.HEADER) String key) {
        caller.requireOperator();
        return idempotent.run(key, "POST /accounts", request, () -> {
            AccountView view = AccountView.of(accounts.register(request.toNewAccount()));
            return Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                    .tag(etag(view)).entity(view).build();
        });
    }

    @GET
    @Operation(operationId = "listAccounts", summary = "Accounts in registration order, a page at a time")
    @APIResponse(responseCode = "200", description = "One page; follow nextCursor for the next",
            content = @Content(schema = @Schema(implementation = AccountList.class)))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    public AccountList list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        caller.requireOperator();
        if (cursor != null && (cursor.isEmpty() || cursor.length() > 200)) {
            throw new UnknownCursor();
        }
        AccountPage page = accounts.list(PageLimit.parse(limit), cursor);
        return new AccountList(page.items().stream().map(AccountView::of).toList(), page.nextCursor());
    }

    @GET
    @Path("{accountId}")
    @Operation(operationId = "getAccount", summary = "An account and its sync status")
    @APIResponse(responseCode = "200", description = "The account; ETag identifies this representation",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the If-None-Match ETag")
    @APIResponse(responseCode = "404", description = "No such account")
    public Response get(@PathParam("accountId") String accountId, @Context Request request) {
        caller.requireOperator();
        AccountView view = accounts.find(PathIds.parse(accountId, "account")).map(AccountView::of)
                .map(v -> v.withWarnings(mixedMode.warnings(v.id())))
                .orElseThrow(() -> ProblemException.notFound("account"));
        EntityTag tag = etag(view);
        Response.ResponseBuilder precondition = request.evaluatePreconditions(tag);
        if (precondition != null) {
            if (precondition.build().getStatus() == Response.Status.NOT_MODIFIED.getStatusCode()) {
                return precondition.tag(tag).build();
            }
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "the account has changed since that ETag");
        }
        return Response.ok(view).tag(tag).build();
    }

    @DELETE
    @Path("{accountId}")
    // no body on success: a client that accepts only the problem type of its errors must not get 406
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "removeAccount", summary = "Stop syncing the account and remove its mirror")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such account")
    public Response remove(@PathParam("accountId") String accountId) {
        caller.requireOperator();
        accounts.remove(PathIds.parse(accountId, "account"));
        return Response.noContent().build();
    }

    /** A strong tag over the whole representation: it changes whenever any field of the view does. */
    private EntityTag etag(AccountView view) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(view));
            return new EntityTag(Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("account view cannot be tagged", e);
        }
    }
}
