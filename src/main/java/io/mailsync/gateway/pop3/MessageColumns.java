package io.mailsync.gateway.pop3;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;

/**
 * The columns a stored message has wherever it is held, in the mirror's {@code message} table and in each
 * POP maildrop alike: a maildrop copies them from the message it is fed from, so both are declared once.
 * {@code seen} and {@code flagged} are the state its holder shows: the shared IMAP flags in the mirror, the
 * device's own in a maildrop. {@code deleted} is not here: it is the IMAP \Deleted flag in the one and the
 * device's deletion in the other.
 */
@MappedSuperclass
public abstract class MessageColumns extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "account_id")
    public UUID accountId;
    @Column(name = "message_id_header")
    public String messageIdHeader;
    public String subject;
    @Column(name = "from_email")
    public String fromEmail;
    public long size;
    @Column(name = "received_at")
    public Instant receivedAt;
    public boolean seen;
    public boolean flagged;
}
