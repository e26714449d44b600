/** Serves the dashboard page and its static files from the WAR. */
package dev.diundashboard.ui;
