package io.mailsync.gateway.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/** Metadata of one mirrored message; its body stays upstream. */
@Entity
@Table(name = "message")
@DynamicUpdate
public class MessageEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "account_id")
    public UUID accountId;
    @Column(name = "folder_id")
    public UUID folderId;
    public long uid;
    public Long modseq;
    public boolean seen;
    public boolean flagged;
    public boolean answered;
    public boolean draft;
    public boolean deleted;
    /** Space-separated IMAP keywords. */
    public String keywords;
    @Column(name = "message_id_header")
    public String messageIdHeader;
    public String subject;
    @Column(name = "from_name")
    public String fromName;
    @Column(name = "from_email")
    public String fromEmail;
    /** JSON array of {name, email}. */
    @Column(name = "to_json")
    public String toJson;
    @Column(name = "cc_json")
    public String ccJson;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "received_at")
    public Instant receivedAt;
    public long size;
    @Column(name = "has_attachments")
    public boolean hasAttachments;
    public String preview;
}
