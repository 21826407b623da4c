package io.mailsync.gateway.demo;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.Random;

/**
 * The demo user's mailbox: a few hundred realistic messages in the usual folders and a nested project
 * folder, written in the encodings real mail arrives in (ISO-2022-JP, Shift_JIS, UTF-8 encoded words,
 * EUC-KR, KOI8-R, ...), with attachments, HTML, threads and a mix of read, unread and flagged.
 *
 * <p>Deterministic: the same messages every run; only the dates move along with the clock.
 */
public final class DemoMailbox {

    public static final String EMAIL = "demo@mailsync.test";
    public static final String LOGIN = "demo";
    public static final String PASSWORD = "demo-password";

    /** One message and where it goes. */
    record Letter(String folder, MimeMessage message, Flags flags, Date received) {
    }

    /** How a message is put together on the wire. */
    enum Style {
        JAPANESE_ISO_2022_JP, JAPANESE_UTF8_B, JAPANESE_SHIFT_JIS, ENGLISH_ALTERNATIVE, JAPANESE_UTF8_Q,
        GERMAN, JAPANESE_HTML_ONLY, PDF_ATTACHMENT, FRENCH, IMAGE_ATTACHMENT, CHINESE, TEXT_ATTACHMENT_RFC2231,
        KOREAN, EMOJI, TEXT_ATTACHMENT_RFC2047, RUSSIAN, ARABIC, ENGLISH_PLAIN
    }

    private record Person(String name, String email, String charset) {
    }

    private static final Person ME = new Person("デモ ユーザー", EMAIL, "ISO-2022-JP");

    private static final Person[] JAPANESE = {
        new Person("山田 太郎", "taro.yamada@example.co.jp", "ISO-2022-JP"),
        new Person("佐藤 花子", "hanako.sato@example.co.jp", "ISO-2022-JP"),
        new Person("鈴木 一郎", "ichiro.suzuki@example.jp", "ISO-2022-JP"),
        new Person("田中 美咲", "misaki.tanaka@example.ne.jp", "ISO-2022-JP"),
        new Person("高橋 健", "ken.takahashi@example.co.jp", "ISO-2022-JP"),
        new Person("渡辺 直美", "naomi.watanabe@example.jp", "ISO-2022-JP")};

    private static final String[] JAPANESE_SUBJECTS = {
        "【定例】来週の打ち合わせについて", "見積書送付のお願い", "出張報告書（大阪支店）", "新年会のご案内",
        "システムメンテナンスのお知らせ", "会議室の予約変更", "請求書の件", "プロジェクト進捗のご報告",
        "東京オフィス移転のお知らせ", "資料確認のお願い", "年末年始の営業日について", "ご注文ありがとうございます",
        "健康診断の日程について", "議事録を共有します", "週報（第１２週）", "新しい勤怠システムの説明会"};

    private static final String[] JAPANESE_LINES = {
        "いつもお世話になっております。", "ご確認のほど、よろしくお願いいたします。",
        "添付の資料をご覧ください。", "ご不明な点がございましたら、お気軽にお問い合わせください。",
        "来週の水曜日までにご返信いただけますと幸いです。", "引き続きどうぞよろしくお願いいたします。",
        "会議は本社３階の第二会議室で行います。", "日程が変更になりましたので、お知らせいたします。"};

    private static final String[][] GERMAN = {
        {"Jürgen Müller", "juergen.mueller@example.de", "Grüße aus München"},
        {"Björn Schäfer", "bjoern.schaefer@example.de", "Rechnung für Oktober - bitte prüfen"},
        {"Käthe Weiß", "kaethe.weiss@example.at", "Besprechung am Dienstag verschoben"}};
    private static final String[][] FRENCH = {
        {"François Lefèvre", "francois.lefevre@example.fr", "Réunion de l'équipe à Genève"},
        {"Élodie Chevalier", "elodie.chevalier@example.fr", "Facture n° 2026-114 — échéance"},
        {"Gaëlle Rivière", "gaelle.riviere@example.be", "Vœux et félicitations pour le lancement"}};
    private static final String[][] CHINESE = {
        {"王伟", "wang.wei@example.cn", "关于下周会议的安排"},
        {"李娜", "li.na@example.cn", "季度报告已上传"},
        {"张敏", "zhang.min@example.com.cn", "春节放假通知"}};
    private static final String[][] KOREAN = {
        {"김민준", "minjun.kim@example.kr", "다음 주 회의 일정 안내"},
        {"이서연", "seoyeon.lee@example.kr", "견적서 송부드립니다"}};
    private static final String[][] RUSSIAN = {
        {"Дмитрий Иванов", "d.ivanov@example.ru", "Отчёт за квартал"},
        {"Анна Смирнова", "a.smirnova@example.ru", "Приглашение на встречу в Москве"}};
    private static final String[][] ARABIC = {
        {"أحمد علي", "ahmed.ali@example.ae", "دعوة لحضور الاجتماع السنوي"},
        {"فاطمة حسن", "fatima.hassan@example.eg", "تقرير المبيعات الشهري"}};
    private static final String[][] EMOJI = {
        {"Chris Park", "chris.park@example.com", "🎉 Team lunch on Friday! 🍣🍜"},
        {"Maya Lin", "maya.lin@example.com", "Happy birthday 🎂🎈"},
        {"Sam Rivera", "sam.rivera@example.com", "Release 2.0 shipped 🚀 thanks everyone 🙏"}};
    private static final String[][] ENGLISH = {
        {"Olivia Brown", "olivia.brown@example.com", "Quarterly planning: agenda and notes"},
        {"GitHub", "noreply@example.com", "[mailsync] Weekly digest"},
        {"Travel Desk", "travel@example.com", "Your itinerary: London to Tokyo"},
        {"Liam Wilson", "liam.wilson@example.org", "Coffee next week?"}};

    /** A tiny valid PNG (1×1 pixel). */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    private final Instant now;
    private final Session session = Session.getInstance(new Properties());
    private final Random random = new Random(20260101L);
    private final Style[] styles = Style.values();
    private int boundaries;

    public DemoMailbox(Clock clock) {
        this.now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    }

    /** Creates the demo folders for the user and appends every message; answers how many were appended. */
    public int seed(ImapHostManager imap, GreenMailUser user) throws Exception {
        char delimiter = imap.getHierarchyDelimiter();
        List<Letter> letters = letters(delimiter);
        for (String folder : folders(delimiter)) {
            if (!"INBOX".equals(folder)) {
                imap.createMailbox(user, folder);
            }
        }
        for (Letter letter : letters) {
            MailFolder folder = "INBOX".equals(letter.folder()) ? imap.getInbox(user) : imap.getFolder(user, letter.folder());
            folder.appendMessage(letter.message(), letter.flags(), letter.received());
        }
        return letters.size();
    }

    /** Every folder of the demo mailbox, parents before children. */
    public static List<String> folders(char delimiter) {
        return List.of("INBOX", "Sent", "Drafts", "Trash", "Archive", "Projects", "Projects" + delimiter + "2026",
                "Projects" + delimiter + "2026" + delimiter + "東京");
    }

    /** Every message of the demo mailbox, with its folder, flags and arrival time. */
    public List<Letter> letters(char delimiter) throws MessagingException, UnsupportedEncodingException {
        List<Letter> letters = new ArrayList<>();
        List<Letter> inbox = new ArrayList<>();
        // INBOX: 170 messages over the last ~3 months, newest first
        for (int i = 0; i < 170; i++) {
            Instant at = now.minus(Duration.ofMinutes(i * 760L + random.nextInt(600)));
            Flags flags = new Flags();
            if (i >= 20 && i % 9 != 4) {
                flags.add(Flags.Flag.SEEN);
            }
            if (i % 13 == 2) {
                flags.add(Flags.Flag.FLAGGED);
            }
            Letter letter = incoming("INBOX", "inbox-" + i, styles[i % styles.length], i, at, flags);
            inbox.add(letter);
            letters.add(letter);
        }
        // Sent: 50 answers to INBOX messages, threaded with In-Reply-To and References
        for (int i = 0; i < 50; i++) {
            Letter original = inbox.get(20 + i * 3);
            original.flags().add(Flags.Flag.ANSWERED);
            Instant at = original.received().toInstant().plus(Duration.ofMinutes(30 + random.nextInt(600)));
            if (at.isAfter(now)) {
                at = now;
            }
            letters.add(reply("Sent", "sent-" + i, original, at));
        }
        // a few INBOX follow-ups to our answers make three-message threads
        for (int i = 0; i < 6; i++) {
            Letter answer = letters.get(170 + i);
            Instant at = answer.received().toInstant().plus(Duration.ofHours(2 + i));
            if (at.isAfter(now)) {
                at = now;
            }
            Flags flags = new Flags();
            if (i % 2 == 0) {
                flags.add(Flags.Flag.SEEN);
            }
            letters.add(followUp("inbox-followup-" + i, answer, at, flags));
        }
        // Drafts: 8 unfinished messages of the last days
        for (int i = 0; i < 8; i++) {
            Instant at = now.minus(Duration.ofHours(3 + i * 19L));
            Flags flags = new Flags(Flags.Flag.DRAFT);
            flags.add(Flags.Flag.SEEN);
            letters.add(outgoing("Drafts", "draft-" + i, styles[(i * 5 + 1) % styles.length], i, at, flags));
        }
        // Trash: 25 read messages of the last two months
        for (int i = 0; i < 25; i++) {
            Instant at = now.minus(Duration.ofMinutes(300 + random.nextInt(60 * 24 * 60)));
            letters.add(incoming("Trash", "trash-" + i, styles[(i * 7 + 3) % styles.length], i + 3, at,
                    new Flags(Flags.Flag.SEEN)));
        }
        // Archive: 40 older messages (3 to 7 months old), some flagged
        for (int i = 0; i < 40; i++) {
            Instant at = now.minus(Duration.ofDays(90 + i * 3L)).minus(Duration.ofMinutes(random.nextInt(1440)));
            Flags flags = new Flags(Flags.Flag.SEEN);
            if (i % 6 == 0) {
                flags.add(Flags.Flag.FLAGGED);
            }
            letters.add(incoming("Archive", "archive-" + i, styles[(i * 11 + 5) % styles.length], i + 7, at, flags));
        }
        // the project folders: a parent with a few messages, a year folder and the Tokyo project
        String projects = "Projects";
        String year = projects + delimiter + "2026";
        String tokyo = year + delimiter + "東京";
        for (int i = 0; i < 5; i++) {
            letters.add(incoming(projects, "projects-" + i, Style.ENGLISH_ALTERNATIVE, i,
                    now.minus(Duration.ofDays(100 + i * 5L)), new Flags(Flags.Flag.SEEN)));
            letters.add(incoming(year, "projects-2026-" + i, Style.PDF_ATTACHMENT, i + 1,
                    now.minus(Duration.ofDays(40 + i * 4L)), new Flags(Flags.Flag.SEEN)));
        }
        Style[] tokyoStyles = {Style.JAPANESE_ISO_2022_JP, Style.JAPANESE_SHIFT_JIS, Style.JAPANESE_UTF8_B,
            Style.TEXT_ATTACHMENT_RFC2231, Style.JAPANESE_HTML_ONLY, Style.TEXT_ATTACHMENT_RFC2047};
        for (int i = 0; i < 18; i++) {
            Flags flags = new Flags();
            if (i > 3) {
                flags.add(Flags.Flag.SEEN);
            }
            if (i % 5 == 1) {
                flags.add(Flags.Flag.FLAGGED);
            }
            letters.add(incoming(tokyo, "tokyo-" + i, tokyoStyles[i % tokyoStyles.length], i + 2,
                    now.minus(Duration.ofHours(5 + i * 31L)), flags));
        }
        return letters;
    }

    private Letter incoming(String folder, String id, Style style, int n, Instant at, Flags flags)
            throws MessagingException, UnsupportedEncodingException {
        Content content = content(style, n);
        DemoMessage message = new DemoMessage(session, id);
        message.setFrom(address(content.from()));
        message.setRecipient(RecipientType.TO, address(ME));
        if (n % 4 == 1) {
            message.addRecipient(RecipientType.CC, address(JAPANESE[(n + 2) % JAPANESE.length]));
        }
        return finish(folder, message, content, at, flags);
    }

    private Letter outgoing(String folder, String id, Style style, int n, Instant at, Flags flags)
            throws MessagingException, UnsupportedEncodingException {
        Content content = content(style, n);
        DemoMessage message = new DemoMessage(session, id);
        message.setFrom(address(ME));
        message.setRecipient(RecipientType.TO, address(content.from()));
        return finish(folder, message, content, at, flags);
    }

    private Letter reply(String folder, String id, Letter original, Instant at)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage source = original.message();
        DemoMessage message = new DemoMessage(session, id);
        message.setFrom(address(ME));
        message.setRecipients(RecipientType.TO, source.getFrom());
        thread(message, source);
        String subject = "Re: " + source.getSubject();
        message.setSubject(subject, "UTF-8");
        message.setText("ご連絡ありがとうございます。\r\n内容を確認しました。問題ありません。\r\n\r\n> "
                + source.getSubject() + "\r\n", "UTF-8");
        message.setSentDate(Date.from(at));
        message.saveChanges();
        return new Letter(folder, message, new Flags(Flags.Flag.SEEN), Date.from(at));
    }

    private Letter followUp(String id, Letter answer, Instant at, Flags flags)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage source = answer.message();
        DemoMessage message = new DemoMessage(session, id);
        message.setFrom(source.getRecipients(RecipientType.TO)[0]);
        message.setRecipient(RecipientType.TO, address(ME));
        thread(message, source);
        message.setSubject("Re: " + source.getSubject(), "ISO-2022-JP");
        message.setText("ご返信ありがとうございます。\r\n承知いたしました。当日はよろしくお願いいたします。\r\n", "ISO-2022-JP");
        message.setHeader("Content-Transfer-Encoding", "7bit");
        message.setSentDate(Date.from(at));
        message.saveChanges();
        return new Letter("INBOX", message, flags, Date.from(at));
    }

    private static void thread(MimeMessage message, MimeMessage source) throws MessagingException {
        String parent = source.getMessageID();
        String references = source.getHeader("References", " ");
        message.setHeader("In-Reply-To", parent);
        message.setHeader("References", references == null ? parent : references + " " + parent);
    }

    private Letter finish(String folder, DemoMessage message, Content content, Instant at, Flags flags)
            throws MessagingException {
        try {
            content.subject().apply(message);
            content.body().apply(message);
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("demo message " + message.getMessageID() + " cannot be encoded", e);
        }
        message.setSentDate(Date.from(at));
        message.saveChanges();
        return new Letter(folder, message, flags, Date.from(at));
    }

    /** Sets one part of a message: its subject or its body. */
    @FunctionalInterface
    private interface Part {
        void apply(MimeMessage message) throws MessagingException, UnsupportedEncodingException;
    }

    private record Content(Person from, Part subject, Part body) {
    }

    private Content content(Style style, int index) throws MessagingException, UnsupportedEncodingException {
        // styles repeat every styles.length messages: shift the variant each round so every sender, subject
        // and language variant of a style shows up
        int n = index + index / styles.length;
        Person japanese = JAPANESE[n % JAPANESE.length];
        String jaSubject = JAPANESE_SUBJECTS[n % JAPANESE_SUBJECTS.length];
        String jaBody = japaneseBody(japanese, jaSubject, n);
        return switch (style) {
            case JAPANESE_ISO_2022_JP -> new Content(japanese,
                    m -> m.setSubject(jaSubject, "ISO-2022-JP"),
                    m -> {
                        m.setText(jaBody, "ISO-2022-JP");
                        m.setHeader("Content-Transfer-Encoding", "7bit");
                    });
            case JAPANESE_UTF8_B -> new Content(new Person(japanese.name(), japanese.email(), "UTF-8"),
                    m -> m.setHeader("Subject", MimeUtility.encodeText(jaSubject, "UTF-8", "B")),
                    m -> m.setText(jaBody, "UTF-8"));
            case JAPANESE_UTF8_Q -> new Content(new Person(japanese.name(), japanese.email(), "UTF-8"),
                    m -> m.setHeader("Subject", MimeUtility.encodeText(jaSubject, "UTF-8", "Q")),
                    m -> {
                        m.setText(jaBody, "UTF-8");
                        m.setHeader("Content-Transfer-Encoding", "quoted-printable");
                    });
            case JAPANESE_SHIFT_JIS -> new Content(japanese,
                    m -> m.setSubject(jaSubject, "ISO-2022-JP"),
                    m -> m.setText(jaBody, "Shift_JIS"));
            case JAPANESE_HTML_ONLY -> new Content(new Person(japanese.name(), japanese.email(), "UTF-8"),
                    m -> m.setSubject("【お知らせ】" + jaSubject, "UTF-8"),
                    m -> m.setContent(html(jaSubject, jaBody, "ja"), "text/html; charset=UTF-8"));
            case ENGLISH_ALTERNATIVE -> {
                String[] e = ENGLISH[n % ENGLISH.length];
                String text = englishBody(e[0], e[2], n);
                yield new Content(new Person(e[0], e[1], "UTF-8"), m -> m.setSubject(e[2], "UTF-8"),
                        m -> m.setContent(alternative(text, html(e[2], text, "en"), "UTF-8")));
            }
            case ENGLISH_PLAIN -> {
                String[] e = ENGLISH[(n + 1) % ENGLISH.length];
                yield new Content(new Person(e[0], e[1], "US-ASCII"), m -> m.setSubject(e[2], "US-ASCII"),
                        m -> m.setText(englishBody(e[0], e[2], n), "US-ASCII"));
            }
            case GERMAN -> foreign(GERMAN[n % GERMAN.length], "ISO-8859-1", "Q",
                    "Hallo,\r\n\r\nanbei die Unterlagen für unser Gespräch. Schöne Grüße und bis nächste Woche!\r\n",
                    false);
            case FRENCH -> foreign(FRENCH[n % FRENCH.length], "UTF-8", "Q",
                    "Bonjour,\r\n\r\nVoici l'ordre du jour de la réunion. N'hésitez pas à me répondre d'ici vendredi.\r\n"
                            + "Très cordialement,\r\n", true);
            case CHINESE -> foreign(CHINESE[n % CHINESE.length], "GB2312", "B",
                    "您好：\r\n\r\n附件是本季度的工作总结，请查收。如有问题请随时联系。\r\n谢谢！\r\n", false);
            case KOREAN -> foreign(KOREAN[n % KOREAN.length], "EUC-KR", "B",
                    "안녕하세요.\r\n\r\n다음 주 회의 자료를 보내드립니다. 확인 부탁드립니다.\r\n감사합니다.\r\n", false);
            case RUSSIAN -> foreign(RUSSIAN[n % RUSSIAN.length], "KOI8-R", "B",
                    "Здравствуйте!\r\n\r\nНаправляю вам отчёт за прошлый квартал. Буду рад ответить на вопросы.\r\n"
                            + "С уважением,\r\n", false);
            case ARABIC -> {
                String[] a = ARABIC[n % ARABIC.length];
                String text = "مرحباً،\r\n\r\nيسعدنا دعوتكم لحضور الاجتماع يوم الأحد القادم.\r\nمع أطيب التحيات\r\n";
                yield new Content(new Person(a[0], a[1], "UTF-8"),
                        m -> m.setHeader("Subject", MimeUtility.encodeText(a[2], "UTF-8", "B")),
                        m -> m.setContent(alternative(text, html(a[2], text, "ar"), "UTF-8")));
            }
            case EMOJI -> {
                String[] e = EMOJI[n % EMOJI.length];
                yield new Content(new Person(e[0], e[1], "UTF-8"),
                        m -> m.setHeader("Subject", MimeUtility.encodeText(e[2], "UTF-8", "B")),
                        m -> m.setText("Hi all 👋\r\n\r\n" + e[2] + "\r\n\r\nSee you there 😄\r\n", "UTF-8"));
            }
            case PDF_ATTACHMENT -> withAttachment(japanese, "【資料】" + jaSubject, jaBody,
                    attachment(pdf(n), "application/pdf", "attachment; filename=\"report-2026-" + (n % 12 + 1) + ".pdf\"",
                            "application/pdf; name=\"report-2026-" + (n % 12 + 1) + ".pdf\""));
            case IMAGE_ATTACHMENT -> {
                String[] e = ENGLISH[(n + 2) % ENGLISH.length];
                yield withAttachment(new Person(e[0], e[1], "UTF-8"), "Photos from the offsite",
                        "Hi,\r\n\r\nHere is the group photo from Kyoto.\r\n",
                        attachment(PNG, "image/png", "attachment; filename=\"kyoto-offsite.png\"",
                                "image/png; name=\"kyoto-offsite.png\""));
            }
            case TEXT_ATTACHMENT_RFC2231 -> {
                String name = "議事録_2026年" + (n % 12 + 1) + "月.txt";
                String encoded = "UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
                yield withAttachment(japanese, "議事録を共有します（" + (n % 12 + 1) + "月）", jaBody,
                        attachment(("議事録\r\n出席者：" + japanese.name() + "、デモ ユーザー\r\n決定事項：次回は来週火曜日。\r\n")
                                        .getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8",
                                "attachment; filename*=" + encoded, "text/plain; charset=UTF-8; name*=" + encoded));
            }
            case TEXT_ATTACHMENT_RFC2047 -> {
                String name = MimeUtility.encodeText("見積書_" + (n % 9 + 1) + ".txt", "ISO-2022-JP", "B");
                yield withAttachment(japanese, "見積書をお送りします", jaBody,
                        attachment(("御見積書\r\n品目：サーバー保守　金額：１２０，０００円\r\n").getBytes("Shift_JIS"),
                                "text/plain; charset=Shift_JIS", "attachment; filename=\"" + name + "\"",
                                "text/plain; charset=Shift_JIS; name=\"" + name + "\""));
            }
        };
    }

    private Content foreign(String[] who, String charset, String encoding, String body, boolean html) {
        return new Content(new Person(who[0], who[1], charset),
                m -> m.setHeader("Subject", encode(who[2], charset, encoding)),
                m -> {
                    if (html) {
                        m.setContent(alternative(body, html(who[2], body, "fr"), charset));
                    } else {
                        m.setText(body, charset);
                    }
                });
    }

    private Content withAttachment(Person from, String subject, String text, MimeBodyPart attachment) {
        return new Content(from, m -> m.setSubject(subject, "UTF-8"), m -> {
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, "UTF-8");
            MimeMultipart mixed = multipart("mixed");
            mixed.addBodyPart(body);
            mixed.addBodyPart(attachment);
            m.setContent(mixed);
        });
    }

    private static MimeBodyPart attachment(byte[] data, String type, String disposition, String contentType)
            throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(data, type)));
        part.setHeader("Content-Type", contentType);
        part.setHeader("Content-Disposition", disposition);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    private MimeMultipart alternative(String text, String html, String charset) throws MessagingException {
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, charset);
        MimeBodyPart rich = new MimeBodyPart();
        rich.setContent(html, "text/html; charset=" + charset);
        MimeMultipart alternative = multipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        return alternative;
    }

    /** A multipart with a boundary from a counter, not from the clock, so every run writes the same bytes. */
    private MimeMultipart multipart(String subtype) {
        return new DemoMultipart(subtype, "=_demo_part_" + (++boundaries));
    }

    private static String html(String title, String text, String lang) {
        String dir = "ar".equals(lang) ? " dir=\"rtl\"" : "";
        StringBuilder paragraphs = new StringBuilder();
        for (String line : text.split("\r\n")) {
            if (!line.isBlank()) {
                paragraphs.append("<p>").append(escape(line)).append("</p>\n");
            }
        }
        return "<!DOCTYPE html>\n<html lang=\"" + lang + "\"" + dir + "><head><meta charset=\"UTF-8\"><title>"
                + escape(title) + "</title></head>\n<body style=\"font-family:sans-serif\">\n<h2>" + escape(title)
                + "</h2>\n" + paragraphs + "<table border=\"1\" cellpadding=\"4\"><tr><th>#</th><th>✓</th></tr>"
                + "<tr><td>1</td><td><b>OK</b></td></tr></table>\n</body></html>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String japaneseBody(Person from, String subject, int n) {
        StringBuilder body = new StringBuilder("デモ ユーザー様\r\n\r\n");
        body.append(JAPANESE_LINES[0]).append(from.name()).append("です。\r\n");
        body.append("「").append(subject).append("」の件でご連絡いたします。\r\n");
        for (int i = 0; i < 3; i++) {
            body.append(JAPANESE_LINES[1 + (n + i * 3) % (JAPANESE_LINES.length - 1)]).append("\r\n");
        }
        body.append("\r\n--\r\n").append(from.name()).append("\r\n株式会社サンプル 営業部\r\n");
        return body.toString();
    }

    private static String englishBody(String from, String subject, int n) {
        return "Hi,\r\n\r\nRe: " + subject + ".\r\nCould you have a look before Thursday? "
                + "The notes are in the shared folder (item " + (n + 1) + ").\r\n\r\nThanks,\r\n" + from + "\r\n";
    }

    private static byte[] pdf(int n) {
        String text = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% demo report " + n + "\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n";
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String encode(String text, String charset, String encoding) throws UnsupportedEncodingException {
        return MimeUtility.encodeText(text, charset, encoding);
    }

    private static InternetAddress address(Person person) throws UnsupportedEncodingException {
        return new InternetAddress(person.email(), person.name(), person.charset());
    }

    /** A multipart whose boundary the demo chooses. */
    private static final class DemoMultipart extends MimeMultipart {
        DemoMultipart(String subtype, String boundary) {
            super(subtype);
            contentType = "multipart/" + subtype + "; boundary=\"" + boundary + "\"";
        }
    }

    /** A message whose Message-ID stays what the demo set, so threads hold together across runs. */
    private static final class DemoMessage extends MimeMessage {
        DemoMessage(Session session, String id) throws MessagingException {
            super(session);
            setHeader("Message-ID", "<" + id + "@demo.mailsync.test>");
        }

        @Override
        protected void updateMessageID() {
            // keep the deterministic id
        }
    }
}
