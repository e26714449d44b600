package dev.diundashboard.updates;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.JsonRecord;

/** The body that tags an update: {@code {"tagId": <tag id>}}. */
@JsonRecord(expected = TagAssignment.EXPECTED)
public record TagAssignment(long tagId) {

    static final String EXPECTED = "expected {\"tagId\": <tag id>}";

    public TagAssignment {
        if (tagId < 1) {
            throw ApiException.badRequest(EXPECTED);
        }
    }
}
