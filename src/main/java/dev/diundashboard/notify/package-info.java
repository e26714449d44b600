/**
 * Notification channels (ntfy, Gotify, Discord, Slack, email, generic webhooks) and their durable
 * outbox: what a channel must send is written in the transaction of its cause ({@link
 * dev.diundashboard.notify.Outbox}) and delivered with retries by {@link
 * dev.diundashboard.notify.OutboxSender}, each message rendered when it is sent from what is pending
 * then ({@link dev.diundashboard.notify.Messages}). docs/notifications.md says what users see.
 */
package dev.diundashboard.notify;
