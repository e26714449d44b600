package dev.diundashboard.tags;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A tag as shown on an update: {id, name}. */
@JsonbPropertyOrder({"id", "name"})
public record TagRef(long id, String name) {

    public static TagRef of(Tag tag) {
        return new TagRef(tag.getId(), tag.getName());
    }
}
