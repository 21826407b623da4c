package io.mailsync.gateway.pop3;

import io.mailsync.gateway.mailbox.FolderSummary;
import io.mailsync.gateway.mailbox.MessageCursor;
import io.mailsync.gateway.mailbox.MessagePage;
import io.mailsync.gateway.mailbox.MessageQuery;
import io.mailsync.gateway.mailbox.MessageSummary;
import io.mailsync.gateway.mailbox.MirrorReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Puts the IMAP model (the shared mirror) and the POP model (each POP device's maildrop) of one
 * account side by side, message by message, and counts what diverges and what POP removed from the
 * server. Bounded: the newest {@code limit} messages of the mirror and of the maildrops.
 */
@ApplicationScoped
public class ModelComparison {

    /** Most messages one comparison covers. */
    public static final int MAX_LIMIT = 1000;

    /** The IMAP state of a message: where it is in the mirror and its shared flags. */
    public record ImapState(UUID messageId, String folder, boolean seen, boolean flagged) {
    }

    /** One POP device's state of a message; {@code present} false when the message never reached its maildrop. */
    public record PopState(UUID deviceId, boolean present, boolean downloaded, boolean seen, String folder,
            boolean deleted, boolean serverCopyDeleted) {
    }

    /**
     * One message under both models; {@code imap} is null when the mirror no longer has it. {@code matchedBy}
     * says how POP3 downloads (keyed by UIDL) were found to be this mirror message.
     */
    public record Row(String reference, String subject, Instant receivedAt, ImapState imap, List<PopState> devices,
            String matchedBy) {
    }

    /** A mirror message that POP3 downloads with this UIDL are, and how that was found. */
    private record Match(UUID mirrorId, String by) {
    }

    /** A POP device of the account and its policy. */
    public record Device(UUID id, String name, DeleteFromServer deleteFromServer, Integer days) {
    }

    /** What diverges for one POP device. */
    public record DeviceSummary(UUID deviceId, int lacking, int readStateDivergent, int folderDivergent,
            int deletedOnDevice, int downloaded) {
    }

    /** The totals. */
    public record Summary(int messages, int imapMessages, List<DeviceSummary> devices, int removedFromServerByPop,
            int lostToImapDevices) {
    }

    /** The whole comparison; {@code truncated} when more messages exist than it covers. */
    public record Result(UUID accountId, List<Device> devices, List<Row> items, Summary summary, boolean truncated,
            String warning) {
    }

    private final MirrorReader sharedMirror;
    private final MirrorMatches matches;
    private final PopMaildrops maildrops;
    private final PopDevices devices;

    ModelComparison(MirrorReader sharedMirror, MirrorMatches matches, PopMaildrops maildrops, PopDevices devices) {
        this.matches = matches;
        this.sharedMirror = sharedMirror;
        this.maildrops = maildrops;
        this.devices = devices;
    }

    /** Empty when the account does not exist. */
    public Optional<Result> compare(UUID accountId, int limit) {
        Optional<List<FolderSummary>> folders = sharedMirror.folders(accountId);
        if (folders.isEmpty()) {
            return Optional.empty();
        }
        Map<UUID, String> folderPaths = new HashMap<>();
        folders.get().forEach(f -> folderPaths.put(f.id(), f.path()));

        List<MessageSummary> mirror = new ArrayList<>();
        MessageCursor cursor = null;
        boolean truncated = false;
        do {
            MessagePage page = sharedMirror.messages(accountId, new MessageQuery(null, null, null, null,
                    Math.min(MessageQuery.MAX_LIMIT, limit - mirror.size()), cursor)).orElseThrow();
            mirror.addAll(page.items());
            cursor = page.next();
        } while (cursor != null && mirror.size() < limit);
        truncated |= cursor != null;

        List<PopDevice> popDevices = devices.ofAccount(accountId).stream()
                .sorted(Comparator.comparing(PopDevice::name, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(PopDevice::id))
                .toList();
        List<MaildropMessage> rows = maildrops.allOfAccount(accountId);

        // one line per message: keyed by the mirror id; POP3 downloads (UIDL) join the mirror message they
        // are, or stand alone keyed by their UIDL (e.g. gone from the server, and so from the mirror)
        Map<String, Match> matches = matchToMirror(accountId, rows);
        Map<String, Row> lines = new LinkedHashMap<>();
        Map<String, Map<UUID, MaildropMessage>> byReference = new HashMap<>();
        Map<String, String> matchedBy = new HashMap<>();
        for (MaildropMessage m : rows) {
            String reference;
            if (m.mirrorMessageId() != null) {
                reference = m.mirrorMessageId().toString();
            } else if (matches.containsKey(m.upstreamUidl())) {
                Match match = matches.get(m.upstreamUidl());
                reference = match.mirrorId().toString();
                matchedBy.put(reference, match.by());
            } else {
                reference = "uidl:" + m.upstreamUidl();
            }
            byReference.computeIfAbsent(reference, k -> new HashMap<>()).put(m.deviceId(), m);
        }
        for (MessageSummary m : mirror) {
            lines.put(m.id().toString(), new Row(m.id().toString(), m.subject(), m.receivedAt(),
                    new ImapState(m.id(), folderPaths.get(m.folderId()), m.seen(), m.flagged()), List.of(), null));
        }
        for (Map.Entry<String, Map<UUID, MaildropMessage>> e : byReference.entrySet()) {
            if (lines.containsKey(e.getKey())) {
                continue;
            }
            if (lines.size() >= limit + mirror.size()) {
                truncated = true;
                break;
            }
            MaildropMessage any = e.getValue().values().iterator().next();
            ImapState imap = null;
            if (!e.getKey().startsWith("uidl:")) {
                // outside the newest page of the mirror, or gone from it
                imap = sharedMirror.message(accountId, UUID.fromString(e.getKey()))
                        .map(s -> new ImapState(s.summary().id(), folderPaths.get(s.summary().folderId()),
                                s.summary().seen(), s.summary().flagged()))
                        .orElse(null);
            }
            lines.put(e.getKey(), new Row(e.getKey(), any.subject(), any.receivedAt(), imap, List.of(), null));
        }

        List<Row> items = new ArrayList<>(lines.size());
        int[] lacking = new int[popDevices.size()];
        int[] read = new int[popDevices.size()];
        int[] folder = new int[popDevices.size()];
        int[] deleted = new int[popDevices.size()];
        int[] downloaded = new int[popDevices.size()];
        int removed = 0;
        int lost = 0;
        for (Row line : lines.values()) {
            Map<UUID, MaildropMessage> states = byReference.getOrDefault(line.reference(), Map.of());
            List<PopState> pop = new ArrayList<>(popDevices.size());
            boolean serverCopyDeleted = false;
            for (int i = 0; i < popDevices.size(); i++) {
                MaildropMessage m = states.get(popDevices.get(i).id());
                if (m == null) {
                    pop.add(new PopState(popDevices.get(i).id(), false, false, false, null, false, false));
                    if (line.imap() != null) {
                        lacking[i]++;
                    }
                    continue;
                }
                serverCopyDeleted |= m.serverDeletedAt() != null;
                boolean lacks = m.deleted() || (!m.downloaded() && m.serverDeletedAt() != null);
                pop.add(new PopState(m.deviceId(), !lacks, m.downloaded(), m.seen(), m.folder(), m.deleted(),
                        m.serverDeletedAt() != null));
                if (lacks) {
                    lacking[i]++;
                }
                if (m.downloaded()) {
                    downloaded[i]++;
                }
                if (m.deleted()) {
                    deleted[i]++;
                }
                if (line.imap() != null && !lacks) {
                    if (m.seen() != line.imap().seen()) {
                        read[i]++;
                    }
                    if (!sameFolder(m.folder(), line.imap().folder())) {
                        folder[i]++;
                    }
                }
            }
            if (serverCopyDeleted) {
                removed++;
                if (line.imap() == null) {
                    lost++;
                }
            }
            items.add(new Row(line.reference(),
                    line.subject(), line.receivedAt(), line.imap(), pop, matchedBy.get(line.reference())));
        }
        items.sort(Comparator.comparing(Row::receivedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Row::reference));
        List<DeviceSummary> deviceSummaries = new ArrayList<>();
        List<Device> deviceList = new ArrayList<>();
        for (int i = 0; i < popDevices.size(); i++) {
            PopDevice d = popDevices.get(i);
            deviceList.add(new Device(d.id(), d.name(), d.policy().deleteFromServer(), d.policy().days()));
            deviceSummaries.add(new DeviceSummary(d.id(), lacking[i], read[i], folder[i], deleted[i], downloaded[i]));
        }
        int imapCount = (int) items.stream().filter(r -> r.imap() != null).count();
        String warning = MixedModeRule.warning(devices.hasImapDevices(accountId), popDevices).orElse(null);
        return Optional.of(new Result(accountId, deviceList, items,
                new Summary(items.size(), imapCount, deviceSummaries, removed, lost), truncated, warning));
    }

    /**
     * Finds, for each UIDL of the account's POP3-fed maildrops, the mirror message it is: the same
     * Message-ID header (INBOX first, then the oldest), or, when one side has no Message-ID, the same size
     * and Date (to the second). Each mirror message is claimed by one UIDL at most.
     */
    private Map<String, Match> matchToMirror(UUID accountId, List<MaildropMessage> rows) {
        Map<String, MaildropMessage> byUidl = new LinkedHashMap<>();
        for (MaildropMessage m : rows) {
            if (m.mirrorMessageId() == null && m.upstreamUidl() != null) {
                byUidl.putIfAbsent(m.upstreamUidl(), m);
            }
        }
        if (byUidl.isEmpty()) {
            return Map.of();
        }
        java.util.Set<String> headers = new java.util.HashSet<>();
        java.util.Set<Long> sizes = new java.util.HashSet<>();
        for (MaildropMessage m : byUidl.values()) {
            String id = normalisedMessageId(m.messageIdHeader());
            if (id != null) {
                headers.add(id);
                headers.add("<" + id + ">");
            }
            sizes.add(m.size());
        }
        List<MirrorMatches.MatchCandidate> candidates = new ArrayList<>(matches.matchCandidates(accountId, headers,
                sizes));
        // INBOX first: a POP3 server serves the INBOX; copies elsewhere (Sent, a filed copy) come after
        candidates.sort(Comparator.comparing((MirrorMatches.MatchCandidate c) -> !c.inInbox()));
        java.util.Set<UUID> claimed = new java.util.HashSet<>();
        Map<String, Match> matches = new HashMap<>();
        for (Map.Entry<String, MaildropMessage> e : byUidl.entrySet()) {
            MaildropMessage m = e.getValue();
            String id = normalisedMessageId(m.messageIdHeader());
            MirrorMatches.MatchCandidate found = null;
            String by = null;
            if (id != null) {
                found = candidates.stream().filter(c -> !claimed.contains(c.id()))
                        .filter(c -> id.equals(normalisedMessageId(c.messageIdHeader()))).findFirst().orElse(null);
                by = "message-id";
            }
            if (found == null && m.receivedAt() != null) {
                found = candidates.stream().filter(c -> !claimed.contains(c.id()))
                        .filter(c -> id == null || normalisedMessageId(c.messageIdHeader()) == null)
                        .filter(c -> c.size() == m.size() && c.sentAt() != null
                                && Math.abs(c.sentAt().getEpochSecond() - m.receivedAt().getEpochSecond()) <= 1)
                        .findFirst().orElse(null);
                by = "size-and-date";
            }
            if (found != null) {
                claimed.add(found.id());
                matches.put(e.getKey(), new Match(found.id(), by));
            }
        }
        return matches;
    }

    private static String normalisedMessageId(String header) {
        if (header == null) {
            return null;
        }
        String id = header.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1).strip();
        }
        return id.isEmpty() ? null : id;
    }

    private static boolean sameFolder(String pop, String imap) {
        if (pop == null || imap == null) {
            return pop == null && imap == null;
        }
        return pop.equals(imap) || ("INBOX".equalsIgnoreCase(pop) && "INBOX".equalsIgnoreCase(imap));
    }
}
