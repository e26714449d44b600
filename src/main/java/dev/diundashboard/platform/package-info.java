/** Cross-cutting HTTP concerns: the one JSON error shape, JSON-B settings, canonical JSON output and security headers. */
package dev.diundashboard.platform;
