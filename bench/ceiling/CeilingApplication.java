package bench.ceiling;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The benchmark's platform ceiling (bench/ingest.sh builds it into a WAR of its own): a JAX-RS
 * application on the same Payara Micro, options and load as the dashboard, doing no work of its own.
 */
@ApplicationPath("")
public class CeilingApplication extends Application {}
