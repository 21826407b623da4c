package io.mailsync.gateway.sync;

import io.mailsync.gateway.mailbox.MessageFlags;
import io.mailsync.gateway.mailbox.MessageMeta;
import io.mailsync.gateway.mailbox.ModSeq;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import io.mailsync.gateway.mailbox.UpstreamException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: one live, logged-in connection to an account's upstream mail server, as the sync needs it.
 * Kept open between passes; every call may throw an {@link UpstreamException} saying how far it reaches.
 */
public interface UpstreamMailbox extends AutoCloseable {

    boolean supportsCondstore();

    boolean supportsQresync();

    /** Every folder (LIST "" "*"), with roles from SPECIAL-USE or well-known names. */
    List<ListedFolder> listFolders() throws UpstreamException;

    /** STATUS of one folder, with HIGHESTMODSEQ when CONDSTORE is there. */
    FolderStatus status(String path) throws UpstreamException;

    /** Quota of INBOX's root when the server has QUOTA. */
    Optional<Quota> quota() throws UpstreamException;

    /** All UIDs of the folder, ascending. */
    List<Uid> uids(String path) throws UpstreamException;

    /** UID and flags of every message in the folder (the fallback diff). */
    Map<Uid, MessageFlags> flags(String path) throws UpstreamException;

    /**
     * Metadata of these messages. UIDs expunged meanwhile are simply absent; a message whose parts do
     * not parse still comes back, with what could be read, so that the mirror has no gap.
     */
    List<MessageMeta> fetchMeta(String path, List<Uid> uids) throws UpstreamException;

    /**
     * Changes since a modseq (CHANGEDSINCE; with QRESYNC also VANISHED), of the folder as it was at this
     * UIDVALIDITY: a folder that was reset meanwhile fails the call.
     */
    FolderUpdates changedSince(String path, UidValidity uidValidity, ModSeq modseq, boolean qresync)
            throws UpstreamException;

    /**
     * Whether to keep this connection open for the account's next pass. False when the upstream host's
     * connection limit needs the slot for other accounts' passes: the next pass then connects again.
     */
    default boolean worthKeepingOpen() {
        return true;
    }

    /** Logs out and closes; never throws. */
    @Override
    void close();
}
