package dev.diundashboard.storage;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Runs each call of a {@link GatedWrite} method through the {@link WriteGate}. */
@GatedWrite
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class WriteGateInterceptor {

    @Inject
    WriteGate gate;

    @AroundInvoke
    public Object gated(InvocationContext call) throws Exception {
        return gate.call(call::proceed);
    }
}
