package dev.diundashboard.tags;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A tag with the number of updates that carry it. */
@JsonbPropertyOrder({"id", "name", "count"})
public record TagView(long id, String name, long count) {}
