package dev.diundashboard.live;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * After a {@link RelaysChanges} store method returns, and before its transaction commits, sends the
 * changes it fired to the other instances. A method that throws sends nothing: its transaction rolls
 * back, and PostgreSQL would drop the notification with it anyway.
 */
@RelaysChanges
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 10)
public class RelayInterceptor {

    @Inject
    ChangeRelay relay;

    @AroundInvoke
    public Object relayAfterwards(InvocationContext call) throws Exception {
        Object result = call.proceed();
        relay.announcePending();
        return result;
    }
}
