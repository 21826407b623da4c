package io.mailsync.gateway.interop;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Realistic small RFC 822 messages for loading a test mailbox. */
public final class TestMessages {

    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
    private static final ZonedDateTime FIRST_DATE = ZonedDateTime.of(2026, 1, 5, 8, 0, 0, 0, ZoneOffset.UTC);
    private static final String[] SENDERS = {
        "Ada Lovelace <ada@example.org>",
        "Grace Hopper <grace@example.net>",
        "Alan Turing <alan@example.com>",
        "Margaret Hamilton <margaret@example.org>",
        "Dennis Ritchie <dmr@example.net>",
        "Barbara Liskov <barbara@example.com>",
        "Ken Thompson <ken@example.org>",
    };
    private static final String[] TOPICS = {
        "Quarterly report", "Lunch on Friday?", "Re: build is red again", "Invoice", "Meeting notes",
        "Fwd: travel plans", "Weekly digest", "Question about the release", "Photos from the trip",
    };

    private TestMessages() {
    }

    /**
     * {@code n} plain-text messages, one minute apart from 2026-01-05 08:00 UTC, with rotating senders
     * and subjects. Message-IDs are distinct, also across calls.
     */
    public static List<byte[]> simple(int n) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<byte[]> messages = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            messages.add(message(i, run));
        }
        return messages;
    }

    private static byte[] message(int i, String run) {
        String from = SENDERS[i % SENDERS.length];
        String subject = TOPICS[i % TOPICS.length] + " #" + i;
        String text = "Hello,\r\n\r\n"
                + "this is message " + i + " of a test mailbox (" + run + ").\r\n"
                + "It has a few lines so that it looks like real mail.\r\n\r\n"
                + "Best regards,\r\n" + from.substring(0, from.indexOf(' ')) + "\r\n";
        String message = "Return-Path: <" + from.substring(from.indexOf('<') + 1, from.indexOf('>')) + ">\r\n"
                + "From: " + from + "\r\n"
                + "To: Test User <user@mailsync.test>\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: " + RFC_5322_DATE.format(FIRST_DATE.plusMinutes(i - 1L)) + "\r\n"
                + "Message-ID: <" + String.format(Locale.ROOT, "%06d", i) + "." + run + "@mailsync.test>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 7bit\r\n"
                + "\r\n"
                + text;
        return message.getBytes(StandardCharsets.US_ASCII);
    }
}
