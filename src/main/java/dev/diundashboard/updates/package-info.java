/**
 * Image updates: the list with its filters, one update with its history, acknowledgement, deletion,
 * the summary, and the retention timer that prunes old history. Owns the ImageUpdate and UpdateEvent
 * entities.
 */
package dev.diundashboard.updates;
