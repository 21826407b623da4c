package io.mailsync.gateway.pop3;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** One message of one POP device's maildrop, with that device's own state; never leaves the pop3 services. */
@Entity
@Table(name = "pop_maildrop_message")
public class MaildropMessageEntity extends MessageColumns {
    @Column(name = "device_id")
    public UUID deviceId;
    @Column(name = "mirror_message_id")
    public UUID mirrorMessageId;
    @Column(name = "upstream_uidl")
    public String upstreamUidl;
    @Column(name = "added_at")
    public Instant addedAt;
    @Column(name = "downloaded_at")
    public Instant downloadedAt;
    @Column(name = "local_folder")
    public String localFolder;
    public boolean deleted;
    @Column(name = "server_deleted_at")
    public Instant serverDeletedAt;
    @Column(insertable = false, updatable = false)
    @org.hibernate.annotations.Generated
    public Long arrival;
    @Version
    public long version;

    String reference() {
        return mirrorMessageId != null ? mirrorMessageId.toString() : upstreamUidl;
    }

    MaildropMessage view() {
        return new MaildropMessage(id, deviceId, mirrorMessageId, upstreamUidl, messageIdHeader, subject, fromEmail,
                size, receivedAt, downloadedAt, seen, localFolder, deleted, serverDeletedAt, flagged);
    }
}
