package io.mailsync.gateway.mailbox;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What a folder is for, whatever the server calls it (RFC 6154 special-use, or a well-known name). */
public enum FolderRole {
    INBOX("inbox"),
    SENT("sent"),
    DRAFTS("drafts"),
    TRASH("trash"),
    JUNK("junk"),
    ARCHIVE("archive");

    private static final Map<String, FolderRole> SPECIAL_USE = Map.of(
            "\\sent", SENT, "\\drafts", DRAFTS, "\\trash", TRASH,
            "\\junk", JUNK, "\\archive", ARCHIVE, "\\all", ARCHIVE);

    /** Names that servers without SPECIAL-USE give these folders, lower-cased. */
    private static final Map<FolderRole, Set<String>> WELL_KNOWN_NAMES = Map.of(
            SENT, Set.of("sent", "sent items", "sent mail", "sent messages", "gesendet",
                    "gesendete elemente", "gesendete objekte", "envoyés", "éléments envoyés", "enviados",
                    "elementos enviados", "posta inviata", "inviati", "verzonden", "verzonden items",
                    "skickat", "wysłane", "отправленные", "送信済み", "送信済みアイテム", "送信済みメール",
                    "已发送", "已傳送", "보낸편지함"),
            DRAFTS, Set.of("drafts", "draft", "entwürfe", "brouillons", "borradores", "bozze",
                    "concepten", "utkast", "kopie robocze", "черновики", "下書き", "草稿", "임시보관함"),
            TRASH, Set.of("trash", "deleted", "deleted items", "deleted messages", "bin", "papierkorb",
                    "gelöschte elemente", "corbeille", "papelera", "elementos eliminados", "cestino",
                    "prullenbak", "verwijderde items", "papperskorgen", "kosz", "корзина", "ゴミ箱",
                    "削除済みアイテム", "已删除", "垃圾桶", "휴지통"),
            JUNK, Set.of("junk", "spam", "junk e-mail", "junk email", "bulk mail", "spamverdacht",
                    "courrier indésirable", "correo no deseado", "posta indesiderata", "ongewenste e-mail",
                    "skräppost", "спам", "迷惑メール", "垃圾邮件"),
            ARCHIVE, Set.of("archive", "archives", "archiv", "archivo", "archivio", "archief",
                    "arkiv", "archiwum", "архив", "アーカイブ", "归档", "보관"));

    private final String wireName;

    FolderRole(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name clients see, e.g. {@code sent}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<FolderRole> fromWireName(String name) {
        for (FolderRole role : values()) {
            if (role.wireName.equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The role an RFC 6154 attribute such as {@code \Sent} announces. */
    public static Optional<FolderRole> fromSpecialUse(String attribute) {
        return Optional.ofNullable(SPECIAL_USE.get(attribute.toLowerCase(Locale.ROOT)));
    }

    /**
     * The role a folder's own name suggests when the server announces none. Only top-level folders
     * and direct children of INBOX count: {@code Projects/Sent} is a user's folder, not the Sent folder.
     */
    public static Optional<FolderRole> guessFromPath(String path, char delimiter) {
        if ("INBOX".equalsIgnoreCase(path)) {
            return Optional.of(INBOX);
        }
        String name = path;
        String inboxPrefix = "INBOX" + delimiter;
        if (delimiter != 0 && path.regionMatches(true, 0, inboxPrefix, 0, inboxPrefix.length())) {
            name = path.substring(inboxPrefix.length());
        }
        if (delimiter != 0 && name.indexOf(delimiter) >= 0) {
            return Optional.empty();
        }
        String key = Normalizer.normalize(name.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        for (Map.Entry<FolderRole, Set<String>> entry : WELL_KNOWN_NAMES.entrySet()) {
            if (entry.getValue().contains(key)) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }
}
