package io.mailsync.gateway.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailsync.gateway.pop3.ScenarioRunner.Model;
import io.mailsync.gateway.pop3.ScenarioRunner.Outcome;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays a story under the IMAP and the POP model and prints both tables. The sample story is
 * {@code src/test/resources/scenarios/sample.story}; run another with {@code -Dscenario=path/to/file}.
 * The tables go to standard output and to {@code target/scenario-report.md}.
 */
@QuarkusTest
class ScenarioRunnerTest {

    private static final Path SAMPLE = Path.of("src/test/resources/scenarios/sample.story");

    @Inject
    ScenarioRunner runner;

    @Test
    void replaysTheStoryUnderBothModels() throws Exception {
        Path file = Path.of(System.getProperty("scenario", SAMPLE.toString()));
        List<Outcome> outcomes = runner.run(ScenarioStory.parse(Files.readAllLines(file, StandardCharsets.UTF_8)));
        StringBuilder report = new StringBuilder("## Scenario: ").append(file.getFileName()).append("\n\n");
        outcomes.forEach(o -> report.append(o.markdown()).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/scenario-report.md"), report);
        System.out.println(report);
        if (!file.equals(SAMPLE)) {
            return; // another story: the printed tables are the result
        }
        Outcome imap = outcomes.get(0);
        Outcome pop = outcomes.get(1);
        assertEquals(Model.IMAP, imap.model());

        // IMAP: one shared state. The phone's read shows on the PC, the PC's move on the phone,
        // and the tablet's delete removes message 2 for everyone.
        assertTrue(imap.cell("pc", 3).seen(), imap.markdown());
        assertEquals("Archive", imap.cell("phone", 5).folder(), imap.markdown());
        assertFalse(imap.cell("phone", 2).present(), imap.markdown());
        assertEquals("unread, INBOX", imap.cell("tablet", 1).text());
        assertEquals("read, INBOX", imap.cell(ScenarioRunner.SERVER, 3).text());

        // POP: each device its own copy. The phone's read and the PC's move stay on those devices...
        assertEquals("read, INBOX", pop.cell("phone", 3).text(), pop.markdown());
        assertFalse(pop.cell("pc", 3).seen(), pop.markdown());
        assertEquals("not downloaded", pop.cell("pc", 3).text(), pop.markdown());
        assertEquals("unread, Archive", pop.cell("pc", 5).text(), pop.markdown());
        assertEquals("not downloaded", pop.cell("phone", 5).text(), pop.markdown());
        // ...while the tablet's delete-after-download took every message off the server, so IMAP devices lose them
        for (int i = 1; i <= 5; i++) {
            assertFalse(pop.cell(ScenarioRunner.SERVER, i).present(), pop.markdown());
        }
        assertEquals("deleted", pop.cell("tablet", 2).text(), pop.markdown());
        assertEquals("unread, INBOX", pop.cell("tablet", 1).text(), pop.markdown());
        assertTrue(pop.markdown().contains("| 1 | not downloaded | not downloaded | unread, INBOX | deleted |"),
                pop.markdown());
        assertTrue(pop.comparisonSummary().contains("removed from the server by POP: 5"), pop.comparisonSummary());
    }

    @Test
    void storyLinesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ScenarioStory.parse(List.of("phone read 3")));
        assertThrows(IllegalArgumentException.class, () -> ScenarioStory.parse(List.of("phone(IMAP) read 9")));
        assertThrows(IllegalArgumentException.class, () -> ScenarioStory.parse(List.of("pc(IMAP) move 2")));
        assertThrows(IllegalArgumentException.class, () -> ScenarioStory.parse(List.of("pc(SMTP) read 2")));
        ScenarioStory story = ScenarioStory.parse(List.of("messages 3", "tablet(POP3, delete-after-download) download",
                "tablet delete 2"));
        assertTrue(story.devices().get("tablet").deletesAfterDownload());
        assertEquals(2, story.steps().size());
    }
}
