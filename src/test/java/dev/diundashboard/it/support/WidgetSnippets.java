package dev.diundashboard.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The home-page dashboard configurations under {@code docs/widgets}, read the way each tool reads
 * them: which fields of {@code /api/summary} each one shows, and from which URL. A snippet that no
 * longer parses, or no longer names its fields where its tool looks for them, fails here.
 */
public final class WidgetSnippets {

    public static final Path FOLDER = ServerTools.BASEDIR.resolve("docs/widgets");

    /** What a tool does with a field's value: shows it as a number, as a time, or as it is. */
    public enum Use {
        NUMBER,
        TIME,
        TEXT
    }

    /** One field of the summary, as a path of keys, and how the tool uses it. */
    public record Field(List<String> path, Use use) {

        static Field dotted(String path, Use use) {
            return new Field(Arrays.asList(path.split("\\.")), use);
        }

        @Override
        public String toString() {
            return String.join(".", path) + " (" + use + ")";
        }
    }

    /** What a snippet asks for: the URL it fetches and the fields it shows. */
    public record Snippet(String tool, String url, List<Field> fields) {}

    private WidgetSnippets() {}

    /**
     * Homepage's customapi widget: each {@code mappings[].field} is a key, or a map of one key to the
     * rest of the path ({@code byClass: major}); {@code format} says how the value is shown.
     */
    @SuppressWarnings("unchecked")
    public static Snippet homepage() throws IOException {
        List<Map<String, Object>> groups = (List<Map<String, Object>>) yaml("homepage.yaml");
        Map<String, Object> widget = null;
        for (Map<String, Object> group : groups) {
            for (Object services : group.values()) {
                for (Map<String, Object> service : (List<Map<String, Object>>) services) {
                    for (Object entry : service.values()) {
                        Object w = ((Map<String, Object>) entry).get("widget");
                        if (w instanceof Map<?, ?> m && "customapi".equals(m.get("type"))) {
                            widget = (Map<String, Object>) m;
                        }
                    }
                }
            }
        }
        if (widget == null) {
            throw new AssertionError("homepage.yaml has no customapi widget");
        }
        List<Field> fields = new ArrayList<>();
        for (Map<String, Object> mapping : (List<Map<String, Object>>) widget.get("mappings")) {
            List<String> path = new ArrayList<>();
            Object field = mapping.get("field");
            while (field instanceof Map<?, ?> m) {
                if (m.size() != 1) {
                    throw new AssertionError("a Homepage field map has one key: " + m);
                }
                Map.Entry<?, ?> e = m.entrySet().iterator().next();
                path.add(String.valueOf(e.getKey()));
                field = e.getValue();
            }
            path.add(String.valueOf(field));
            Object format = mapping.getOrDefault("format", "text");
            Use use = switch (String.valueOf(format)) {
                case "number", "float", "percent" -> Use.NUMBER;
                case "date", "relativeDate" -> Use.TIME;
                default -> Use.TEXT;
            };
            fields.add(new Field(path, use));
        }
        return new Snippet("Homepage", (String) widget.get("url"), fields);
    }

    /**
     * Glance's custom-api widget: the template reads fields with {@code .JSON.Int "byClass.major"}
     * and the like (gjson paths, dots between keys).
     */
    @SuppressWarnings("unchecked")
    public static Snippet glance() throws IOException {
        List<Map<String, Object>> widgets = (List<Map<String, Object>>) yaml("glance.yaml");
        Map<String, Object> widget = widgets.stream()
                .filter(w -> "custom-api".equals(w.get("type")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("glance.yaml has no custom-api widget"));
        Matcher m = Pattern.compile("\\.JSON\\.(String|Int|Float|Bool|Exists)\\s+\"([^\"]+)\"")
                .matcher((String) widget.get("template"));
        List<Field> fields = new ArrayList<>();
        while (m.find()) {
            Use use = m.group(1).equals("Int") || m.group(1).equals("Float") ? Use.NUMBER : Use.TEXT;
            fields.add(Field.dotted(m.group(2), use));
        }
        return new Snippet("Glance", (String) widget.get("url"), fields);
    }

    /**
     * Homarr's custom widget import: the display's items (stat grid, count grid), mappings (key
     * value) or single value name their fields as JSONPath ({@code $.byClass.major}).
     */
    public static Snippet homarr() throws IOException {
        JsonObject widget;
        try (JsonReader reader = Json.createReader(new StringReader(read("homarr.json")))) {
            widget = reader.readObject();
        }
        if (!"homarr-custom-widget-v2".equals(widget.getString("$schema", null))) {
            throw new AssertionError("homarr.json is not a homarr-custom-widget-v2 import");
        }
        JsonObject display = widget.getJsonObject("displayConfig");
        if (!widget.getString("displayType").equals(display.getString("type"))) {
            throw new AssertionError("Homarr refuses a displayType other than displayConfig.type");
        }
        List<Field> fields = new ArrayList<>();
        List<JsonValue> entries = new ArrayList<>();
        for (String list : List.of("items", "mappings")) {
            if (display.containsKey(list)) {
                entries.addAll(display.getJsonArray(list));
            }
        }
        if (display.containsKey("jsonPath")) {
            entries.add(display);
        }
        for (JsonValue entry : entries) {
            String path = entry.asJsonObject().getString("jsonPath");
            if (!path.startsWith("$.")) {
                throw new AssertionError("a field of the summary is $.<path>: " + path);
            }
            fields.add(Field.dotted(path.substring(2), Use.NUMBER));
        }
        return new Snippet("Homarr", widget.getString("url"), fields);
    }

    /**
     * Dashy's embed widget: the HTML names each field in a {@code data-diun-field} attribute, and the
     * script fetches the summary through Dashy's proxy from its {@code Target-URL} and fills those in.
     */
    @SuppressWarnings("unchecked")
    public static Snippet dashy() throws IOException {
        Map<String, Object> config = (Map<String, Object>) yaml("dashy.yaml");
        Map<String, Object> options = null;
        for (Map<String, Object> section : (List<Map<String, Object>>) config.get("sections")) {
            for (Map<String, Object> widget : (List<Map<String, Object>>) section.get("widgets")) {
                if ("embed".equals(widget.get("type"))) {
                    options = (Map<String, Object>) widget.get("options");
                }
            }
        }
        if (options == null) {
            throw new AssertionError("dashy.yaml has no embed widget");
        }
        String script = (String) options.get("script");
        if (!script.contains("querySelectorAll('[data-diun-field]')") || !script.contains("fetch('/cors-proxy'")) {
            throw new AssertionError("the Dashy script no longer fills in data-diun-field from /cors-proxy");
        }
        Matcher url = Pattern.compile("'Target-URL': '([^']+)'").matcher(script);
        if (!url.find()) {
            throw new AssertionError("the Dashy script names no Target-URL");
        }
        Matcher m = Pattern.compile("data-diun-field=\"([^\"]+)\"").matcher((String) options.get("html"));
        List<Field> fields = new ArrayList<>();
        while (m.find()) {
            fields.add(Field.dotted(m.group(1), Use.TEXT));
        }
        return new Snippet("Dashy", url.group(1), fields);
    }

    public static List<Snippet> all() throws IOException {
        return List.of(homepage(), glance(), homarr(), dashy());
    }

    private static Object yaml(String file) throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
    }

    private static String read(String file) throws IOException {
        return Files.readString(FOLDER.resolve(file), StandardCharsets.UTF_8);
    }
}
