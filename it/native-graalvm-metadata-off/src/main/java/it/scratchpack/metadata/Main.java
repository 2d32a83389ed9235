package it.scratchpack.metadata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/** A bounded, expiring Caffeine cache: Caffeine picks its generated implementation class by a name it computes. */
public final class Main {
    public static void main(String[] args) {
        Cache<String, String> cache = Caffeine.newBuilder().maximumSize(100).expireAfterWrite(Duration.ofSeconds(30)).build();
        cache.put("greeting", "hello");
        System.out.println("cache works: " + cache.getIfPresent("greeting"));
    }
}
