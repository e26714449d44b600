package dev.diundashboard.it.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The samples of a Prometheus text exposition, read as the format defines them (label values with
 * {@code \"}, {@code \\} and {@code \n} escapes), so that a test names a series by its labels rather
 * than by the exporter's order of them. The {@code mp_scope} label that Payara adds is dropped.
 */
public final class Exposition {

    /** One sample: the metric name, its labels and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;

    private Exposition(List<Sample> samples) {
        this.samples = samples;
    }

    public static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(sample(line));
            }
        }
        return new Exposition(samples);
    }

    /** The value of the series with exactly these labels, if it is there. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .map(Sample::value)
                .findFirst();
    }

    /** {@link #value} of a series that must be there. */
    public double get(String name, Map<String, String> labels) {
        return value(name, labels).orElseThrow(() -> new AssertionError("no series " + name + labels + " in /metrics"));
    }

    public double get(String name) {
        return get(name, Map.of());
    }

    /** The values of one label over the series of a metric. */
    public Set<String> labelValues(String name, String label) {
        Set<String> values = new TreeSet<>();
        samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().containsKey(label))
                .forEach(s -> values.add(s.labels().get(label)));
        return values;
    }

    /** The names of every sample's metric that starts with the prefix. */
    public Set<String> names(String prefix) {
        Set<String> names = new TreeSet<>();
        samples.stream().map(Sample::name).filter(n -> n.startsWith(prefix)).forEach(names::add);
        return names;
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || brace > space) {
            return new Sample(line.substring(0, space), Map.of(), value(line.substring(space + 1)));
        }
        String name = line.substring(0, brace);
        Map<String, String> labels = new LinkedHashMap<>();
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String label = line.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
            if (!label.equals("mp_scope")) {
                labels.put(label, value.toString());
            }
        }
        return new Sample(name, labels, value(line.substring(i + 1).trim()));
    }

    private static double value(String text) {
        String v = text.trim().split(" ")[0]; // a timestamp may follow
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }
}
