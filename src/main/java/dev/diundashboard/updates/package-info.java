/** Image updates: the list with its filters, one update with its history, acknowledgement, deletion and the summary. Owns the ImageUpdate and UpdateEvent entities. */
package dev.diundashboard.updates;
