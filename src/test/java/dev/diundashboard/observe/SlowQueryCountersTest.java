package dev.diundashboard.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.updates.UpdateQueries;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowQueryCountersTest {

    /** A store as the interceptor sees it: private and static methods are never intercepted. */
    static class Store {
        public void read() {}

        public void read(int page) {}

        void write() {}

        private void helper() {}

        static void utility() {}
    }

    @Test
    void eachMethodTheInterceptorCanSeeIsOneStatement() {
        assertThat(SlowQueryCounters.statements(List.of(Store.class))).containsExactly("Store.read", "Store.write");
    }

    @Test
    void theRealStoresNameTheirMethodsAsTheInterceptorDoes() {
        assertThat(SlowQueryCounters.statements(List.of(UpdateQueries.class)))
                .contains("UpdateQueries.summary", "UpdateQueries.list", "UpdateQueries.pendingGroups")
                .allSatisfy(name -> assertThat(name).startsWith("UpdateQueries."));
    }
}
