package io.mailsync.gateway.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs deploy/kubernetes/validate.sh for tests; the Kubernetes manifests are checked by that one script only. */
final class ManifestValidator {

    /** Set to true by CI: the tests then fail instead of skipping when Node.js or npm is missing. */
    static final String REQUIRE_PROPERTY = "deploy.require-validator";

    static final Path REPOSITORY = Path.of("").toAbsolutePath();
    static final Path SCRIPT = REPOSITORY.resolve("deploy/kubernetes/validate.sh");

    /** What the script printed (stdout and stderr together) and how it ended. */
    record Outcome(int exitCode, String output) {
    }

    private ManifestValidator() {
    }

    /** Returns when the script can run; otherwise fails when required (as in CI), or skips loudly. */
    static void requireOrSkip() {
        Optional<String> reason = unavailableReason();
        if (reason.isEmpty()) {
            return;
        }
        String message = "Kubernetes manifest validation cannot run: " + reason.get();
        if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
            throw new IllegalStateException(message + " (required because -D" + REQUIRE_PROPERTY + "=true)");
        }
        System.err.println();
        System.err.println("!!!!!!!!!! SKIPPING KUBERNETES MANIFEST VALIDATION !!!!!!!!!!");
        System.err.println("!!! " + message);
        System.err.println("!!! Install Node.js and npm (apt-get install nodejs npm), or set -D" + REQUIRE_PROPERTY
                + "=true to make this a failure.");
        System.err.println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        Assumptions.abort(message);
    }

    private static Optional<String> unavailableReason() {
        if (!Files.isExecutable(SCRIPT)) {
            return Optional.of(SCRIPT + " is missing or not executable");
        }
        for (String tool : List.of("node", "npm")) {
            try {
                Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return Optional.of(tool + " --version failed");
                }
            } catch (IOException e) {
                return Optional.of(tool + " is not installed");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
        return Optional.empty();
    }

    /** Runs the script on the given kustomization directories (none: every overlay), rendering into renderDir. */
    static Outcome run(Path renderDir, Path... kustomizations) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        for (Path k : kustomizations) {
            command.add(k.toAbsolutePath().toString());
        }
        Path log = Files.createTempFile("validate", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("RENDER_DIR", renderDir.toAbsolutePath().toString());
        Process process = builder.start();
        // the first run installs the validator with npm ci
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("validate.sh did not finish within 10 minutes:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Outcome(process.exitValue(), output);
    }
}
