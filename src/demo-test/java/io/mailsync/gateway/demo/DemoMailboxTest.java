package io.mailsync.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seeded demo mailbox, read back over IMAP from a real GreenMail exactly as the gateway will read it. */
class DemoMailboxTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:30:00Z"), ZoneOffset.UTC);

    private static GreenMail mail;
    private static Store store;
    private static int seeded;
    /** Every message read back over IMAP, by folder. */
    private static final Map<String, List<MimeMessage>> MAILBOX = new HashMap<>();
    private static final Map<String, Flags> FLAGS = new HashMap<>();

    @BeforeAll
    static void seedAndReadBack() throws Exception {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
        mail.start();
        GreenMailUser user = mail.setUser(DemoMailbox.EMAIL, DemoMailbox.LOGIN, DemoMailbox.PASSWORD);
        seeded = new DemoMailbox(CLOCK).seed(mail.getManagers().getImapHostManager(), user);

        Session session = Session.getInstance(new Properties());
        store = session.getStore("imap");
        store.connect("127.0.0.1", mail.getImap().getPort(), DemoMailbox.LOGIN, DemoMailbox.PASSWORD);
        for (Folder folder : store.getDefaultFolder().list("*")) {
            folder.open(Folder.READ_ONLY);
            List<MimeMessage> messages = new ArrayList<>();
            for (Message message : folder.getMessages()) {
                MimeMessage copy = new MimeMessage((MimeMessage) message);
                messages.add(copy);
                FLAGS.put(folder.getFullName() + "/" + copy.getMessageID(), message.getFlags());
            }
            MAILBOX.put(folder.getFullName(), messages);
            folder.close(false);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        mail.stop();
    }

    @Test
    void holdsAtLeastThreeHundredMessagesInEveryUsualFolderAndTheNestedOne() {
        assertTrue(seeded >= 300, "seeded " + seeded);
        assertEquals(seeded, MAILBOX.values().stream().mapToInt(List::size).sum());
        for (String folder : List.of("INBOX", "Sent", "Drafts", "Trash", "Archive", "Projects", "Projects.2026",
                "Projects.2026.東京")) {
            assertTrue(MAILBOX.containsKey(folder), "folder " + folder + " in " + MAILBOX.keySet());
            assertFalse(MAILBOX.get(folder).isEmpty(), folder + " is empty");
        }
    }

    @Test
    void subjectsInEveryScriptSurviveTheirCharsets() throws Exception {
        Set<String> subjects = new HashSet<>();
        for (List<MimeMessage> folder : MAILBOX.values()) {
            for (MimeMessage message : folder) {
                String subject = message.getSubject();
                assertFalse(subject.contains("=?"), "still encoded: " + subject);
                assertFalse(subject.contains("\uFFFD"), "broken: " + subject);
                subjects.add(subject);
            }
        }
        for (String wanted : List.of("【定例】来週の打ち合わせについて", "見積書をお送りします", "週報（第１２週）",
                "Grüße aus München", "Facture n° 2026-114 — échéance", "关于下周会议的安排", "다음 주 회의 일정 안내",
                "Отчёт за квартал", "دعوة لحضور الاجتماع السنوي", "🎉 Team lunch on Friday! 🍣🍜")) {
            assertTrue(subjects.contains(wanted), "no subject " + wanted);
        }
    }

    @Test
    void japaneseArrivesAsIso2022Jp7bitShiftJisAndUtf8EncodedWords() throws Exception {
        assertTrue(any(m -> raw(m, "Subject").startsWith("=?ISO-2022-JP?B?")
                && m.getContentType().contains("ISO-2022-JP") && "7bit".equals(m.getEncoding())
                && ((String) m.getContent()).contains("いつもお世話になっております")), "ISO-2022-JP 7bit");
        assertTrue(any(m -> m.getContentType().contains("Shift_JIS")
                && ((String) m.getContent()).contains("いつもお世話になっております")), "Shift_JIS body");
        assertTrue(any(m -> raw(m, "Subject").startsWith("=?UTF-8?B?")), "UTF-8 B subject");
        assertTrue(any(m -> raw(m, "Subject").startsWith("=?UTF-8?Q?")), "UTF-8 Q subject");
        assertTrue(any(m -> raw(m, "From").contains("=?ISO-2022-JP?B?")
                && "山田 太郎".equals(((InternetAddress) m.getFrom()[0]).getPersonal())), "Japanese sender");
    }

    @Test
    void attachmentsCarryJapaneseNamesPerRfc2231AndRfc2047() throws Exception {
        Set<String> names = new HashSet<>();
        Set<String> types = new HashSet<>();
        for (List<MimeMessage> folder : MAILBOX.values()) {
            for (MimeMessage message : folder) {
                if (message.getContent() instanceof Multipart multipart && message.isMimeType("multipart/mixed")) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        BodyPart part = multipart.getBodyPart(i);
                        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                            names.add(MimeUtility.decodeText(part.getFileName()));
                            types.add(part.getContentType().split(";")[0]);
                        }
                    }
                }
            }
        }
        assertTrue(names.stream().anyMatch(n -> n.startsWith("議事録_2026年")), "RFC 2231 name in " + names);
        assertTrue(names.stream().anyMatch(n -> n.startsWith("見積書_")), "RFC 2047 name in " + names);
        assertTrue(types.containsAll(Set.of("application/pdf", "image/png", "text/plain")), "types " + types);
    }

    @Test
    void bodiesComeAsPlainHtmlOnlyAndAlternative() throws Exception {
        assertTrue(any(m -> m.isMimeType("text/plain")), "plain only");
        assertTrue(any(m -> m.isMimeType("text/html")), "HTML only");
        assertTrue(any(m -> m.isMimeType("multipart/alternative")), "multipart/alternative");
    }

    @Test
    void inboxMixesReadUnreadFlaggedAndAnswered() {
        long unread = FLAGS.entrySet().stream()
                .filter(e -> e.getKey().startsWith("INBOX/") && !e.getValue().contains(Flags.Flag.SEEN)).count();
        long flagged = FLAGS.entrySet().stream()
                .filter(e -> e.getKey().startsWith("INBOX/") && e.getValue().contains(Flags.Flag.FLAGGED)).count();
        long answered = FLAGS.entrySet().stream()
                .filter(e -> e.getKey().startsWith("INBOX/") && e.getValue().contains(Flags.Flag.ANSWERED)).count();
        int inbox = MAILBOX.get("INBOX").size();
        assertTrue(unread > 0 && unread < inbox, "unread " + unread + " of " + inbox);
        assertTrue(flagged > 0, "flagged " + flagged);
        assertTrue(answered > 0, "answered " + answered);
        assertTrue(FLAGS.entrySet().stream().anyMatch(
                e -> e.getKey().startsWith("Drafts/") && e.getValue().contains(Flags.Flag.DRAFT)), "drafts");
    }

    @Test
    void repliesPointAtMessagesThatExist() throws Exception {
        Set<String> ids = new HashSet<>();
        List<String> parents = new ArrayList<>();
        for (List<MimeMessage> folder : MAILBOX.values()) {
            for (MimeMessage message : folder) {
                ids.add(message.getMessageID());
                String parent = message.getHeader("In-Reply-To", null);
                if (parent != null) {
                    parents.add(parent);
                }
            }
        }
        assertTrue(parents.size() >= 50, "replies " + parents.size());
        assertTrue(ids.containsAll(parents), "a reply points at a message that is not there");
    }

    @Test
    void datesSpreadOverTheLastMonthsAndNeverInTheFuture() throws Exception {
        Instant now = CLOCK.instant();
        Instant oldest = now;
        for (List<MimeMessage> folder : MAILBOX.values()) {
            for (MimeMessage message : folder) {
                Instant sent = message.getSentDate().toInstant();
                assertFalse(sent.isAfter(now), "from the future: " + sent);
                oldest = sent.isBefore(oldest) ? sent : oldest;
            }
        }
        assertTrue(oldest.isBefore(now.minusSeconds(90L * 24 * 3600)), "oldest " + oldest);
    }

    @Test
    void theSameMailboxEveryRun() throws Exception {
        List<DemoMailbox.Letter> first = new DemoMailbox(CLOCK).letters('.');
        List<DemoMailbox.Letter> second = new DemoMailbox(CLOCK).letters('.');
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(bytes(first.get(i).message()), bytes(second.get(i).message()), "message " + i);
        }
    }

    private interface MessageCheck {
        boolean test(MimeMessage message) throws Exception;
    }

    private static boolean any(MessageCheck check) throws Exception {
        for (List<MimeMessage> folder : MAILBOX.values()) {
            for (MimeMessage message : folder) {
                if (check.test(message)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String raw(MimeMessage message, String header) throws Exception {
        String value = message.getHeader(header, null);
        return value == null ? "" : value.replaceAll("\\s+", " ").trim();
    }

    private static String bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
