package io.mailsync.gateway.pop3;

import java.time.Duration;
import java.time.Instant;

/** A POP device's server policy: whether and when what it downloaded is deleted from the server. */
public record ServerPolicy(DeleteFromServer deleteFromServer, Integer days) {

    /** Longest "leave on server" period offered: ten years. */
    public static final int MAX_DAYS = 3650;

    public static final ServerPolicy KEEP = new ServerPolicy(DeleteFromServer.NEVER, null);

    public ServerPolicy {
        if (deleteFromServer == null) {
            throw new IllegalArgumentException("deleteFromServer is required");
        }
        if (deleteFromServer == DeleteFromServer.AFTER_DAYS) {
            if (days == null || days < 1 || days > MAX_DAYS) {
                throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + " for AFTER_DAYS");
            }
        } else if (days != null) {
            throw new IllegalArgumentException("days applies only to AFTER_DAYS");
        }
    }

    /** Whether anything this device downloads is ever deleted from the server (and so from other devices). */
    public boolean deletesFromServer() {
        return deleteFromServer != DeleteFromServer.NEVER;
    }

    /** When a message downloaded at {@code downloadedAt} is due for deletion from the server; null: never. */
    public Instant serverDeletionDue(Instant downloadedAt) {
        return switch (deleteFromServer) {
            case NEVER -> null;
            case AFTER_DOWNLOAD -> downloadedAt;
            case AFTER_DAYS -> downloadedAt.plus(Duration.ofDays(days));
        };
    }
}
