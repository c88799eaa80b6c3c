package org.asyncio4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body may call {@code Await.on(...)}. The asyncio4j annotation processor
 * compiles each such method into a state machine in a generated class {@code AsyncFoo}.
 * The method must return {@code Task<T>}, must not be private, final, abstract, native or
 * synchronized, and its class must be a non-final top-level or static nested class.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {}
