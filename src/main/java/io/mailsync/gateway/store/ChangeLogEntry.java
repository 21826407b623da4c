package io.mailsync.gateway.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One numbered row of an account's change log. */
@Entity
@Table(name = "change_log")
public class ChangeLogEntry extends PanacheEntityBase {
    @EmbeddedId
    public Key key;
    /** {@link io.mailsync.gateway.mailbox.ChangeType#wireName()}. */
    public String type;
    @Column(name = "object_id")
    public UUID objectId;
    @Column(name = "folder_id")
    public UUID folderId;
    public String origin;
    /** JSON object, or null. */
    public String data;
    @Column(name = "created_at")
    public Instant createdAt;

    /** Account and sequence number: the order of changes within one account. */
    @Embeddable
    public record Key(@Column(name = "account_id") UUID accountId, @Column(name = "seq") long seq)
            implements Serializable {
    }
}
