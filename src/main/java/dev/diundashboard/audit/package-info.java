/** The audit log of user actions (acknowledgements, deletions, tag and token changes), written in the same transaction as the action. */
package dev.diundashboard.audit;
