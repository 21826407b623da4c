package io.mailsync.gateway.deploy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard queries only metrics the gateway exports, and shows every one of the gateway's own. */
public class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("deploy/grafana/mailsync-gateway.json");

    /** The gateway's own metrics, as Micrometer exports them to Prometheus (the names the code registers). */
    public static final Set<String> GATEWAY_METRICS = Set.of(
            "mailsync_accounts",
            "mailsync_sync_pass_seconds",
            "mailsync_sync_lag_seconds",
            "mailsync_imap_connections",
            "mailsync_outbox_published_total",
            "mailsync_outbox_backlog",
            "mailsync_sse_sessions",
            "mailsync_pop3_sessions");

    /** Quarkus' own HTTP server and JVM metrics that the dashboard reads. */
    private static final Set<String> PLATFORM_METRICS = Set.of(
            "http_server_requests_seconds",
            "jvm_memory_used_bytes",
            "jvm_memory_max_bytes",
            "jvm_threads_live_threads",
            "process_cpu_usage");

    /** Series Prometheus derives from a Micrometer timer. */
    private static final List<String> TIMER_SUFFIXES = List.of("_count", "_sum", "_max", "_bucket");

    /** A metric selector: the dashboard always scopes a metric by {namespace, pod}. */
    private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    @Test
    void everyPanelQueriesKnownMetricsThroughTheDatasourceVariable() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<JsonNode> panels = new ArrayList<>();
        collectPanels(dashboard.path("panels"), panels);
        List<String> problems = new ArrayList<>();
        Set<String> queried = new HashSet<>();
        int queries = 0;

        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            if (!"${datasource}".equals(panel.path("datasource").path("uid").asText())) {
                problems.add(title + ": datasource is not the ${datasource} variable");
            }
            if (panel.path("targets").isEmpty()) {
                problems.add(title + ": no query");
            }
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                queries++;
                Matcher m = METRIC.matcher(expr);
                boolean any = false;
                while (m.find()) {
                    any = true;
                    String metric = m.group(1);
                    String family = family(metric);
                    if (family == null) {
                        problems.add(title + ": unknown metric " + metric);
                    } else {
                        queried.add(family);
                    }
                }
                if (!any) {
                    problems.add(title + ": query names no metric: " + expr);
                }
            }
        }

        assertThat(problems, empty());
        assertFalse(panels.isEmpty());
        assertEquals(true, queries >= GATEWAY_METRICS.size());
        for (String metric : GATEWAY_METRICS) {
            assertThat("a panel shows " + metric, queried, hasItem(metric));
        }
        assertThat(queried, hasItem("http_server_requests_seconds"));
        assertThat(queried, hasItem("jvm_memory_used_bytes"));
        assertEquals("datasource", dashboard.path("templating").path("list").path(0).path("type").asText());
    }

    private static String family(String metric) {
        Set<String> known = new HashSet<>(GATEWAY_METRICS);
        known.addAll(PLATFORM_METRICS);
        if (known.contains(metric)) {
            return metric;
        }
        for (String suffix : TIMER_SUFFIXES) {
            if (metric.endsWith(suffix)) {
                String base = metric.substring(0, metric.length() - suffix.length());
                if (base.endsWith("_seconds") && known.contains(base)) {
                    return base;
                }
            }
        }
        return null;
    }

    private static void collectPanels(JsonNode list, List<JsonNode> into) {
        for (JsonNode panel : list) {
            if ("row".equals(panel.path("type").asText())) {
                collectPanels(panel.path("panels"), into);
            } else {
                into.add(panel);
            }
        }
    }
}
