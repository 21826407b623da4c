package io.mailsync.gateway.store;

import io.mailsync.gateway.pop3.MessageColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/** One mirrored message: the columns every stored message has, and the IMAP ones; its body stays upstream. */
@Entity
@Table(name = "message")
@DynamicUpdate
public class MessageEntity extends MessageColumns {
    @Column(name = "folder_id")
    public UUID folderId;
    public long uid;
    public Long modseq;
    public boolean answered;
    public boolean draft;
    public boolean deleted;
    /** Space-separated IMAP keywords. */
    public String keywords;
    @Column(name = "from_name")
    public String fromName;
    /** JSON array of {name, email}. */
    @Column(name = "to_json")
    public String toJson;
    @Column(name = "cc_json")
    public String ccJson;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "has_attachments")
    public boolean hasAttachments;
    public String preview;
}
