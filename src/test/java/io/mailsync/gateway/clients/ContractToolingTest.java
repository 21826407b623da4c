package io.mailsync.gateway.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed contract is what app teams build on: the TypeScript client generated from it must
 * compile with the typed usage in clients/typescript/src/usage.ts, and Spectral must find no error in it.
 * Needs Node.js and npm; skipped loudly without them, and required in CI (-Dclients.require-node=true).
 */
class ContractToolingTest {

    static final String REQUIRE_PROPERTY = "clients.require-node";
    private static final Path BUILD = Path.of("clients", "typescript", "build.sh").toAbsolutePath();
    private static final Path LOG = Path.of("target", "clients-typescript.log");

    @BeforeAll
    static void nodeAvailable() {
        Optional<String> missing = List.of("node", "npm").stream().filter(tool -> !onPath(tool)).findFirst();
        if (missing.isEmpty()) {
            return;
        }
        String message = "the TypeScript client and the contract lint cannot run: " + missing.get()
                + " is not installed (apt-get install nodejs npm)";
        if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
            throw new IllegalStateException(message + " (required because -D" + REQUIRE_PROPERTY + "=true)");
        }
        System.err.println();
        System.err.println("!!!!!!!!!! SKIPPING TYPESCRIPT CLIENT AND CONTRACT LINT !!!!!!!!!!");
        System.err.println("!!! " + message);
        System.err.println("!!! Set -D" + REQUIRE_PROPERTY + "=true to make this a failure.");
        System.err.println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        Assumptions.abort(message);
    }

    @Test
    void typescriptClientCompilesAndTheContractHasNoLintErrors() throws Exception {
        Outcome outcome = build(LOG);

        assertEquals(0, outcome.exitCode(), "clients/typescript/build.sh failed:\n" + outcome.output());
        assertTrue(outcome.output().contains("TypeScript client compiles"), outcome.output());
        assertTrue(outcome.output().contains("contract lint passed"), outcome.output());
        assertTrue(Files.readString(Path.of("clients", "typescript", "src", "generated", "api.ts"))
                .contains("listMessages"), "the generated client has the operations of the contract");
    }

    @Test
    void lintFailsOnAContractWithErrors() throws Exception {
        Outcome outcome = build(Path.of("target", "clients-lint-fixture.log"),
                "--lint", Path.of("src", "test", "resources", "clients", "contract-with-lint-errors.yaml").toString());

        assertEquals(1, outcome.exitCode(), outcome.output());
        assertTrue(outcome.output().contains("\"ETag\" property must have required property \"schema\""), outcome.output());
        assertTrue(outcome.output().contains("path-params"), outcome.output());
        assertTrue(outcome.output().contains("FAILED: Spectral reports errors"), outcome.output());
    }

    /** What build.sh printed and how it ended. */
    private record Outcome(int exitCode, String output) {
    }

    private static Outcome build(Path log, String... arguments) throws Exception {
        Files.createDirectories(log.getParent());
        List<String> command = new java.util.ArrayList<>(List.of(BUILD.toString()));
        command.addAll(List.of(arguments));
        Process build = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = build.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            build.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, "clients/typescript/build.sh did not finish within 10 minutes:\n" + output);
        return new Outcome(build.exitValue(), output);
    }

    private static boolean onPath(String tool) {
        try {
            Process which = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
            return which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
