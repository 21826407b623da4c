package io.mailsync.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark's markdown result: figures appended as they are measured, the load average sampled along
 * the way (the machines are shared), written to {@code target/bench-results/<id>.md} for bench/run.sh.
 */
final class BenchReport {

    private final String id;
    private final String title;
    private final List<String> lines = new ArrayList<>();
    private final List<String> loads = new ArrayList<>();

    BenchReport(String id, String title) {
        this.id = id;
        this.title = title;
        sampleLoad("start");
    }

    /** Notes the 1-minute load average now; printed with the figures. */
    void sampleLoad(String when) {
        loads.add(when + " " + loadAverage());
    }

    void line(String text) {
        lines.add(text);
        System.out.println("[bench " + id + "] " + text);
    }

    void blank() {
        lines.add("");
    }

    /** Writes the report; returns its path. */
    Path write() {
        sampleLoad("end");
        StringBuilder md = new StringBuilder();
        md.append("## ").append(id.toUpperCase(Locale.ROOT)).append(": ").append(title).append("\n\n");
        md.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", heap max ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs\n");
        md.append("- load average (1 min) during the run: ").append(String.join(", ", loads)).append("\n");
        md.append("- JVM arguments: ").append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().filter(a -> a.startsWith("-X")).toList())).append("\n\n");
        lines.forEach(l -> md.append(l).append('\n'));
        Path out = Path.of("target", "bench-results", id + ".md");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[bench " + id + "] written to " + out.toAbsolutePath());
        return out;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The q-quantile (0..1) of the values, nearest rank. */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f ms" : "%.0f ms", millis);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }

    static String verdict(boolean met) {
        return met ? "**met**" : "**missed**";
    }
}
