package io.mailsync.gateway.pop3;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The bytes a POP device downloaded, kept apart so that listing a maildrop never loads them. */
@Entity
@Table(name = "pop_maildrop_content")
public class MaildropContentEntity extends PanacheEntityBase {
    @Id
    @Column(name = "message_id")
    public UUID messageId;
    public byte[] raw;
}
