package dev.diundashboard.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of the outbox, for listing and retrying; the sender works on the table over JDBC. */
@Entity
@Table(name = "outbox")
public class Delivery {

    @Id
    private Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "channel_id")
    private Channel channel;

    private String kind;
    private String state;

    @Column(name = "update_id")
    private Long updateId;

    private String hostname;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "due_at")
    private Instant dueAt;

    private int attempts;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "last_answer")
    private String lastAnswer;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected Delivery() {}

    public Long getId() {
        return id;
    }

    String getState() {
        return state;
    }

    /** Back to pending, due now, with a fresh count of attempts. */
    void retry(Instant now) {
        state = "pending";
        dueAt = now;
        attempts = 0;
        claimedUntil = null;
    }

    DeliveryView view() {
        return new DeliveryView(
                id,
                channel.getId(),
                channel.getName(),
                channel.getType(),
                kind,
                state,
                updateId,
                hostname,
                createdAt,
                dueAt,
                attempts,
                lastAttemptAt,
                lastAnswer,
                sentAt);
    }
}
