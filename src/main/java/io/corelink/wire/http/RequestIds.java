package io.corelink.wire.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in UUID form for {@code x-amzn-RequestId}. They only need to be unique, not unguessable, so they come
 * from {@link ThreadLocalRandom} instead of {@link UUID#randomUUID()}'s shared SecureRandom, which every request on
 * both planes would otherwise contend for.
 */
public final class RequestIds {
    private RequestIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = random.nextLong() & ~0xF000L | 0x4000L;
        long least = random.nextLong() & ~(0xC000L << 48) | 0x8000L << 48;
        return new UUID(most, least).toString();
    }
}
