import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Measures the dashboard's first render in Debian's Chromium: from navigation start until the first
 * page of rows is in the DOM, over several cold loads. Baseline in the same run: the raw API call for
 * the same page, with the JDK HTTP client. Usage: java -cp CLASSPATH FirstRender.java URL [runs]
 */
public class FirstRender {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Double> render = new ArrayList<>();
        List<Double> api = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        try (Playwright pw = Playwright.create(new Playwright.CreateOptions()
                        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(java.nio.file.Path.of("/usr/bin/chromium"))
                        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking")))) {
            for (int i = 0; i < runs + 1; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/updates?state=pending&limit=100")).build(),
                        HttpResponse.BodyHandlers.ofString());
                double apiMs = (System.nanoTime() - t0) / 1e6;
                var context = browser.newContext();
                Page page = context.newPage();
                page.navigate(base + "/");
                page.waitForFunction("() => document.querySelectorAll('li.row').length >= 100");
                double ms = ((Number) page.evaluate("() => performance.now()")).doubleValue();
                int rows = ((Number) page.evaluate("() => document.querySelectorAll('li.row').length")).intValue();
                String total = page.locator("[data-count=pending]").textContent();
                context.close();
                if (i == 0) {
                    System.out.printf("warm-up: %.0f ms, %d rows shown of %s pending, API %d bytes%n", ms, rows, total,
                            r.body().length());
                    continue;
                }
                render.add(ms);
                api.add(apiMs);
            }
        }
        Collections.sort(render);
        Collections.sort(api);
        System.out.printf("first render (navigation start -> 100 rows in the DOM), %d cold loads:%n", runs);
        System.out.printf("  median %.0f ms, p95 %.0f ms, max %.0f ms%n", pct(render, 50), pct(render, 95),
                render.get(render.size() - 1));
        System.out.printf("baseline, raw API first page: median %.1f ms, p95 %.1f ms%n", pct(api, 50), pct(api, 95));
    }

    static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
