package dev.diundashboard.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Errors the servlet container answers itself (malformed URLs, encoded slashes) get the same JSON
 * error shape as the API instead of the server's HTML page. Mapped in WEB-INF/web.xml.
 */
@WebServlet("/_error")
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;
        String error = switch (status) {
            case 400 -> "bad request";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "payload too large";
            default -> status >= 500 ? "internal error" : "error";
        };
        String detail = status >= 500 ? "the server could not complete the request" : "the request was refused";
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getOutputStream().write(new ApiError(error, detail).toJson().getBytes(StandardCharsets.UTF_8));
    }
}
