package dev.diundashboard.updates;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One received notification in an update's history, with the payload as received. Insert-only. */
@Entity
@Table(name = "events")
@NamedQuery(
        name = UpdateEvent.OF_UPDATE,
        query = "SELECT e FROM UpdateEvent e WHERE e.updateId = :updateId ORDER BY e.receivedAt DESC, e.id DESC")
@NamedQuery(
        name = UpdateEvent.COUNT_OF_UPDATE,
        query = "SELECT COUNT(e) FROM UpdateEvent e WHERE e.updateId = :updateId")
@NamedQuery(name = UpdateEvent.DELETE_OF_UPDATE, query = "DELETE FROM UpdateEvent e WHERE e.updateId = :updateId")
public class UpdateEvent {

    public static final String OF_UPDATE = "UpdateEvent.ofUpdate";
    public static final String COUNT_OF_UPDATE = "UpdateEvent.countOfUpdate";
    public static final String DELETE_OF_UPDATE = "UpdateEvent.deleteOfUpdate";

    @Id
    private Long id;

    @Column(name = "update_id", nullable = false)
    private Long updateId;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    private String status;
    private String digest;

    /** The notification's JSON text. */
    @Column(nullable = false)
    private String payload;

    protected UpdateEvent() {}

    public Long getId() {
        return id;
    }

    public Long getUpdateId() {
        return updateId;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public String getStatus() {
        return status;
    }

    public String getDigest() {
        return digest;
    }

    public String getPayload() {
        return payload;
    }
}
