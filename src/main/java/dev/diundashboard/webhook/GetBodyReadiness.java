package dev.diundashboard.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports in /health/ready whether the server passes GET bodies ({@code getBodies}: allowed, refused
 * or unknown; allowed by the application when only the running listener allows them). Always UP: Diun's POST notifications and the dashboard work either way, so it is no
 * reason to take the instance out of service; it is there so an operator sees it.
 */
@Readiness
@ApplicationScoped
public class GetBodyReadiness implements HealthCheck {

    @Inject
    GetBodySupport support;

    @Override
    public HealthCheckResponse call() {
        GetBodySupport.Finding finding = support.finding();
        String listeners = String.join(",", finding.refusing());
        var response = HealthCheckResponse.named("webhook").up();
        switch (finding.state()) {
            case ALLOWED -> response.withData("getBodies", "allowed");
            case ENABLED ->
                response.withData("getBodies", "allowed")
                        .withData("getBodiesAllowedBy", "application")
                        .withData("getBodiesNotInConfigurationOf", listeners);
            case REFUSED -> response.withData("getBodies", "refused").withData("getBodiesRefusedBy", listeners);
            case UNKNOWN -> response.withData("getBodies", "unknown");
        }
        return response.build();
    }
}
