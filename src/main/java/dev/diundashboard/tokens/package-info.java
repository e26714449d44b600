/** Webhook authentication: WEBHOOK_SECRET and named tokens managed at /api/tokens, stored as hashes only. */
package dev.diundashboard.tokens;
