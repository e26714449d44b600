/** Optional login (DASHBOARD_USER/DASHBOARD_PASSWORD) through Jakarta Security: form login for the page, Basic for API clients, CSRF for the page's calls. */
package dev.diundashboard.security;
