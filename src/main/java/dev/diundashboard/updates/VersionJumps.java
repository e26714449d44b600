package dev.diundashboard.updates;

import dev.diundashboard.versions.TagVersion;
import dev.diundashboard.versions.VersionClass;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each update of one repository on one host is: a version tag moves from the highest lower
 * version of the same shape (prefix, number of parts, suffix) that the host has or had, classed by
 * the first part that differs; a tag with no such version, a moving tag like {@code latest} among
 * them, is a digest update when its digest changed. Newer means by version order, never by arrival.
 */
public final class VersionJumps {

    /** One stored update of the group. */
    record Member(long id, String image, String previousDigest) {}

    /** The tag it moves from and the class; both null when there is nothing to say. */
    record Jump(String from, String versionClass) {

        static final Jump NONE = new Jump(null, null);
    }

    private VersionJumps() {}

    /** The jump of every member; members should share host and {@link #repositoryOf repository}. */
    static Map<Long, Jump> classify(Collection<Member> members) {
        List<Member> list = new ArrayList<>(members);
        List<TagVersion> versions = new ArrayList<>(list.size());
        for (Member member : list) {
            TagVersion version = TagVersion.parse(tagOf(member.image()));
            versions.add(version.isVersion() ? version : null);
        }
        Map<Long, Jump> jumps = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            TagVersion to = versions.get(i);
            TagVersion from = null;
            if (to != null) {
                for (TagVersion other : versions) {
                    if (other != null
                            && other.comparableWith(to)
                            && to.isNewerThan(other)
                            && (from == null || other.isNewerThan(from))) {
                        from = other;
                    }
                }
            }
            Member member = list.get(i);
            Jump jump;
            if (from != null) {
                jump = new Jump(from.toString(), VersionClass.classify(from, to).wireName());
            } else if (member.previousDigest() != null) {
                jump = new Jump(null, VersionClass.DIGEST.wireName());
            } else {
                jump = Jump.NONE;
            }
            jumps.put(member.id(), jump);
        }
        return jumps;
    }

    /**
     * The image name as stored without its tag and digest: the text before the last {@code :} that
     * follows the last {@code /} (a registry's port is not a tag).
     */
    static String repositoryOf(String image) {
        String name = withoutDigest(image);
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
    }

    /**
     * The change in words, as messages and the feed say it: {@code 1.24 → 1.25}, {@code new digest},
     * {@code new image} or {@code update}.
     */
    public static String change(String image, String versionFrom, String versionClass, String status) {
        if (versionFrom != null) {
            return versionFrom + " → " + tagOf(image);
        }
        if ("digest".equals(versionClass)) {
            return "new digest";
        }
        return "new".equals(status) ? "new image" : "update";
    }

    /** The tag as stored, {@code latest} when the name has none. */
    public static String tagOf(String image) {
        String name = withoutDigest(image);
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(colon + 1) : "latest";
    }

    private static String withoutDigest(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }
}
