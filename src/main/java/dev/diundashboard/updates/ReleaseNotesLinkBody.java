package dev.diundashboard.updates;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.InputRules;
import dev.diundashboard.platform.JsonRecord;
import dev.diundashboard.versions.LinkTemplate;

/**
 * The body that creates a release-notes link ({@code {"image", "template"}}, both) or changes one
 * (either or both). The image is a glob over the image's repository path ({@code
 * docker.io/library/nginx}, {@code ghcr.io/owner/*}); the template an http(s) URL that may use
 * {@code {owner}}, {@code {repo}}, {@code {tag}} and {@code {version}}.
 */
@JsonRecord(expected = ReleaseNotesLinkBody.EXPECTED)
public record ReleaseNotesLinkBody(
        @JsonRecord.Invalid("'image' must be a glob, as text")
        String image,

        @JsonRecord.Invalid("'template' must be a URL template, as text")
        String template) {

    static final String EXPECTED =
            "expected {\"image\": \"<glob>\", \"template\": \"<URL with {owner} {repo} {tag}" + " {version}>\"}";

    public ReleaseNotesLinkBody {
        image = absentIfBlank("image", image);
        template = absentIfBlank("template", template);
        if (image == null && template == null) {
            throw ApiException.badRequest(EXPECTED);
        }
    }

    /** The checked template this body gives, what it leaves out taken from the stored one (null: none). */
    LinkTemplate compile(String storedImage, String storedTemplate) {
        String glob = image != null ? image : storedImage;
        String url = template != null ? template : storedTemplate;
        if (glob == null || url == null) {
            throw ApiException.badRequest("a new release-notes link needs both 'image' and 'template'");
        }
        try {
            return LinkTemplate.of(glob, url);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static String absentIfBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return InputRules.line(field, value, LinkTemplate.MAX_LENGTH * 4);
    }
}
