package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring material under deploy/ is checked by Prometheus's own tool: the scrape config, the alert
 * and recording rules and their unit tests (deploy/prometheus/check.sh), and every query of the Grafana
 * dashboard. Skipped where promtool is not installed, unless NTRK_REQUIRE_PROMTOOL=true (as in CI).
 */
class MonitoringRulesTest {

    private static final Path ROOT = Paths.get(System.getProperty("ntrk.repository.root", "../.."))
            .toAbsolutePath().normalize();

    @Test
    void alertRulesAndTheirTestsPassPromtool() throws Exception {
        requirePromtool();
        Result result = run(ROOT, "sh", "deploy/prometheus/check.sh");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("all Prometheus checks passed");
    }

    @Test
    void everyDashboardQueryIsValidPromql(@TempDir Path temp) throws Exception {
        JsonNode dashboard = JsonMapper.builder().build()
                .readTree(ROOT.resolve("deploy/grafana/dashboards/ntrk-lab-operations.json").toFile());
        assertThat(dashboard.path("uid").asString()).isEqualTo("ntrk-lab-ops");
        List<String> queries = new ArrayList<>();
        collectQueries(dashboard, queries);
        assertThat(queries).as("dashboard queries").hasSizeGreaterThanOrEqualTo(10);
        assertThat(String.join("\n", queries)).contains("ntrk_turnaround_working_days_bucket", "ntrk_cases_in_progress",
                "ntrk_cases_overdue", "ntrk_qc_decisions_total");

        requirePromtool();
        // promtool checks PromQL inside rule files, so each query becomes a recording rule of a scratch file.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            String expr = queries.get(i).replace("$window", "1d").replace("$__rate_interval", "5m")
                    .replace("$__range", "1d").replace("$__interval", "1m");
            rules.append("      - record: dashboard_query_").append(i).append("\n        expr: |\n");
            for (String line : expr.split("\n")) {
                rules.append("          ").append(line).append('\n');
            }
        }
        Path file = temp.resolve("dashboard-queries.yml");
        Files.writeString(file, rules, StandardCharsets.UTF_8);
        Result result = run(temp, "promtool", "check", "rules", file.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static void collectQueries(JsonNode node, List<String> queries) {
        if (node.isObject()) {
            JsonNode expr = node.get("expr");
            if (expr != null && expr.isString() && !expr.asString().isBlank()) {
                queries.add(expr.asString());
            }
            node.values().forEach(child -> collectQueries(child, queries));
        } else if (node.isArray()) {
            node.forEach(child -> collectQueries(child, queries));
        }
    }

    private static void requirePromtool() throws InterruptedException {
        boolean present;
        try {
            present = run(ROOT, "promtool", "--version").exitCode() == 0;
        } catch (IOException e) {
            present = false;
        }
        if (!present && "true".equals(System.getenv("NTRK_REQUIRE_PROMTOOL"))) {
            throw new AssertionError("promtool is required (NTRK_REQUIRE_PROMTOOL=true) but not installed; "
                    + "on Debian: apt-get install prometheus");
        }
        Assumptions.assumeTrue(present, "promtool is not installed; the monitoring checks are skipped");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
