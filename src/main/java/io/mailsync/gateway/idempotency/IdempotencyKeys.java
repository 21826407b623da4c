package io.mailsync.gateway.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsync.gateway.account.CredentialCipher;
import io.mailsync.gateway.config.MailsyncConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Idempotency-Key bookkeeping in PostgreSQL: a key is claimed in its own committed transaction before the
 * request acts (so a concurrent duplicate sees it at once), and the answer is stored after it acted.
 * A claim whose request never completed is never re-run automatically: the gateway cannot know whether
 * it acted upstream, so such a key answers "outcome unknown" until it expires. Stored answers are
 * encrypted at rest with the credential key (a device registration's answer holds the device's token).
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** A first request running longer than this is taken as abandoned (far above every upstream timeout). */
    static final Duration IN_FLIGHT_LIMIT = Duration.ofMinutes(10);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final EntityManager em;
    private final ObjectMapper json;
    private final Duration retention;
    private final CredentialCipher cipher;

    IdempotencyKeys(EntityManager em, ObjectMapper json, MailsyncConfig config, CredentialCipher cipher) {
        this.em = em;
        this.json = json;
        this.cipher = cipher;
        this.retention = config.commands().idempotencyRetention();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public KeyClaim claim(String caller, String key, String fingerprint) {
        Instant now = Instant.now();
        int inserted = em.createNativeQuery("insert into idempotency_key (caller, idem_key, fingerprint, created_at) "
                        + "values (?1, ?2, ?3, ?4) on conflict (caller, idem_key) do nothing")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, fingerprint)
                .setParameter(4, Timestamp.from(now))
                .executeUpdate();
        if (inserted == 1) {
            return new KeyClaim(KeyClaim.State.CLAIMED, null);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select fingerprint, status, headers, body, created_at "
                        + "from idempotency_key where caller = ?1 and idem_key = ?2 for share")
                .setParameter(1, caller).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            // expired and purged between the two statements: take it
            return claim(caller, key, fingerprint);
        }
        Object[] row = rows.get(0);
        Instant created = instant(row[4]);
        if (created.isBefore(now.minus(retention))) {
            em.createNativeQuery("delete from idempotency_key where caller = ?1 and idem_key = ?2")
                    .setParameter(1, caller).setParameter(2, key).executeUpdate();
            return claim(caller, key, fingerprint);
        }
        if (!fingerprint.equals(row[0])) {
            return new KeyClaim(KeyClaim.State.MISMATCH, null);
        }
        if (row[1] == null) {
            return new KeyClaim(created.isBefore(now.minus(IN_FLIGHT_LIMIT))
                    ? KeyClaim.State.ABANDONED : KeyClaim.State.IN_FLIGHT, null);
        }
        String body = row[3] == null ? null
                : cipher.decrypt(scope(caller, key), Base64.getDecoder().decode((String) row[3]));
        return new KeyClaim(KeyClaim.State.REPLAY, new StoredAnswer(((Number) row[1]).intValue(),
                headers((String) row[2]), body));
    }

    /** Stores the answer of a claimed key. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void complete(String caller, String key, StoredAnswer answer) {
        String headers;
        try {
            headers = json.writeValueAsString(answer.headers());
        } catch (JsonProcessingException e) {
            headers = "{}";
        }
        em.createNativeQuery("update idempotency_key set status = ?1, headers = ?2, body = ?3, completed_at = ?4 "
                        + "where caller = ?5 and idem_key = ?6")
                .setParameter(1, answer.status()).setParameter(2, headers)
                .setParameter(3, answer.body() == null ? null
                        : Base64.getEncoder().encodeToString(cipher.encrypt(scope(caller, key), answer.body())))
                .setParameter(4, Timestamp.from(Instant.now())).setParameter(5, caller).setParameter(6, key)
                .executeUpdate();
    }

    /** Gives a claimed key back when the request did nothing (refused, failed upstream): a retry may act. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String caller, String key) {
        em.createNativeQuery("delete from idempotency_key where caller = ?1 and idem_key = ?2 and status is null")
                .setParameter(1, caller).setParameter(2, key).executeUpdate();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeExpired() {
        em.createNativeQuery("delete from idempotency_key where created_at < ?1")
                .setParameter(1, Timestamp.from(Instant.now().minus(retention))).executeUpdate();
    }

    /** Binds a stored answer's ciphertext to its caller and key. */
    private static UUID scope(String caller, String key) {
        return UUID.nameUUIDFromBytes((caller + "\n" + key).getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> headers(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(text, HEADERS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type");
    }
}
