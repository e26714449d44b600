/**
 * Observability: MicroProfile Health checks, MicroProfile Metrics (webhooks, latencies, the pool, slow
 * queries) and the retention timer that prunes old history.
 */
package dev.diundashboard.observe;
