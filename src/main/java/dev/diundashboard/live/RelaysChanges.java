package dev.diundashboard.live;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a store that fires {@link Change}s: at the end of each call, still inside its transaction,
 * the changes it fired are announced to the other instances on the same PostgreSQL database.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface RelaysChanges {}
