package io.mailsync.gateway.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The probe and metrics paths the Kubernetes Deployment names are served by the gateway. */
@QuarkusTest
class ProbeEndpointsTest {

    private static final Path DEPLOYMENT = Path.of("deploy/kubernetes/base/deployment.yaml");
    private static final Pattern PROBE = Pattern.compile("(startupProbe|livenessProbe|readinessProbe):\\s*\\n\\s*httpGet:\\s*\\n\\s*path: (\\S+)");

    @Test
    void everyProbePathOfTheDeploymentAnswers() throws Exception {
        String deployment = Files.readString(DEPLOYMENT);
        Map<String, String> probes = new LinkedHashMap<>();
        Matcher m = PROBE.matcher(deployment);
        while (m.find()) {
            probes.put(m.group(1), m.group(2));
        }
        assertEquals(Map.of("startupProbe", "/q/health/started", "livenessProbe", "/q/health/live",
                "readinessProbe", "/q/health/ready"), probes);

        given().when().get(probes.get("startupProbe")).then().statusCode(200);
        given().when().get(probes.get("livenessProbe")).then().statusCode(200);
        // readiness may be down while a dependency is (that is its point), but the path must exist
        given().when().get(probes.get("readinessProbe")).then().statusCode(anyOf(is(200), is(503)));
        String scrapePath = deployment.replaceAll("(?s).*prometheus.io/path: (\\S+).*", "$1");
        given().when().get(scrapePath).then().statusCode(200);
    }
}
