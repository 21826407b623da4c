package io.mailsync.gateway.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/** An upstream account as stored; the secret only as AES-GCM ciphertext. */
@Entity
@Table(name = "account")
@DynamicUpdate
public class AccountEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String email;
    public String username;
    @Enumerated(EnumType.STRING)
    @Column(name = "auth_kind")
    public AuthKind authKind;
    @Column(name = "secret_ciphertext")
    public byte[] secretCiphertext;
    @Column(name = "imap_host")
    public String imapHost;
    @Column(name = "imap_port")
    public int imapPort;
    @Enumerated(EnumType.STRING)
    @Column(name = "imap_security")
    public Security imapSecurity;
    @Column(name = "smtp_host")
    public String smtpHost;
    @Column(name = "smtp_port")
    public Integer smtpPort;
    @Enumerated(EnumType.STRING)
    @Column(name = "smtp_security")
    public Security smtpSecurity;
    @Column(name = "pop3_host")
    public String pop3Host;
    @Column(name = "pop3_port")
    public Integer pop3Port;
    @Enumerated(EnumType.STRING)
    @Column(name = "pop3_security")
    public Security pop3Security;
    @Enumerated(EnumType.STRING)
    public AccountState state;
    @Column(name = "progress_synced")
    public long progressSynced;
    @Column(name = "progress_total")
    public long progressTotal;
    @Column(name = "last_success_at")
    public Instant lastSuccessAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "last_error_at")
    public Instant lastErrorAt;
    @Column(name = "quota_used_kib")
    public Long quotaUsedKib;
    @Column(name = "quota_limit_kib")
    public Long quotaLimitKib;
    public String capabilities;
    /** Written only by the change log, which numbers changes with it. */
    @Column(name = "change_seq", insertable = false, updatable = false)
    public long changeSeq;
    @Column(name = "created_at")
    public Instant createdAt;

    public UpstreamEndpoint imapEndpoint() {
        return new UpstreamEndpoint(imapHost, imapPort, imapSecurity);
    }

    /** The SMTP endpoint, or null when the account has none. */
    UpstreamEndpoint smtpEndpoint() {
        return endpoint(smtpHost, smtpPort, smtpSecurity);
    }

    /** The POP3 endpoint, or null when the account has none. */
    UpstreamEndpoint pop3Endpoint() {
        return endpoint(pop3Host, pop3Port, pop3Security);
    }

    private static UpstreamEndpoint endpoint(String host, Integer port, Security security) {
        return host == null || port == null || security == null ? null : new UpstreamEndpoint(host, port, security);
    }
}
