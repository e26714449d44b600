package dev.diundashboard.live;

import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The changes fired in the current transaction that other instances have not been told about yet. */
@TransactionScoped
public class PendingChanges implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<Change> changes = new ArrayList<>();

    void add(Change change) {
        changes.add(change);
    }

    /** Returns the pending changes and forgets them. */
    List<Change> drain() {
        List<Change> drained = List.copyOf(changes);
        changes.clear();
        return drained;
    }
}
