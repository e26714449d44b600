package dev.diundashboard.storage;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method (or every method of a class) that writes: each call runs through the
 * {@link WriteGate}, so that on SQLite writers take their turn. Put it on the CDI bean that calls the
 * transactional store (a resource method), never on the {@code @Stateless} store itself: an EJB's
 * interceptors run inside its transaction, and the gate must be held until after the commit.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface GatedWrite {}
