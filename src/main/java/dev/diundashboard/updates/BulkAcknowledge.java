package dev.diundashboard.updates;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.JsonRecord;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * The body of a bulk acknowledgement: {@code {"ids": [...]}}, or a filter with the list's names
 * ({@code tag} also as a number). A filter must say which updates it means, so that an empty or
 * mistyped body never acknowledges everything (see {@link #filter()}).
 */
@JsonRecord(expected = "expected {\"ids\": [...]} or a filter with state, host, tag, status, q, class, maturity, stack")
public record BulkAcknowledge(
        @JsonRecord.Invalid(BulkAcknowledge.IDS) List<Long> ids,
        @JsonRecord.Invalid("'state' must be a string") String state,
        @JsonRecord.Invalid("'host' must be a string") String host,

        @JsonRecord.Invalid("'tag' must be a string") @JsonRecord.NumberAsText
        String tag,

        @JsonRecord.Invalid("'status' must be a string") String status,
        @JsonRecord.Invalid("'q' must be a string") String q,

        @JsonRecord.Invalid("'class' must be a string") @JsonbProperty("class")
        String versionClass,

        @JsonRecord.Invalid("'maturity' must be a string") String maturity,
        @JsonRecord.Invalid("'stack' must be a string") String stack) {

    static final int MAX_IDS = 10_000;
    static final String IDS = "'ids' must be an array of update ids";

    public BulkAcknowledge {
        if (ids != null) {
            if (state != null
                    || host != null
                    || tag != null
                    || status != null
                    || q != null
                    || versionClass != null
                    || maturity != null
                    || stack != null) {
                throw ApiException.badRequest("give either 'ids' or a filter, not both");
            }
            if (ids.size() > MAX_IDS) {
                throw ApiException.badRequest("at most " + MAX_IDS + " ids at once");
            }
            if (ids.stream().anyMatch(id -> id < 1)) {
                throw ApiException.badRequest(IDS);
            }
            ids = List.copyOf(ids);
        } else {
            filter(
                    state,
                    host,
                    tag,
                    status,
                    q,
                    versionClass,
                    maturity,
                    stack); // refused here, before the write waits for its turn
        }
    }

    /**
     * The filter, when no ids are given: at least one of host, tag, status or q, or
     * {@code state: "pending"}, which is how the page asks for "every pending update" when no other
     * filter is set.
     */
    UpdateFilter filter() {
        return filter(state, host, tag, status, q, versionClass, maturity, stack);
    }

    private static UpdateFilter filter(
            String state,
            String host,
            String tag,
            String status,
            String q,
            String versionClass,
            String maturity,
            String stack) {
        UpdateFilter f = UpdateFilter.of(state, host, tag, status, q, versionClass, maturity, stack);
        boolean narrows = f.host() != null
                || f.tagId() != null
                || f.untagged()
                || f.status() != null
                || f.q() != null
                || f.versionClass() != null
                || f.maturity() != null
                || f.stack() != null
                || f.state() == UpdateFilter.State.PENDING;
        if (!narrows) {
            throw ApiException.badRequest(
                    "the filter names no updates: give 'ids', or at least one of"
                            + " host, tag, status, q, class, maturity, stack, or state \"pending\" to acknowledge every pending update");
        }
        return f;
    }
}
