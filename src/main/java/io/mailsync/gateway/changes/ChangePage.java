package io.mailsync.gateway.changes;

import java.util.List;

/** Changes after a cursor, in order; {@code last} is where the next page starts. */
public record ChangePage(List<ChangeEntry> items, ChangeCursor last, boolean hasMore) {
}
