package io.mailsync.gateway.account;

import java.util.List;

/** One page of accounts and the opaque cursor of the next page, or null on the last page. */
public record AccountPage(List<Account> items, String nextCursor) {
}
