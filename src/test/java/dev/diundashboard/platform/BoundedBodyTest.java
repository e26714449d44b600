package dev.diundashboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/** The memory budget of request bodies: what a body takes from it, and when it gives it back. */
class BoundedBodyTest {

    private static final int KIB = 1024;

    @Test
    void theBudgetIsAFortyEighthOfTheHeapButAtLeastOneLargestBody() {
        assertThat(BodyLimitFilter.memoryBudget(72L * KIB * KIB)).isEqualTo(72L * KIB * KIB / 48);
        assertThat(BodyLimitFilter.memoryBudget(16L * KIB * KIB)).isEqualTo(BodyLimitFilter.MAX_BYTES);
    }

    @Test
    void aSmallBodyTakesNothingFromTheBudget() throws IOException {
        Semaphore memory = new Semaphore(0);
        BoundedBody body = body(new byte[BodyLimitFilter.SMALL_BYTES], memory);
        assertThat(body.reserve(BodyLimitFilter.SMALL_BYTES)).isTrue();
        assertThat(body.readAllBytes()).hasSize(BodyLimitFilter.SMALL_BYTES);
        body.done();
        assertThat(memory.availablePermits()).isZero();
    }

    @Test
    void aDeclaredLengthIsTakenAtOnceAndGivenBackWhenTheRequestIsDone() throws IOException {
        Semaphore memory = new Semaphore(1024);
        BoundedBody body = body(new byte[200 * KIB], memory);
        assertThat(body.reserve(200 * KIB)).isTrue();
        assertThat(memory.availablePermits()).isEqualTo(1024 - (200 - 16));
        assertThat(body.readAllBytes()).hasSize(200 * KIB);
        // Read to its end, the body is still in the heap: the budget stays taken until done.
        assertThat(memory.availablePermits()).isEqualTo(1024 - (200 - 16));
        body.done();
        assertThat(memory.availablePermits()).isEqualTo(1024);
    }

    @Test
    void aDeclaredLengthBeyondTheBudgetLeftIsRefusedBeforeAByteIsRead() {
        Semaphore memory = new Semaphore(100);
        assertThat(body(new byte[200 * KIB], memory).reserve(200 * KIB)).isFalse();
        assertThat(memory.availablePermits()).isEqualTo(100);
    }

    @Test
    void aBodyOfUnknownLengthTakesTheBudgetAsItIsReadAndIsRefusedWith503WhenItIsSpent() {
        Semaphore memory = new Semaphore(100);
        BoundedBody body = body(new byte[300 * KIB], memory);
        assertThat(body.reserve(-1)).isTrue();
        assertThatThrownBy(body::readAllBytes)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
        body.done();
        assertThat(memory.availablePermits()).isEqualTo(100);
    }

    private static BoundedBody body(byte[] content, Semaphore memory) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(content);
        ServletInputStream in = new ServletInputStream() {
            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return bytes.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {}
        };
        // Only isCommitted and setHeader are asked of the response.
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                BoundedBodyTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> method.getName().equals("isCommitted") ? Boolean.FALSE : null);
        return new BoundedBody(
                in, response, BodyLimitFilter.MAX_BYTES, System.nanoTime() + 60_000_000_000L, new Semaphore(1), memory);
    }
}
