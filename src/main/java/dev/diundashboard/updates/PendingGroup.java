package dev.diundashboard.updates;

/**
 * The number of pending updates that share a host, a stack and a version class; the stack and the
 * class are null where not known (the class as its wire name, e.g. {@code patch}).
 */
public record PendingGroup(String hostname, String stack, String versionClass, long count) {}
