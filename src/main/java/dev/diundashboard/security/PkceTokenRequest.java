package dev.diundashboard.security;

import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.Optional;

/**
 * Adds the PKCE {@code code_verifier} to the token request that Jakarta Security's OpenID Connect
 * mechanism makes with a Jakarta REST client. Loaded as a service ({@code
 * META-INF/services/jakarta.ws.rs.core.Feature}, Jakarta REST 3.1), so that it applies to the
 * mechanism's client; it acts only while {@link Pkce#exchanging} runs on this thread, and only on an
 * authorization-code form, so every other client in the process is left alone.
 */
public class PkceTokenRequest implements Feature, ClientRequestFilter {

    @Override
    public boolean configure(FeatureContext context) {
        if (context.getConfiguration().getRuntimeType() != RuntimeType.CLIENT) {
            return false;
        }
        context.register(PkceTokenRequest.class);
        return true;
    }

    @Override
    public void filter(ClientRequestContext request) {
        Optional<String> verifier = Pkce.tokenRequestVerifier();
        if (verifier.isEmpty()
                || !"POST".equals(request.getMethod())
                || !(request.getEntity() instanceof Form form)
                || !"authorization_code".equals(form.asMap().getFirst("grant_type"))
                || form.asMap().containsKey("code_verifier")) {
            return;
        }
        MultivaluedHashMap<String, String> fields = new MultivaluedHashMap<>(form.asMap());
        fields.putSingle("code_verifier", verifier.get());
        request.setEntity(new Form(fields));
    }
}
