package io.mailsync.gateway.pop3;

import io.mailsync.gateway.mailbox.MessageContent;
import io.mailsync.gateway.mailbox.MessageCursor;
import io.mailsync.gateway.mailbox.MessageDownload;
import io.mailsync.gateway.mailbox.MessageUnavailableException.Reason;
import io.mailsync.gateway.mailbox.MessageUnavailableException;
import io.mailsync.gateway.mailbox.RawMessageReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Each POP device's own maildrop: fed from the account's source (IMAP mirror INBOX or upstream POP3),
 * holding the device's own read state, folders and deletions, and the copies it downloaded. Only the
 * device's server policy ever reaches back to the server, and only to delete what it downloaded.
 */
@ApplicationScoped
@Transactional
public class PopMaildrops {

    private static final Logger LOG = Logger.getLogger(PopMaildrops.class);
    /** Largest message a device can download through the gateway. */
    static final int MAX_MESSAGE_BYTES = 50 * 1024 * 1024;
    /** Largest maildrop fed to one device: the newest messages of the source. */
    static final int MAX_MAILDROP = 10_000;

    private final Instance<MaildropSource> sources;
    private final Clock clock;
    private final RawMessageReader keptCopies;

    public PopMaildrops(Instance<MaildropSource> sources, Clock clock, RawMessageReader keptCopies) {
        this.sources = sources;
        this.clock = clock;
        this.keptCopies = keptCopies;
    }

    /**
     * Brings the device's maildrop up to date with its source: new server messages are added, messages
     * that left the server before the device downloaded them are dropped. Downloaded copies stay.
     * The server is asked without a transaction held.
     */
    @Transactional(TxType.NOT_SUPPORTED)
    public List<MaildropMessage> refresh(PopDevice device) {
        List<SourceMessage> listed = source(device.accountId()).list(device.accountId());
        if (listed.size() > MAX_MAILDROP) {
            listed = listed.subList(listed.size() - MAX_MAILDROP, listed.size());
        }
        List<SourceMessage> onServer = listed;
        QuarkusTransaction.requiringNew().run(() -> feed(device, onServer));
        return QuarkusTransaction.requiringNew().call(() -> messages(device.id()));
    }

    private void feed(PopDevice device, List<SourceMessage> onServer) {
        Map<String, MaildropMessageEntity> known = new HashMap<>();
        for (MaildropMessageEntity e : MaildropMessageEntity.<MaildropMessageEntity>list("deviceId", device.id())) {
            known.put(e.reference(), e);
        }
        Set<String> listed = new HashSet<>();
        Instant now = now();
        for (SourceMessage m : onServer) {
            listed.add(m.reference());
            if (known.containsKey(m.reference())) {
                continue;
            }
            MaildropMessageEntity e = new MaildropMessageEntity();
            e.id = UUID.randomUUID();
            e.accountId = device.accountId();
            e.deviceId = device.id();
            e.mirrorMessageId = m.mirrorMessageId();
            e.upstreamUidl = m.uidl();
            e.messageIdHeader = bounded(m.messageIdHeader(), 1000);
            e.subject = bounded(m.subject(), 2000);
            e.fromEmail = bounded(m.from(), 500);
            e.size = m.size();
            e.receivedAt = m.receivedAt() == null ? now : m.receivedAt().truncatedTo(ChronoUnit.MICROS);
            e.addedAt = now;
            e.localFolder = "INBOX";
            e.persist();
        }
        for (MaildropMessageEntity e : known.values()) {
            if (!listed.contains(e.reference()) && e.downloadedAt == null && e.serverDeletedAt == null
                    && !e.deleted) {
                // it left the server before this device saw it: it never reached the device
                e.delete();
            }
        }
    }

    /** The messages the device sees: not deleted by it, and either downloaded or still on the server. */
    public List<MaildropMessage> messages(UUID deviceId) {
        return MaildropMessageEntity.<MaildropMessageEntity>list(
                "deviceId = ?1 and deleted = false and (downloadedAt is not null or serverDeletedAt is null) "
                        + "order by arrival", deviceId)
                .stream().map(MaildropMessageEntity::view).toList();
    }

    /** Every row of the account's maildrops, deleted ones included (for the comparison). */
    public List<MaildropMessage> allOfAccount(UUID accountId) {
        return MaildropMessageEntity.<MaildropMessageEntity>list("accountId = ?1 order by arrival", accountId)
                .stream().map(MaildropMessageEntity::view).toList();
    }

    public Optional<MaildropMessage> message(UUID deviceId, UUID messageId) {
        return MaildropMessageEntity.<MaildropMessageEntity>find("id = ?1 and deviceId = ?2", messageId, deviceId)
                .firstResultOptional().map(MaildropMessageEntity::view);
    }

    /**
     * The device downloads the message: its kept copy, or the server's, which is then kept for it.
     * Marks the message downloaded.
     *
     * @throws MessageUnavailableException when it is not the device's, or the server lost it before the download
     */
    @Transactional(TxType.NOT_SUPPORTED)
    public byte[] download(PopDevice device, UUID messageId) {
        return content(device, messageId, true);
    }

    /** The message read from the device's copy as a server's is read (REST detail); it is the device's download. */
    @Transactional(TxType.NOT_SUPPORTED)
    public MessageContent read(PopDevice device, UUID messageId) {
        return keptCopies.content(download(device, messageId));
    }

    /** One attachment of the device's copy, by the id {@link #read} gives it; it is the device's download. */
    @Transactional(TxType.NOT_SUPPORTED)
    public MessageDownload attachment(PopDevice device, UUID messageId, String attachmentId) {
        return keptCopies.attachment(download(device, messageId), attachmentId);
    }

    /** The message as {@link #download} gives it, without counting as a download (POP3 TOP). */
    @Transactional(TxType.NOT_SUPPORTED)
    public byte[] peek(PopDevice device, UUID messageId) {
        return content(device, messageId, false);
    }

    /**
     * Records that the device received the whole message through another path (a POP3 TOP that reached
     * the end of the message, as fetchmail uses): keeps the bytes it got and marks it downloaded.
     */
    @Transactional(TxType.NOT_SUPPORTED)
    public void received(PopDevice device, UUID messageId, byte[] raw) {
        QuarkusTransaction.requiringNew().run(() -> {
            MaildropMessageEntity e = MaildropMessageEntity.find("id = ?1 and deviceId = ?2", messageId, device.id())
                    .firstResult();
            if (e != null) {
                keep(messageId, raw);
                if (e.downloadedAt == null) {
                    e.downloadedAt = now();
                }
            }
        });
    }

    private byte[] content(PopDevice device, UUID messageId, boolean download) {
        MaildropMessage message = QuarkusTransaction.requiringNew().call(() -> message(device.id(), messageId))
                .filter(m -> !m.deleted())
                .orElseThrow(() -> new MessageUnavailableException(Reason.GONE, "no such message"));
        byte[] kept = QuarkusTransaction.requiringNew().call(() -> {
            MaildropContentEntity content = MaildropContentEntity.findById(messageId);
            return content == null ? null : content.raw;
        });
        if (kept == null) {
            if (message.serverDeletedAt() != null) {
                throw new MessageUnavailableException(Reason.GONE, "the message was deleted from the server");
            }
            String reference = message.mirrorMessageId() != null ? message.mirrorMessageId().toString()
                    : message.upstreamUidl();
            kept = source(device.accountId()).retrieve(device.accountId(), reference, MAX_MESSAGE_BYTES);
            if (!download) {
                return kept;
            }
            byte[] raw = kept;
            QuarkusTransaction.requiringNew().run(() -> keep(messageId, raw));
        }
        if (!download) {
            return kept;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            MaildropMessageEntity e = MaildropMessageEntity.findById(messageId);
            if (e != null && e.downloadedAt == null) {
                e.downloadedAt = now();
            }
        });
        return kept;
    }

    private void keep(UUID messageId, byte[] raw) {
        if (MaildropContentEntity.findById(messageId) == null && MaildropMessageEntity.findById(messageId) != null) {
            MaildropContentEntity content = new MaildropContentEntity();
            content.messageId = messageId;
            content.raw = raw;
            content.persist();
        }
    }

    /** The device deleted these messages (POP3 DELE committed at QUIT, or REST): gone from its maildrop only. */
    public int deleteForDevice(UUID deviceId, Collection<UUID> messageIds) {
        int count = 0;
        for (UUID id : messageIds) {
            MaildropMessageEntity e = MaildropMessageEntity.find("id = ?1 and deviceId = ?2", id, deviceId)
                    .firstResult();
            if (e != null && !e.deleted) {
                e.deleted = true;
                // the device threw its copy away
                MaildropContentEntity.deleteById(id);
                count++;
            }
        }
        return count;
    }

    /** Changes the device's own state of one message: read state and local folder; null leaves it as it is. */
    public Optional<MaildropMessage> update(UUID deviceId, UUID messageId, Boolean seen, String folder) {
        return update(deviceId, messageId, seen, null, folder, null);
    }

    /**
     * Changes the device's own state of one of the messages it sees: read state, flag and local folder;
     * null leaves a field as it is. With {@code expectedTag}, only when the state still has that tag.
     *
     * @throws StaleMaildropState when {@code expectedTag} no longer names the message's state
     */
    public Optional<MaildropMessage> update(UUID deviceId, UUID messageId, Boolean seen, Boolean flagged,
            String folder, java.util.function.Predicate<String> expectedTag) {
        MaildropMessageEntity e = visible(deviceId, messageId);
        if (e == null) {
            return Optional.empty();
        }
        if (expectedTag != null && !expectedTag.test(e.view().stateTag())) {
            throw new StaleMaildropState();
        }
        if (seen != null) {
            e.seen = seen;
        }
        if (flagged != null) {
            e.flagged = flagged;
        }
        if (folder != null) {
            e.localFolder = folder;
        }
        return Optional.of(e.view());
    }

    /**
     * The device deletes one message it sees, as a POP3 DELE committed at QUIT would: gone from its
     * maildrop only. With {@code expectedTag}, only when the state still has that tag.
     *
     * @return false when the device does not see such a message
     * @throws StaleMaildropState when {@code expectedTag} no longer names the message's state
     */
    public boolean deleteOne(UUID deviceId, UUID messageId, java.util.function.Predicate<String> expectedTag) {
        MaildropMessageEntity e = visible(deviceId, messageId);
        if (e == null) {
            return false;
        }
        if (expectedTag != null && !expectedTag.test(e.view().stateTag())) {
            throw new StaleMaildropState();
        }
        return deleteForDevice(deviceId, List.of(messageId)) == 1;
    }

    /** One message the device sees (as {@link #messages} lists it), or empty. */
    public Optional<MaildropMessage> visibleMessage(UUID deviceId, UUID messageId) {
        return Optional.ofNullable(visible(deviceId, messageId)).map(MaildropMessageEntity::view);
    }

    private static MaildropMessageEntity visible(UUID deviceId, UUID messageId) {
        return MaildropMessageEntity.<MaildropMessageEntity>find("id = ?1 and deviceId = ?2 and deleted = false "
                + "and (downloadedAt is not null or serverDeletedAt is null)", messageId, deviceId).firstResult();
    }

    /** One page of what the device sees, newest first (arrival time, then id), as the mirror's lists are. */
    public record Page(List<MaildropMessage> items, MessageCursor next) {
    }

    /**
     * The messages the device sees, newest first, filtered as the account's message list is: local
     * folder, unread, flagged, and a case-insensitive substring of subject or sender; null does not filter.
     */
    public Page page(UUID deviceId, String folder, Boolean unread, Boolean flagged, String text, int limit,
            MessageCursor after) {
        StringBuilder where = new StringBuilder("deviceId = :device and deleted = false "
                + "and (downloadedAt is not null or serverDeletedAt is null)");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("device", deviceId);
        if (folder != null) {
            where.append(" and localFolder = :folder");
            parameters.put("folder", folder);
        }
        if (unread != null) {
            where.append(" and seen = :seen");
            parameters.put("seen", !unread);
        }
        if (flagged != null) {
            where.append(" and flagged = :flagged");
            parameters.put("flagged", flagged);
        }
        if (text != null) {
            where.append(" and (lower(subject) like :text escape '!' or lower(fromEmail) like :text escape '!')");
            String escaped = text.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_");
            parameters.put("text", "%" + escaped + "%");
        }
        if (after != null) {
            where.append(" and (receivedAt < :at or (receivedAt = :at and id < :id))");
            parameters.put("at", after.receivedAt());
            parameters.put("id", after.id());
        }
        // one more than asked for tells whether a next page exists (range is inclusive)
        List<MaildropMessage> rows = MaildropMessageEntity.<MaildropMessageEntity>find(
                        where + " order by receivedAt desc, id desc", parameters)
                .range(0, limit).list().stream().map(MaildropMessageEntity::view).toList();
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        MaildropMessage last = rows.get(limit - 1);
        return new Page(rows.subList(0, limit), new MessageCursor(last.receivedAt(), last.id()));
    }

    /** Per local folder of the device: how many messages it sees there, and how many of them are unread. */
    public Map<String, long[]> folderCounts(UUID deviceId) {
        Map<String, long[]> counts = new HashMap<>();
        for (MaildropMessage m : messages(deviceId)) {
            long[] c = counts.computeIfAbsent(m.folder(), k -> new long[2]);
            c[0]++;
            if (!m.seen()) {
                c[1]++;
            }
        }
        return counts;
    }

    /**
     * Deletes from the server what the device's policy says is due by {@code now}: downloaded messages
     * whose server copy still exists. Every maildrop of the account then knows the server copy is gone.
     *
     * @return how many messages were deleted from the server
     */
    @Transactional(TxType.NOT_SUPPORTED)
    public int deleteDueFromServer(PopDevice device, Instant now) {
        if (!device.policy().deletesFromServer()) {
            return 0;
        }
        List<MaildropMessage> due = QuarkusTransaction.requiringNew().call(() ->
                MaildropMessageEntity.<MaildropMessageEntity>list(
                        "deviceId = ?1 and downloadedAt is not null and serverDeletedAt is null", device.id())
                        .stream().map(MaildropMessageEntity::view)
                        .filter(m -> !device.policy().serverDeletionDue(m.downloadedAt()).isAfter(now))
                        .toList());
        if (due.isEmpty()) {
            return 0;
        }
        List<String> references = new ArrayList<>();
        for (MaildropMessage m : due) {
            references.add(m.mirrorMessageId() != null ? m.mirrorMessageId().toString() : m.upstreamUidl());
        }
        source(device.accountId()).delete(device.accountId(), references);
        Instant at = now();
        QuarkusTransaction.requiringNew().run(() -> {
            for (MaildropMessage m : due) {
                if (m.mirrorMessageId() != null) {
                    MaildropMessageEntity.update("serverDeletedAt = ?1 where accountId = ?2 and mirrorMessageId = ?3 "
                            + "and serverDeletedAt is null", at, device.accountId(), m.mirrorMessageId());
                } else {
                    MaildropMessageEntity.update("serverDeletedAt = ?1 where accountId = ?2 and upstreamUidl = ?3 "
                            + "and serverDeletedAt is null", at, device.accountId(), m.upstreamUidl());
                }
            }
        });
        LOG.infof("POP device %s: %d message(s) deleted from the server by its policy %s", device.id(), due.size(),
                device.policy().deleteFromServer());
        return due.size();
    }

    /** Applies the device's policy at the clock's present time (QUIT of a session, the expiry schedule). */
    @Transactional(TxType.NOT_SUPPORTED)
    public int deleteDueFromServer(PopDevice device) {
        return deleteDueFromServer(device, clock.instant());
    }

    /** Accounts whose maildrops hold downloads still on the server: the only ones expiry has to look at. */
    public List<UUID> accountsWithServerCopies() {
        return MaildropMessageEntity.getEntityManager().createQuery(
                "select distinct m.accountId from MaildropMessageEntity m "
                        + "where m.downloadedAt is not null and m.serverDeletedAt is null", UUID.class)
                .getResultList();
    }

    private MaildropSource source(UUID accountId) {
        for (MaildropSource source : sources) {
            if (source.serves(accountId)) {
                return source;
            }
        }
        throw new MessageUnavailableException(Reason.GONE, "account not found");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String bounded(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
