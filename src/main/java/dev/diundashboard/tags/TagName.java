package dev.diundashboard.tags;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.InputRules;
import dev.diundashboard.platform.JsonRecord;

/** The body that creates or renames a tag: {@code {"name": "..."}}, the name stripped and checked. */
@JsonRecord(expected = TagName.EXPECTED)
public record TagName(String name) {

    static final String EXPECTED = "expected {\"name\": \"...\"}";

    public TagName {
        if (name == null) {
            throw ApiException.badRequest(EXPECTED);
        }
        name = InputRules.name("tag name", name);
    }
}
