package io.mailsync.gateway.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Quota;
import jakarta.mail.QuotaAwareStore;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proves the private Dovecot fixture does what the interop tests rely on. */
class DovecotServerTest {

    private static final String PASSWORD = "s3cret pass";
    private static final AtomicInteger USERS = new AtomicInteger();

    @RegisterExtension
    static final PrivateDovecot dovecot = PrivateDovecot.orSkip();

    private static String newUser() {
        String user = "user" + USERS.incrementAndGet() + "@mailsync.test";
        dovecot.server().addUser(user, PASSWORD);
        return user;
    }

    @Test
    void advertisesCondstoreQresyncSpecialUseAndQuotaAfterLogin() throws Exception {
        try (IMAPStore store = (IMAPStore) dovecot.server().imapStore(newUser(), PASSWORD)) {
            for (String capability : List.of("CONDSTORE", "QRESYNC", "SPECIAL-USE", "IDLE", "MOVE", "UIDPLUS", "QUOTA")) {
                assertTrue(store.hasCapability(capability), capability + " missing");
            }
        }
    }

    @Test
    void hiddenCapabilitiesAreNotAdvertised() throws Exception {
        DovecotServer.Options options = DovecotServer.Options.defaults().hideCapabilities("CONDSTORE", "QRESYNC");
        try (DovecotServer plain = DovecotServer.start(options)) {
            plain.addUser("bob", PASSWORD);
            try (IMAPStore store = (IMAPStore) plain.imapStore("bob", PASSWORD)) {
                assertFalse(store.hasCapability("CONDSTORE"));
                assertFalse(store.hasCapability("QRESYNC"));
                assertTrue(store.hasCapability("SPECIAL-USE"));
                assertTrue(store.hasCapability("IDLE"));
            }
        }
    }

    @Test
    void listsTheSpecialUseFolders() throws Exception {
        try (Store store = dovecot.server().imapStore(newUser(), PASSWORD)) {
            Map<String, Set<String>> attributesByFolder = Arrays.stream(store.getDefaultFolder().list("*"))
                    .map(IMAPFolder.class::cast)
                    .collect(Collectors.toMap(Folder::getFullName, f -> Set.of(attributes(f))));
            assertTrue(attributesByFolder.get("Sent").contains("\\Sent"));
            assertTrue(attributesByFolder.get("Drafts").contains("\\Drafts"));
            assertTrue(attributesByFolder.get("Trash").contains("\\Trash"));
            assertTrue(attributesByFolder.get("Junk").contains("\\Junk"));
            assertTrue(attributesByFolder.get("Archive").contains("\\Archive"));
            assertTrue(attributesByFolder.containsKey("INBOX"));
        }
    }

    @Test
    void answersGetQuotaRootWithTheFixedQuota() throws Exception {
        try (Store store = dovecot.server().imapStore(newUser(), PASSWORD)) {
            Quota[] quotas = ((QuotaAwareStore) store).getQuota("INBOX");
            Quota.Resource storage = Arrays.stream(quotas)
                    .flatMap(q -> Arrays.stream(q.resources))
                    .filter(r -> r.name.equalsIgnoreCase("STORAGE"))
                    .findFirst().orElseThrow();
            assertEquals(100 * 1024, storage.limit);
        }
    }

    @Test
    void loadsAThousandMessagesThatAnotherClientCounts() throws Exception {
        String user = newUser();
        DovecotServer.AppendedMessages appended =
                dovecot.server().appendMessages(user, "Projects/2026/東京", TestMessages.simple(1_000));
        assertEquals(1_000, appended.uids().size());
        assertEquals(1_000, Set.copyOf(appended.uids()).size());
        try (Store store = dovecot.server().imapStore(user, PASSWORD)) {
            IMAPFolder folder = (IMAPFolder) store.getFolder("Projects/2026/東京");
            folder.open(Folder.READ_ONLY);
            assertEquals(1_000, folder.getMessageCount());
            assertEquals(appended.uidValidity(), folder.getUIDValidity());
            assertTrue(folder.getMessage(1).getSubject().endsWith("#1"));
            folder.close(false);
        }
    }

    @Test
    void popSeesTheMessagesToo() throws Exception {
        String user = newUser();
        dovecot.server().appendMessages(user, "INBOX", TestMessages.simple(3));
        Session session = Session.getInstance(new Properties());
        try (Store pop = session.getStore("pop3")) {
            pop.connect(dovecot.server().host(), dovecot.server().pop3Port(), user, PASSWORD);
            Folder inbox = pop.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertEquals(3, inbox.getMessageCount());
            inbox.close(false);
        }
    }

    @Test
    void kickDropsALiveConnection() throws Exception {
        String user = newUser();
        try (IMAPStore store = (IMAPStore) dovecot.server().imapStore(user, PASSWORD)) {
            assertTrue(store.isConnected());
            dovecot.server().kick(user);
            await().atMost(Duration.ofSeconds(30)).until(() -> !store.isConnected());
        }
    }

    @Test
    void uidValidityChangeIsSeenOnReopen() throws Exception {
        String user = newUser();
        long before = dovecot.server().appendMessages(user, "INBOX", TestMessages.simple(5)).uidValidity();
        long changed = dovecot.server().changeUidValidity(user, "INBOX");
        assertNotEquals(before, changed);
        try (Store store = dovecot.server().imapStore(user, PASSWORD)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertEquals(changed, inbox.getUIDValidity());
            assertEquals(5, inbox.getMessageCount());
            inbox.close(false);
        }
    }

    @Test
    void stopLeavesNoProcessAndNoFolder() throws Exception {
        DovecotServer own = DovecotServer.start();
        own.addUser("carol", PASSWORD);
        try (Store store = own.imapStore("carol", PASSWORD)) {
            assertTrue(store.isConnected());
            List<ProcessHandle> processes = own.masterProcess().descendants().toList();
            assertFalse(processes.isEmpty());

            own.stop();

            assertFalse(own.masterProcess().isAlive());
            assertTrue(processes.stream().noneMatch(ProcessHandle::isAlive), "a Dovecot child outlived stop()");
            assertFalse(Files.exists(own.directory()));
        }
    }

    private static String[] attributes(IMAPFolder folder) {
        try {
            return folder.getAttributes();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
