package io.mailsync.gateway.events;

import java.util.List;
import java.util.UUID;

/**
 * Fired inside a relay pass once the broker has acknowledged the pass's events and before they are marked
 * sent: the window in which a crash yields duplicates (tests use it to play that crash).
 */
public record EventsAcknowledged(List<UUID> accountIds, int published) {
}
