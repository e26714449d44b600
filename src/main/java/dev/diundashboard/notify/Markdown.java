package dev.diundashboard.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * A message as Markdown for the services that render it: CommonMark (Gotify), Discord's Markdown,
 * Slack's mrkdwn. Text from notifications (image names, hosts) is escaped, so that an image name can
 * neither format the message nor add a link; links are only the http(s) ones the message holds.
 */
final class Markdown {

    enum Dialect {
        COMMONMARK,
        DISCORD,
        SLACK
    }

    private Markdown() {}

    /** At most {@code max} characters: updates that do not fit are counted in "… and N more". */
    static String of(Message message, Dialect dialect, int max) {
        List<String> trailer = new ArrayList<>();
        if (message.kind() == Message.Kind.TEST) {
            trailer.add(escape("DiunDashboard can reach this channel.", dialect));
        }
        if (message.dashboardUrl() != null) {
            trailer.add(link("Open the dashboard", message.dashboardUrl(), dialect));
        }
        // Room for the trailer and an "… and N more" line however many are left out.
        int room = max - String.join("\n", trailer).length() - 40;
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (Message.Item item : message.items()) {
            String line = line(item, dialect) + "\n";
            if (out.length() + line.length() > room) {
                break;
            }
            out.append(line);
            shown++;
        }
        int omitted = message.omitted() + message.items().size() - shown;
        if (omitted > 0) {
            out.append(escape("… and " + omitted + " more", dialect)).append('\n');
        }
        out.append(String.join("\n", trailer));
        return HttpFormats.cut(out.toString().strip(), max);
    }

    private static String line(Message.Item item, Dialect dialect) {
        String target = item.url() != null ? item.url() : item.registryUrl();
        StringBuilder line = new StringBuilder("• ");
        line.append(
                target == null ? bold(escape(item.image(), dialect), dialect) : link(item.image(), target, dialect));
        line.append(escape(" on " + item.host() + ": " + item.change(), dialect));
        if (item.versionClass() != null) {
            line.append(escape(" (" + item.versionClass() + ")", dialect));
        }
        if (item.releaseNotesUrl() != null) {
            line.append(" · ").append(link("release notes", item.releaseNotesUrl(), dialect));
        }
        return line.toString();
    }

    private static String bold(String text, Dialect dialect) {
        return dialect == Dialect.SLACK ? "*" + text + "*" : "**" + text + "**";
    }

    static String link(String text, String url, Dialect dialect) {
        if (dialect == Dialect.SLACK) {
            // <url|text>: the text ends at the first '>', and '|' would end the address
            return "<" + slackUrl(url) + "|" + escape(text, dialect).replace('|', '¦') + ">";
        }
        return "[" + escape(text, dialect) + "]("
                + url.replace(" ", "%20").replace("(", "%28").replace(")", "%29") + ")";
    }

    private static String slackUrl(String url) {
        return url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C");
    }

    /**
     * Text that renders as itself: the characters that format or link backslash-escaped (lines start
     * with "• ", so line-start syntax cannot apply), Slack's three entities.
     */
    static String escape(String text, Dialect dialect) {
        if (dialect == Dialect.SLACK) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_~|[]()<>".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
