package io.mailsync.gateway.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** One scrape of {@code /q/metrics} (Prometheus text format), read sample by sample: what tests and benchmarks check. */
public final class MetricsScrape {

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private MetricsScrape(List<Sample> samples) {
        this.samples = samples;
    }

    public static MetricsScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            Map<String, String> labels = new LinkedHashMap<>();
            String name;
            String rest;
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                int end = labels(line, brace + 1, labels);
                rest = line.substring(end + 1).trim();
            } else {
                name = line.substring(0, space);
                rest = line.substring(space + 1).trim();
            }
            String value = rest.split(" ")[0];
            samples.add(new Sample(name, labels, Double.parseDouble(value)));
        }
        return new MetricsScrape(samples);
    }

    /** Reads {@code a="x",b="y"} from {@code from}; answers the index of the closing brace. */
    private static int labels(String line, int from, Map<String, String> into) {
        int at = from;
        while (line.charAt(at) != '}') {
            int equals = line.indexOf('=', at);
            String key = line.substring(at, equals);
            StringBuilder value = new StringBuilder();
            int i = equals + 2;
            while (line.charAt(i) != '"') {
                char c = line.charAt(i);
                if (c == '\\') {
                    char next = line.charAt(++i);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                i++;
            }
            into.put(key, value.toString());
            at = i + 1;
            if (line.charAt(at) == ',') {
                at++;
            }
        }
        return at;
    }

    /** The first sample of {@code name}, whatever its labels. */
    public OptionalDouble first(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).findFirst();
    }

    /** The sample of {@code name} that carries these labels (pairs of label and value), among any others. */
    public OptionalDouble value(String name, String... labelPairs) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> {
                    for (int i = 0; i < labelPairs.length; i += 2) {
                        if (!labelPairs[i + 1].equals(s.labels().get(labelPairs[i]))) {
                            return false;
                        }
                    }
                    return true;
                })
                .mapToDouble(Sample::value)
                .findFirst();
    }

    /** Whether the family is exported: a sample named {@code family}, or its timer parts {@code _count}, {@code _sum}, {@code _max}. */
    public boolean hasFamily(String family) {
        return samples.stream().anyMatch(s -> s.name().equals(family) || s.name().equals(family + "_count")
                || s.name().equals(family + "_sum") || s.name().equals(family + "_max"));
    }
}
