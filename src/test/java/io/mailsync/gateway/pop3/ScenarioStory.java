package io.mailsync.gateway.pop3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scripted story of devices acting on one mailbox, read from a small text file, one step per line. */
record ScenarioStory(int messages, Map<String, Actor> devices, List<Step> steps) {

    /** A device of the story: its declared mode and, for POP3, whether it deletes from the server after download. */
    record Actor(String name, boolean pop, boolean deletesAfterDownload) {
    }

    /** One step: a device, a verb (read, move, download, delete), the message number and the target folder. */
    record Step(String device, String verb, int message, String folder) {
    }

    private static final Pattern LINE = Pattern.compile(
            "([A-Za-z][\\w-]*)(?:\\(\\s*(IMAP|POP3)\\s*(?:,\\s*(keep|delete-after-download)\\s*)?\\))?"
                    + "\\s+(read|move|download|delete)(?:\\s+(\\d+))?(?:\\s+(\\S+))?");

    static ScenarioStory parse(List<String> lines) {
        int messages = 5;
        Map<String, Actor> devices = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("messages ")) {
                messages = Integer.parseInt(line.substring("messages ".length()).strip());
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("line " + number + ": cannot read \"" + line + "\"");
            }
            String device = m.group(1);
            if (m.group(2) != null) {
                devices.put(device, new Actor(device, "POP3".equals(m.group(2)),
                        "delete-after-download".equals(m.group(3))));
            } else if (!devices.containsKey(device)) {
                throw new IllegalArgumentException("line " + number + ": declare " + device + "(IMAP|POP3) first");
            }
            String verb = m.group(4);
            int message = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            boolean needsMessage = !"download".equals(verb);
            if (needsMessage && (message < 1 || message > messages)) {
                throw new IllegalArgumentException("line " + number + ": " + verb + " needs a message 1.." + messages);
            }
            if ("move".equals(verb) == (m.group(6) == null)) {
                throw new IllegalArgumentException("line " + number + ": a folder goes with move, and only with it");
            }
            steps.add(new Step(device, verb, message, m.group(6)));
        }
        return new ScenarioStory(messages, devices, steps);
    }

    /** The folders the story moves messages to, to create upstream before the account is mirrored. */
    Set<String> targetFolders() {
        Set<String> folders = new LinkedHashSet<>();
        steps.stream().filter(s -> s.folder() != null).forEach(s -> folders.add(s.folder()));
        return folders;
    }
}
