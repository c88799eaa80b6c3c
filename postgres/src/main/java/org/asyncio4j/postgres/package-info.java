/** PostgreSQL for {@code @Async} code. */
package org.asyncio4j.postgres;
