package org.asyncio4j.sample;

public class Main {
    public static void main(String[] args) {}
}
