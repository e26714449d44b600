package dev.diundashboard.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Properties;

/**
 * Sends a message to a channel and says how the target answered: HTTP for ntfy, Gotify, Discord,
 * Slack and webhooks (no redirects followed: a webhook address is what the operator wrote), SMTP with
 * the platform's Jakarta Mail for email. Never throws for the target's sake: every failure is an
 * {@link Attempt} that says why, and whether the target asked to wait ({@code Retry-After}).
 */
@ApplicationScoped
public class Transports {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** The part of a target's answer that is kept (and shown in the page). */
    static final int ANSWER_CHARACTERS = 500;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** How one attempt went: the HTTP status (null for SMTP and network failures) and the answer's start. */
    public record Attempt(boolean delivered, Integer status, String answer, Duration retryAfter) {}

    public Attempt send(ChannelConfig config, Message message) {
        if (config instanceof ChannelConfig.Email email) {
            return email(email, message);
        }
        return http(HttpFormats.of(config, message));
    }

    Attempt http(Outgoing out) {
        HttpRequest.Builder request = HttpRequest.newBuilder(out.uri())
                .timeout(TIMEOUT)
                .method(out.method(), HttpRequest.BodyPublishers.ofString(out.body(), StandardCharsets.UTF_8));
        out.headers().forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String answer = status + " " + HttpFormats.cut(response.body().strip(), ANSWER_CHARACTERS);
            Duration wait = response.headers()
                    .firstValue("Retry-After")
                    .map(Transports::retryAfter)
                    .orElse(null);
            return new Attempt(status >= 200 && status < 300, status, answer.strip(), wait);
        } catch (IOException e) {
            return new Attempt(false, null, "could not reach " + out.uri().getHost() + ": " + describe(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(false, null, "interrupted", null);
        } catch (IllegalArgumentException e) {
            return new Attempt(false, null, "the request is not valid: " + e.getMessage(), null);
        }
    }

    Attempt email(ChannelConfig.Email config, Message message) {
        Properties props = new Properties();
        String protocol = config.security().equals("tls") ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        props.put("mail.transport.protocol", protocol);
        props.put(prefix + "host", config.host());
        props.put(prefix + "port", String.valueOf(config.port()));
        props.put(prefix + "connectiontimeout", String.valueOf(TIMEOUT.toMillis()));
        props.put(prefix + "timeout", String.valueOf(TIMEOUT.toMillis()));
        props.put(prefix + "writetimeout", String.valueOf(TIMEOUT.toMillis()));
        props.put(prefix + "auth", String.valueOf(config.user() != null));
        if (config.security().equals("starttls")) {
            props.put(prefix + "starttls.enable", "true");
            props.put(prefix + "starttls.required", "true");
        }
        if (!config.security().equals("none")) {
            props.put(prefix + "ssl.checkserveridentity", "true");
        }
        Session session = Session.getInstance(props);
        try {
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress(config.from(), true));
            mail.setRecipients(RecipientType.TO, InternetAddress.parse(config.to(), true));
            mail.setSubject(message.title(), "UTF-8");
            mail.setText(message.text() + "\n", "UTF-8");
            mail.setSentDate(new Date());
            try (Transport transport = session.getTransport(protocol)) {
                transport.connect(config.host(), config.port(), config.user(), config.password());
                transport.sendMessage(mail, mail.getAllRecipients());
            }
            return new Attempt(true, null, "accepted by " + config.host(), null);
        } catch (MessagingException e) {
            return new Attempt(false, null, HttpFormats.cut(describe(e), ANSWER_CHARACTERS), null);
        }
    }

    /** Seconds, or an HTTP date; at most a day. */
    static Duration retryAfter(String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            return Duration.ofSeconds(Math.max(0, Math.min(seconds, 86_400)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative()
                        ? Duration.ZERO
                        : wait.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String describe(Exception e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null ? text : text + " (" + cause.getMessage() + ")";
    }
}
