package io.mailsync.gateway.testing;

import io.mailsync.gateway.account.AccountEntity;
import io.mailsync.gateway.account.AccountState;
import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.CredentialCipher;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.store.FolderEntity;
import io.mailsync.gateway.store.MessageEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes the mirror rows the sync engine would write (account, folders, messages), so that read
 * tests do not depend on the engine. Every account gets a unique username.
 */
@ApplicationScoped
public class MirrorFixture {

    private final CredentialCipher cipher;

    MirrorFixture(CredentialCipher cipher) {
        this.cipher = cipher;
    }

    @Transactional
    public UUID account(String host, int port, String username, String password) {
        AccountEntity account = new AccountEntity();
        account.id = UUID.randomUUID();
        account.email = username.contains("@") ? username : username + "@example.test";
        account.username = username;
        account.authKind = AuthKind.PASSWORD;
        account.secretCiphertext = cipher.encrypt(account.id, password);
        account.imapHost = host;
        account.imapPort = port;
        account.imapSecurity = Security.NONE;
        account.state = AccountState.IDLE;
        account.createdAt = Instant.now();
        account.persist();
        return account.id;
    }

    @Transactional
    public UUID folder(UUID accountId, String path, String role, Long uidValidity) {
        FolderEntity folder = new FolderEntity();
        folder.id = UUID.randomUUID();
        folder.accountId = accountId;
        folder.path = path;
        int dot = Math.max(path.lastIndexOf('.'), path.lastIndexOf('/'));
        folder.name = path.substring(dot + 1);
        folder.delimiter = ".";
        folder.role = role;
        folder.selectable = true;
        folder.uidValidity = uidValidity;
        folder.createdAt = Instant.now();
        folder.persist();
        return folder.id;
    }

    @Transactional
    public UUID message(UUID accountId, UUID folderId, long uid, Instant receivedAt, Consumer<MessageEntity> details) {
        MessageEntity m = new MessageEntity();
        m.id = UUID.randomUUID();
        m.accountId = accountId;
        m.folderId = folderId;
        m.uid = uid;
        m.keywords = "";
        m.toJson = "[]";
        m.ccJson = "[]";
        m.receivedAt = receivedAt;
        m.subject = "Message " + uid;
        m.fromName = "Sender " + uid;
        m.fromEmail = "sender" + uid + "@example.test";
        m.size = 1000 + uid;
        details.accept(m);
        m.persist();
        return m.id;
    }

    @Transactional
    public void setUidValidity(UUID folderId, long uidValidity) {
        FolderEntity folder = FolderEntity.findById(folderId);
        folder.uidValidity = uidValidity;
    }
}
