package io.mailsync.gateway.device;

import io.mailsync.gateway.account.AccountRemoved;
import io.mailsync.gateway.config.MailsyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Tells which device a token belongs to, for the REST API (bearer token) and the POP3 listener (device id
 * and token). Lookups go by the token's SHA-256 hash; a small cache keeps them off the database, and it
 * expires quickly so that a revocation on another replica takes effect within seconds (on this replica at
 * once). Also records each device's last activity, at most once per configured interval.
 */
@ApplicationScoped
public class DeviceTokens {

    private static final Logger LOG = Logger.getLogger(DeviceTokens.class);
    /** Marks gateway device tokens, so secret scanners and people recognise a leaked one. */
    static final String PREFIX = "msd_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DeviceService devices;
    private final Duration cacheTtl;
    private final Duration activityInterval;
    private final int maxCached;
    private final Map<String, Cached> byTokenHash = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> activityRecorded = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    private record Cached(AuthenticatedDevice device, Instant expiresAt) {
    }

    DeviceTokens(DeviceService devices, MailsyncConfig config) {
        this.devices = devices;
        this.cacheTtl = config.devices().tokenCacheTtl();
        this.activityInterval = config.devices().activityInterval();
        this.maxCached = config.devices().tokenCacheSize();
    }

    /** A new 256-bit random token, base64url, with the gateway's prefix. */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The device this bearer token belongs to, or empty when it is unknown or revoked. */
    public Optional<AuthenticatedDevice> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = hash(token);
        // the key is a hash of the token, so map lookups leak nothing useful about the token itself
        String key = HexFormat.of().formatHex(hash);
        Instant now = clock.instant();
        Cached cached = byTokenHash.get(key);
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return Optional.of(cached.device());
        }
        Optional<AuthenticatedDevice> found = devices.findByTokenHash(hash);
        if (found.isPresent()) {
            if (byTokenHash.size() >= maxCached) {
                byTokenHash.values().removeIf(c -> !now.isBefore(c.expiresAt()));
                if (byTokenHash.size() >= maxCached) {
                    byTokenHash.clear();
                }
            }
            byTokenHash.put(key, new Cached(found.get(), now.plus(cacheTtl)));
        } else if (cached != null) {
            byTokenHash.remove(key);
        }
        return found;
    }

    /**
     * The device with this id, if {@code token} is its token: for logins that name the device (POP3 USER is
     * the device id, PASS the token). The comparison takes the same time wherever the hashes differ.
     */
    public Optional<AuthenticatedDevice> authenticate(UUID deviceId, String token) {
        if (deviceId == null || token == null || token.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = hash(token);
        return devices.findById(deviceId)
                .filter(d -> MessageDigest.isEqual(d.tokenHash, hash))
                .map(d -> new AuthenticatedDevice(d.id, d.accountId, d.mode));
    }

    /** Notes that the device was active now; writes to the database at most once per activity interval. */
    public void recordActivity(UUID deviceId) {
        Instant now = clock.instant();
        Instant last = activityRecorded.get(deviceId);
        if (last != null && Duration.between(last, now).compareTo(activityInterval) < 0) {
            return;
        }
        if (activityRecorded.size() >= maxCached) {
            activityRecorded.values().removeIf(at -> Duration.between(at, now).compareTo(activityInterval) >= 0);
            if (activityRecorded.size() >= maxCached) {
                activityRecorded.clear();
            }
        }
        activityRecorded.put(deviceId, now);
        try {
            devices.recordActivity(deviceId, now);
        } catch (RuntimeException e) {
            // last activity is informative: never fail the device's request over it
            LOG.warnf("could not record the activity of device %s: %s", deviceId, e.getClass().getSimpleName());
        }
    }

    void onRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeviceRevoked event) {
        byTokenHash.values().removeIf(c -> c.device().deviceId().equals(event.deviceId()));
        activityRecorded.remove(event.deviceId());
    }

    void onAccountRemoved(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountRemoved event) {
        byTokenHash.values().removeIf(c -> c.device().accountId().equals(event.accountId()));
    }
}
