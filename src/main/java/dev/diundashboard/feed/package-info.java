/**
 * The Atom feed of pending updates, {@code /feed.atom}, for feed readers: written with ROME from the
 * list's own query ({@link dev.diundashboard.feed.AtomFeed}), opened with a read-only feed token when
 * login is on ({@link dev.diundashboard.feed.FeedResource}).
 */
package dev.diundashboard.feed;
