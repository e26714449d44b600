package bench.ceiling;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The floor of the reads: the list and summary paths answering constant JSON of the dashboard's shape
 * (a page of 100 updates, the five counts), with no database and no serialization of their own.
 */
@Path("api")
@Produces(MediaType.APPLICATION_JSON)
public class CeilingReads {

    private static final byte[] PAGE = page();

    private static final String SUMMARY =
            "{\"pending\":10000,\"acknowledged\":0,\"total\":10000,\"hosts\":200,\"lastReceivedAt\":\"2026-12-05T10:00:00Z\"}";

    @GET
    @Path("updates")
    public byte[] list() {
        return PAGE;
    }

    @GET
    @Path("summary")
    public String summary() {
        return SUMMARY;
    }

    private static byte[] page() {
        StringBuilder b = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 100; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"id\":").append(i)
                    .append(",\"hostname\":\"host-").append(i % 200)
                    .append("\",\"image\":\"docker.io/library/app").append(i)
                    .append(":latest\",\"status\":\"update\",\"provider\":\"docker\",\"hubLink\":\"https://hub.docker.com/_/app")
                    .append(i)
                    .append("\",\"mimeType\":\"application/vnd.docker.distribution.manifest.list.v2+json\",\"digest\":\"sha256:")
                    .append("0".repeat(64))
                    .append("\",\"created\":\"2024-05-01T08:20:30.123456Z\",\"platform\":\"linux/amd64\",\"metadata\":")
                    .append("{\"ctn_names\":\"app").append(i)
                    .append("\",\"ctn_state\":\"running\"},\"diunVersion\":\"4.29.0\",\"firstSeen\":\"2026-12-05T10:00:00.000000Z\",")
                    .append("\"lastSeen\":\"2026-12-05T10:00:00.000000Z\",\"seenCount\":3,\"acknowledgedAt\":null,\"tag\":null}");
        }
        return b.append("],\"total\":10000}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
