/**
 * The main demo: a crawler reading the titles of N slow pages one by one (blocking), all at once
 * ({@code @Async} + {@code Asyncio.gather}), and at most N at once (under a {@code Semaphore}), then a
 * fetch cut short by {@code waitFor}. {@code Crawler} holds the three ways; {@code PageServer} is
 * the site they read; {@code CrawlerDemo} runs them and prints the table.
 */
package org.asyncio4j.sample.crawler;
