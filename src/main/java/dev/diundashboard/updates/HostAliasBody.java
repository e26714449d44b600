package dev.diundashboard.updates;

import dev.diundashboard.platform.InputRules;
import dev.diundashboard.platform.JsonRecord;

/** {@code {"alias": "..."}}: one line of 1 to 100 characters, stripped. */
@JsonRecord(expected = "expected {\"alias\": \"<name to show>\"}")
public record HostAliasBody(
        @JsonRecord.Invalid("'alias' must be text") String alias) {

    public HostAliasBody {
        alias = InputRules.name("alias", alias);
    }
}
