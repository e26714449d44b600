/**
 * Observability: MicroProfile Health checks, MicroProfile Metrics (webhooks, latencies, the pool, slow
 * queries, the outbox's deliveries). Features record into it ({@link
 * dev.diundashboard.observe.DeliveryMetrics}), so it depends on no feature package, only on {@code
 * storage} and {@code live}.
 */
package dev.diundashboard.observe;
