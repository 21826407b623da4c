package io.mailsync.gateway.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/** A mirrored folder with the sync point reached for it. */
@Entity
@Table(name = "folder")
@DynamicUpdate
public class FolderEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "account_id")
    public UUID accountId;
    public String path;
    public String name;
    public String delimiter;
    /** {@link io.mailsync.gateway.mailbox.FolderRole#wireName()} or null. */
    public String role;
    public boolean selectable;
    @Column(name = "uid_validity")
    public Long uidValidity;
    @Column(name = "uid_next")
    public Long uidNext;
    @Column(name = "highest_modseq")
    public Long highestModseq;
    @Column(name = "initial_sync_below")
    public Long initialSyncBelow;
    /** Mirrored messages in this folder; every write that adds or removes message rows keeps it. */
    @Column(name = "message_count")
    public long messageCount;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
}
