package io.mailsync.gateway.sync;

import io.mailsync.gateway.mailbox.ModSeq;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import java.util.Objects;

/**
 * What an IMAP STATUS (or SELECT) says about a folder: enough to tell whether anything changed
 * without opening it. {@code uidNext} is the UID the next message will get (1 in a folder that never had
 * one, so within the UID range); {@code highestModseq} is null when the server has no CONDSTORE for it.
 */
public record FolderStatus(long messages, Uid uidNext, UidValidity uidValidity, ModSeq highestModseq, long unseen) {
    public FolderStatus {
        Objects.requireNonNull(uidNext, "uidNext");
        Objects.requireNonNull(uidValidity, "uidValidity");
    }
}
