package io.mailsync.gateway.api.accounts;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of accounts; {@code nextCursor} is null on the last page. */
@Schema(name = "AccountList")
public record AccountList(List<AccountView> items, @Schema(nullable = true) String nextCursor) {
}
