package io.mailsync.gateway.device;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A device as stored: the token only as its SHA-256 hash. */
@Entity
@Table(name = "device")
public class DeviceEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "account_id")
    public UUID accountId;
    public String name;
    public String platform;
    @Enumerated(EnumType.STRING)
    public DeviceMode mode;
    @Enumerated(EnumType.STRING)
    @Column(name = "pop3_delete_from_server")
    public Pop3DeletePolicy pop3DeleteFromServer;
    @Column(name = "pop3_delete_after_days")
    public Integer pop3DeleteAfterDays;
    @Column(name = "accept_mixed_mode_risk")
    public boolean acceptMixedModeRisk;
    @Column(name = "token_hash")
    public byte[] tokenHash;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_activity_at")
    public Instant lastActivityAt;
    @Column(name = "last_cursor_seq")
    public Long lastCursorSeq;

    Device toDevice() {
        Pop3Policy policy = pop3DeleteFromServer == null ? null
                : new Pop3Policy(pop3DeleteFromServer, pop3DeleteAfterDays);
        return new Device(id, accountId, name, platform, mode, policy, acceptMixedModeRisk, createdAt,
                lastActivityAt, lastCursorSeq);
    }
}
