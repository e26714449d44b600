package dev.diundashboard.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** A page of a list: {"items": [...], "total": N}. */
@JsonbPropertyOrder({"items", "total"})
public record ListPage<T>(List<T> items, long total) {}
