package io.corelink.wire.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageTokensTest {
    private final PageTokens tokens = new PageTokens(PageTokens.newKey());

    @Test
    void aSealedPosition_opensOnlyForItsScope() {
        String token = tokens.seal("core-1", "sensor-042");
        assertThat(token).doesNotContain("sensor").matches("[A-Za-z0-9+/]+={0,2}");
        assertThat(tokens.open("core-1", token)).contains("sensor-042");
        assertThat(tokens.open("core-2", token)).isEmpty();
    }

    @Test
    void alteredForgedOrForeignTokens_doNotOpen() {
        String token = tokens.seal("s", "position");
        byte[] bytes = Base64.getDecoder().decode(token);
        bytes[bytes.length / 2] ^= 1;
        assertThat(tokens.open("s", Base64.getEncoder().encodeToString(bytes))).isEmpty();
        assertThat(tokens.open("s", "not a token")).isEmpty();
        assertThat(tokens.open("s", "")).isEmpty();
        assertThat(new PageTokens(PageTokens.newKey()).open("s", token)).isEmpty();
    }

    @Test
    void theSamePosition_neverGivesTheSameTokenTwice() {
        assertThat(tokens.seal("s", "p")).isNotEqualTo(tokens.seal("s", "p"));
    }

    @Test
    void nodesSharingTheKey_openEachOthersTokens() {
        byte[] key = PageTokens.newKey();
        assertThat(new PageTokens(key).open("s", new PageTokens(key).seal("s", "p"))).contains("p");
    }
}
