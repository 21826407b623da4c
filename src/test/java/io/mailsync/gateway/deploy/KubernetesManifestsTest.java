package io.mailsync.gateway.deploy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every overlay under deploy/kubernetes renders and passes the Kubernetes and operator schemas; broken ones do not. */
class KubernetesManifestsTest {

    private static final Path RENDERED = ManifestValidator.REPOSITORY.resolve("target/kubernetes");

    @BeforeAll
    static void validatorAvailable() {
        ManifestValidator.requireOrSkip();
    }

    @Test
    void everyOverlayRendersAndIsValid() throws Exception {
        ManifestValidator.Outcome outcome = ManifestValidator.run(RENDERED);

        assertEquals(0, outcome.exitCode(), outcome.output());
        for (String overlay : List.of("dev", "prod", "plain")) {
            assertThat(outcome.output(), containsString("VALID " + overlay + ".yaml:"));
        }
        assertThat(outcome.output(), not(containsString("INVALID")));
        // the secrets README.md tells operators to create (CloudNativePG makes mailsync-postgres-app)
        assertThat(outcome.output(), containsString("VALID prod.yaml:"));
        assertEquals(List.of("mailsync-gateway-kafka, mailsync-gateway-secrets, mailsync-postgres-app"),
                secretsRead(outcome.output(), "prod.yaml"));
        assertEquals(List.of("mailsync-gateway-database, mailsync-gateway-kafka, mailsync-gateway-secrets"),
                secretsRead(outcome.output(), "plain.yaml"));
        String prod = Files.readString(RENDERED.resolve("prod.yaml"));
        for (String expected : List.of("kind: KafkaTopic", "kind: Cluster", "kind: HorizontalPodAutoscaler",
                "kind: PodDisruptionBudget", "readOnlyRootFilesystem: true", "path: /q/health/live",
                "path: /q/health/ready", "QUARKUS_HTTP_HOST: 0.0.0.0")) {
            assertThat(prod, containsString(expected));
        }
        String plain = Files.readString(RENDERED.resolve("plain.yaml"));
        assertThat(plain, containsString("kind: StatefulSet"));
        assertThat(plain, not(containsString("strimzi.io")));
        assertThat(plain, not(containsString("cnpg.io")));
    }

    private static List<String> secretsRead(String output, String file) {
        String after = output.substring(output.indexOf("VALID " + file + ":"));
        return after.lines().skip(1).limit(1)
                .map(line -> line.replace("  secrets read (not in the bundle): ", ""))
                .toList();
    }

    @Test
    void brokenManifestsAreReportedOneByOne() throws Exception {
        Path fixture = ManifestValidator.REPOSITORY.resolve("src/test/resources/deploy/broken-manifests");

        ManifestValidator.Outcome outcome = ManifestValidator.run(
                ManifestValidator.REPOSITORY.resolve("target/kubernetes-fixtures"), fixture);

        assertEquals(1, outcome.exitCode(), outcome.output());
        for (String expected : List.of(
                "INVALID broken-manifests.yaml",
                "Deployment/broken-gateway: data/spec/template/spec/containers/0/ports/0/containerPort must be integer",
                "Deployment/broken-gateway: container gateway: securityContext.readOnlyRootFilesystem must be true",
                "Deployment/broken-gateway: spec/template/spec/containers/0/securityContext/readOnlyRootFilesytem: unknown field",
                "Deployment/broken-gateway: spec/template/spec/containers/0/livenessProbe/periodSecond: unknown field",
                "Service/broken-gateway: port pop3: targetPort pop3 is no container port name",
                "KafkaTopic/broken-topic: data/spec/partitions must be integer",
                "KafkaTopics/misspelt-kind: unknown kind KafkaTopics")) {
            assertThat(outcome.output(), containsString(expected));
        }
    }
}
