package dev.diundashboard.it.support;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserType.LaunchOptions;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, without any browser download. Missing Chromium skips the
 * browser tests, except under CI=true, where it fails them.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("diun.it.chromium", "/usr/bin/chromium"));

    public final Playwright playwright;
    public final com.microsoft.playwright.Browser browser;

    public Browser() {
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
    }

    public static boolean available() {
        return Files.isExecutable(CHROMIUM);
    }

    public com.microsoft.playwright.BrowserContext context(int width, int height, String colorScheme) {
        return browser.newContext(new NewContextOptions()
                .setViewportSize(width, height)
                .setColorScheme(
                        "dark".equals(colorScheme)
                                ? com.microsoft.playwright.options.ColorScheme.DARK
                                : com.microsoft.playwright.options.ColorScheme.LIGHT));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
