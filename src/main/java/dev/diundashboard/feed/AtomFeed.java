package dev.diundashboard.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import dev.diundashboard.updates.PageLinks;
import dev.diundashboard.updates.UpdateView;
import dev.diundashboard.updates.VersionJumps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Writes updates as an Atom 1.0 document. An entry stands for one update at one digest: when Diun
 * reports a newer digest of the same image, the entry's id changes, so a feed reader shows it as new.
 */
final class AtomFeed {

    static final String MEDIA_TYPE = "application/atom+xml";

    private AtomFeed() {}

    /**
     * @param title what the feed is of, such as {@code Pending updates}
     * @param self the feed's own address, without a token
     * @param page the page the feed stands for
     * @param base the dashboard's address, without a trailing slash, for links to updates
     * @param now the feed's {@code updated} when it has no entry
     */
    static String write(String title, String self, String page, String base, List<UpdateView> updates, Instant now) {
        Feed feed = new Feed("atom_1.0");
        feed.setId(self);
        feed.setTitle("DiunDashboard: " + title);
        feed.setAlternateLinks(List.of(link("alternate", page, "text/html")));
        feed.setOtherLinks(List.of(link("self", self, MEDIA_TYPE)));
        feed.setAuthors(List.of(person("DiunDashboard")));
        feed.setUpdated(Date.from(updates.stream()
                .map(UpdateView::lastSeen)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(now)));
        feed.setEntries(updates.stream().map(u -> entry(u, base)).toList());
        try {
            return new WireFeedOutput().outputString(feed);
        } catch (FeedException e) {
            throw new IllegalStateException("the feed could not be written", e);
        }
    }

    private static Entry entry(UpdateView u, String base) {
        String host = u.hostAlias() != null ? u.hostAlias() : u.hostname();
        String change = VersionJumps.change(u.image(), u.versionFrom(), u.versionClass(), u.status());
        Entry entry = new Entry();
        entry.setId("urn:diun-dashboard:update:" + u.id() + ":" + (u.digest() != null ? u.digest() : u.lastSeen()));
        entry.setTitle(xml(u.image() + ": " + change + " on " + host));
        entry.setUpdated(Date.from(u.lastSeen()));
        List<Link> links = new ArrayList<>();
        links.add(link("alternate", PageLinks.update(base, u.hostname(), u.image()), "text/html"));
        if (u.releaseNotesUrl() != null) {
            links.add(link("related", u.releaseNotesUrl(), "text/html"));
        }
        if (PageLinks.httpOnly(u.hubLink()) != null) {
            links.add(link("via", u.hubLink(), "text/html"));
        }
        entry.setAlternateLinks(links.subList(0, 1));
        entry.setOtherLinks(links.subList(1, links.size()));
        entry.setCategories(categories(u));
        Content summary = new Content();
        summary.setType(Content.TEXT);
        summary.setValue(xml(summary(u, host, change)));
        entry.setSummary(summary);
        return entry;
    }

    private static String summary(UpdateView u, String host, String change) {
        StringBuilder text = new StringBuilder(u.image()).append(": ").append(change);
        if (u.versionClass() != null) {
            text.append(" (").append(u.versionClass()).append(')');
        }
        text.append(" on ").append(host);
        if (!host.equals(u.hostname())) {
            text.append(" (").append(u.hostname()).append(')');
        }
        text.append('.');
        if (u.stack() != null) {
            text.append(" Stack: ").append(u.stack()).append('.');
        }
        if (u.tag() != null) {
            text.append(" Tag: ").append(u.tag().name()).append('.');
        }
        if (u.digest() != null) {
            text.append(" Digest: ").append(u.digest()).append('.');
        }
        if (u.releaseNotesUrl() != null) {
            text.append(" Release notes: ").append(u.releaseNotesUrl());
        }
        return text.toString();
    }

    private static List<Category> categories(UpdateView u) {
        List<Category> categories = new ArrayList<>();
        categories.add(category("host", u.hostname()));
        if (u.versionClass() != null) {
            categories.add(category("class", u.versionClass()));
        }
        if (u.stack() != null) {
            categories.add(category("stack", u.stack()));
        }
        if (u.tag() != null) {
            categories.add(category("tag", u.tag().name()));
        }
        return categories;
    }

    private static Category category(String scheme, String term) {
        Category category = new Category();
        category.setScheme("urn:diun-dashboard:" + scheme);
        category.setTerm(xml(term));
        return category;
    }

    private static Link link(String rel, String href, String type) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(xml(href));
        link.setType(type);
        return link;
    }

    private static SyndPerson person(String name) {
        SyndPersonImpl person = new SyndPersonImpl();
        person.setName(name);
        return person;
    }

    /** Without the characters XML 1.0 cannot carry (stored text may hold any Unicode). */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            out.appendCodePoint(allowed ? c : 0xFFFD);
        });
        return out.toString();
    }
}
