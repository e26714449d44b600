/**
 * Optional login through Jakarta Security: DASHBOARD_USER/DASHBOARD_PASSWORD, or the app server's realm
 * with DASHBOARD_AUTH=realm (role {@code dashboard}); form login for the page, Basic for API clients,
 * CSRF for the page's calls.
 */
package dev.diundashboard.security;
