package org.asyncio4j.processor;

final class Placeholder {}
