/**
 * What every resource of the HTTP API shares: ids in paths, paging, the list envelope and the check
 * for unknown query parameters. Any feature may use it; it uses only {@code platform}.
 */
package dev.diundashboard.api;
