package io.mailsync.gateway.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.mailbox.FolderRole;
import io.mailsync.gateway.mailbox.Uid;
import io.mailsync.gateway.mailbox.UidValidity;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FolderReconciliationTest {

    private static StoredFolder stored(String path, Long validity) {
        return new StoredFolder(UUID.randomUUID(), path, path, '/', null, true, UidValidity.known(validity), Uid.of(1),
                null, null, 0, null);
    }

    private static ListedFolder listed(String path) {
        return new ListedFolder(path, path, '/', path.equals("INBOX") ? FolderRole.INBOX : null, true);
    }

    @Test
    void folderThatMovedWithItsUidValidityIsARenameAndKeepsItsId() {
        StoredFolder projects = stored("Projects", 100L);
        Map<String, UidValidity> validity = Map.of("INBOX", UidValidity.of(1), "Work", UidValidity.of(100));
        FolderReconciliation r = FolderReconciliation.reconcile(List.of(stored("INBOX", 1L), projects),
                List.of(listed("INBOX"), listed("Work")), validity::get);
        assertEquals(1, r.renamed().size());
        assertEquals(projects.id(), r.renamed().get(0).before().id());
        assertEquals("Work", r.renamed().get(0).after().path());
        assertTrue(r.created().isEmpty());
        assertTrue(r.deleted().isEmpty());
        assertEquals(1, r.kept().size());
    }

    @Test
    void differentUidValidityMeansDeletedAndCreated() {
        Map<String, UidValidity> validity = Map.of("Work", UidValidity.of(200));
        FolderReconciliation r = FolderReconciliation.reconcile(List.of(stored("Projects", 100L)),
                List.of(listed("Work")), validity::get);
        assertEquals(List.of("Work"), r.created().stream().map(ListedFolder::path).toList());
        assertEquals(List.of("Projects"), r.deleted().stream().map(StoredFolder::path).toList());
        assertTrue(r.renamed().isEmpty());
    }

    @Test
    void ambiguousUidValidityIsNotGuessedAsARename() {
        Map<String, UidValidity> validity = Map.of("C", UidValidity.of(5), "D", UidValidity.of(5));
        FolderReconciliation r = FolderReconciliation.reconcile(List.of(stored("A", 5L), stored("B", 5L)),
                List.of(listed("C"), listed("D")), validity::get);
        assertTrue(r.renamed().isEmpty());
        assertEquals(2, r.created().size());
        assertEquals(2, r.deleted().size());
    }

    @Test
    void newFolderWithoutStatusIsCreatedNotMatched() {
        FolderReconciliation r = FolderReconciliation.reconcile(List.of(stored("Old", null)),
                List.of(listed("New")), path -> null);
        assertEquals(1, r.created().size());
        assertEquals(1, r.deleted().size());
    }
}
