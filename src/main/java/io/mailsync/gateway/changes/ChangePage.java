package io.mailsync.gateway.changes;

import io.mailsync.gateway.mailbox.CommittedChange;
import java.util.List;

/** Changes after a cursor, in order; {@code last} is where the next page starts. */
public record ChangePage(List<CommittedChange> items, ChangeCursor last, boolean hasMore) {
}
