/**
 * What the integration tests in {@code dev.diundashboard.it} share and are not tests themselves: the
 * HTTP client ({@link dev.diundashboard.it.support.Api}, {@link dev.diundashboard.it.support.RawHttp}),
 * notifications and the hostile corpus, the browser, the servers the tests start (Payara Micro,
 * Payara Server and GlassFish domains, a private PostgreSQL, a TCP proxy), the PostgreSQL the run uses
 * ({@link dev.diundashboard.it.support.PostgresForTests}) and the conditions that require it or
 * Chromium. The package above keeps only the entry points ({@code *IT}) and the suites written once.
 */
package dev.diundashboard.it.support;
