package dev.diundashboard.updates;

import dev.diundashboard.versions.Glob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an ignore rule matches: every part it names must match. The image glob is matched against
 * the image without its tag and against the whole name (so {@code docker.io/library/*} and {@code
 * docker.io/library/nginx:1.*} both work), the host glob against the hostname Diun sent, the stack
 * glob against the update's stack (an update without one matches no stack glob), the class against
 * its version jump. An update is ignored by the lowest-numbered matching rule.
 */
final class IgnoreRules {

    private IgnoreRules() {}

    /** A rule, compiled. */
    record Rule(long id, Glob image, Glob host, Glob stack, String versionClass) {

        static Rule of(long id, String image, String host, String stack, String versionClass) {
            return new Rule(id, compile(image), compile(host), compile(stack), versionClass);
        }

        boolean matches(String hostname, String image, String stack, String versionClass) {
            return (this.image == null
                            || this.image.matches(image)
                            || this.image.matches(VersionJumps.repositoryOf(image)))
                    && (host == null || host.matches(hostname))
                    && (this.stack == null || (stack != null && this.stack.matches(stack)))
                    && (this.versionClass == null || this.versionClass.equals(versionClass));
        }

        private static Glob compile(String glob) {
            return glob == null ? null : Glob.compile(glob);
        }
    }

    /** The id of the first rule that matches, or null. Rules must be in id order. */
    static Long firstMatch(List<Rule> rules, String hostname, String image, String stack, String versionClass) {
        for (Rule rule : rules) {
            if (rule.matches(hostname, image, stack, versionClass)) {
                return rule.id();
            }
        }
        return null;
    }

    /** Every stored rule, in id order. */
    static List<Rule> load(Connection connection) throws SQLException {
        List<Rule> rules = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT id, image, host, stack, version_class FROM ignore_rules ORDER BY id");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rules.add(Rule.of(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        return rules;
    }
}
