/**
 * Observability: MicroProfile Health checks, MicroProfile Metrics (webhooks, latencies, the pool, slow
 * queries). It watches the other packages and nothing depends on it.
 */
package dev.diundashboard.observe;
