package bench.ceiling;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Reads the whole notification and answers 200 with a small JSON body, as a hello world would. */
@Path("webhook")
public class CeilingWebhook {

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public String post(String body) {
        return "{\"received\":" + body.length() + "}";
    }
}
