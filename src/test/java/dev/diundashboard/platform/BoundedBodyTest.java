package dev.diundashboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * The memory budget of request bodies: what a body takes from it, and when it gives it back. The
 * servlet objects are minimal stand-ins; the filter in a real server is exercised by HttpLimitsIT.
 */
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

    @Test
    void anAsynchronousRequestKeepsItsBudgetUntilItIsAnswered() throws Exception {
        BodyLimitFilter filter = new BodyLimitFilter(BodyLimitFilter.MAX_BYTES);
        List<AsyncListener> listeners = new ArrayList<>();
        FilterChain reads = (request, response) -> request.getInputStream().readAllBytes();

        // A webhook: its body read and parsed, it waits for the commit after the filter has returned.
        Exchange waiting = Exchange.of(600 * KIB, listeners);
        filter.doFilter(waiting.request(), waiting.response(), reads);
        assertThat(listeners).hasSize(1);

        Exchange meanwhile = Exchange.of(600 * KIB, null);
        filter.doFilter(meanwhile.request(), meanwhile.response(), reads);
        assertThat(meanwhile.status())
                .as("the first body's budget is still taken")
                .isEqualTo(503);

        listeners.get(0).onComplete(null);
        Exchange after = Exchange.of(600 * KIB, null);
        filter.doFilter(after.request(), after.response(), reads);
        assertThat(after.status()).as("given back once the first was answered").isZero();
    }

    /**
     * A request with a declared length, asynchronous when it has a list for its listeners, and its
     * response; the status the filter set, 0 if none.
     */
    private record Exchange(HttpServletRequest request, HttpServletResponse response, int[] statusSet) {

        int status() {
            return statusSet[0];
        }

        static Exchange of(int length, List<AsyncListener> listeners) {
            ServletInputStream in = stream(new byte[length]);
            AsyncContext async = proxy(AsyncContext.class, (method, args) -> {
                if (method.equals("addListener")) {
                    listeners.add((AsyncListener) args[0]);
                }
                return null;
            });
            HttpServletRequest request = proxy(HttpServletRequest.class, (method, args) -> switch (method) {
                case "getContentLengthLong" -> (long) length;
                case "getInputStream" -> in;
                case "isAsyncStarted" -> listeners != null;
                case "getAsyncContext" -> async;
                default -> null;
            });
            int[] status = {0};
            ServletOutputStream discard = new ServletOutputStream() {
                @Override
                public void write(int b) {}

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {}
            };
            HttpServletResponse response = proxy(HttpServletResponse.class, (method, args) -> switch (method) {
                case "setStatus" -> {
                    status[0] = (int) args[0];
                    yield null;
                }
                case "isCommitted" -> Boolean.FALSE;
                case "getOutputStream" -> discard;
                default -> null;
            });
            return new Exchange(request, response, status);
        }
    }

    private static <T> T proxy(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
        return type.cast(Proxy.newProxyInstance(
                BoundedBodyTest.class.getClassLoader(),
                new Class<?>[] {type},
                (proxy, method, args) -> answer.apply(method.getName(), args)));
    }

    private static BoundedBody body(byte[] content, Semaphore memory) {
        // Only isCommitted and setHeader are asked of the response.
        HttpServletResponse response =
                proxy(HttpServletResponse.class, (method, args) -> method.equals("isCommitted") ? Boolean.FALSE : null);
        return new BoundedBody(
                stream(content),
                response,
                BodyLimitFilter.MAX_BYTES,
                System.nanoTime() + 60_000_000_000L,
                new Semaphore(1),
                memory);
    }

    private static ServletInputStream stream(byte[] content) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(content);
        return new ServletInputStream() {
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
    }
}
