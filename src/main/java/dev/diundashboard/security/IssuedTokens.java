package dev.diundashboard.security;

import java.util.Optional;

/**
 * The tokens the login accepts besides passwords, checked where they are stored (the {@code tokens}
 * package provides this), so that the login does not depend on how tokens are kept. A usable token's
 * time of use is recorded.
 */
public interface IssuedTokens {

    /** The name of the feed token when it is usable now. */
    Optional<String> useFeedToken(String token);

    /** The API token's name and the role of its scope when it is usable now. */
    Optional<DashboardCredentials.Caller> useApiToken(String token);
}
