package dev.diundashboard.updates;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A host's alias as the API shows it. */
@JsonbPropertyOrder({"hostname", "alias"})
@Schema(name = "HostAlias")
public record HostAliasView(String hostname, String alias) {}
