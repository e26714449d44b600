/** Live refresh: Server-Sent Events for every committed change, so open dashboards update without a reload. */
package dev.diundashboard.live;
