package dev.diundashboard.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports in /health/ready whether the server passes GET bodies ({@code getBodies}: allowed, refused
 * or unknown). Always UP: Diun's POST notifications and the dashboard work either way, so it is no
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
        var response = HealthCheckResponse.named("webhook")
                .up()
                .withData("getBodies", finding.state().name().toLowerCase(Locale.ROOT));
        if (!finding.refusing().isEmpty()) {
            response.withData("getBodiesRefusedBy", String.join(",", finding.refusing()));
        }
        return response.build();
    }
}
