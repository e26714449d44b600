package dev.diundashboard.storage;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a store whose methods run database statements: each call is timed against SLOW_QUERY_MS (by
 * {@code observe.SlowQueryInterceptor}). It lives with the statements rather than with the metrics,
 * so that the stores of every feature can carry it without depending on observability.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Statements {}
