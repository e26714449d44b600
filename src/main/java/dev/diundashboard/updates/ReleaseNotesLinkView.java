package dev.diundashboard.updates;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A release-notes link template as the API shows it. */
@JsonbPropertyOrder({"id", "image", "template", "createdAt"})
@Schema(name = "LinkTemplate")
public record ReleaseNotesLinkView(long id, String image, String template, Instant createdAt) {}
