/**
 * Observability: MicroProfile Health checks, MicroProfile Metrics (webhooks, latencies, the pool, slow
 * queries, the outbox's deliveries). Features record into it ({@link
 * dev.diundashboard.observe.DeliveryMetrics}), so it depends on no feature package, only on {@code
 * storage} and {@code live}; gauges that need a feature's own definitions (the pending updates) live
 * in that feature.
 */
package dev.diundashboard.observe;
